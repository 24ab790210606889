package dev.nanpin.live.internal;

import dev.nanpin.Bar;
import dev.nanpin.ConfigException;
import dev.nanpin.Exchange;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.ExchangeProvider;
import dev.nanpin.spi.PluginConfig;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Provides the {@code paper} exchange on a CSV replay. */
public final class PaperExchangeProvider implements ExchangeProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .stringParam("csv", null, "CSV of bars to replay (timestamp,open,high,low,close,volume)")
      .stringParam("symbol", "BTC_USDC", "the symbol the replayed market trades under")
      .stringParam("base", "BTC", "the base asset")
      .stringParam("quote", "USDC", "the quote asset")
      .enumParam("kind", InstrumentKind.class, InstrumentKind.SPOT, "spot or perpetual")
      .doubleParam("tickSize", 0.01, 1e-12, 1e9, "price increment")
      .doubleParam("stepSize", 0.00001, 1e-12, 1e9, "quantity increment")
      .doubleParam("minQuantity", 0.00001, 1e-12, 1e9, "smallest order quantity")
      .doubleParam("cash", 10_000, 1e-6, 1e15, "starting quote balance")
      .doubleParam("makerFeeBps", 2, 0, 1_000, "maker fee in basis points")
      .doubleParam("takerFeeBps", 5, 0, 1_000, "taker fee in basis points")
      .doubleParam("slippageBps", 1, 0, 1_000, "market-order slippage in basis points")
      .doubleParam("leverage", 1, 1, 125, "margin leverage on a perpetual")
      .doubleParam("fundingRate", Double.NaN, -1, 1, "funding rate per 8 h on a perpetual, longs pay when positive; "
          + "required on a perpetual (0 to assume none), as in the backtester")
      .doubleParam("maintenanceMarginRate", Double.NaN, 0, 0.999, "a constant maintenance margin of a perpetual, "
          + "a fraction of the notional (off: the backtester's model, " + Liquidation.DEFAULT_MMF_BASE + " + "
          + Liquidation.DEFAULT_MMF_FACTOR + " * sqrt(notional))")
      .doubleParam("liquidationFeeBps", Liquidation.DEFAULT_FEE_BPS, 0, 9_999,
          "fee of a liquidation in basis points of the notional, on top of the taker fee (the backtester's default)")
      .stringParam("path", "nearer-extreme-first", "intrabar path: nearer-extreme-first or pessimistic "
          + "(the adverse extreme first; a take-profit placed during a bar waits for the next), as backtest --path")
      .intParam("historyBars", 50, 0, 1_000_000, "bars given as history before the replay starts")
      .stringParam("stateFile", null, "file that keeps the paper account across restarts (none: in memory)")
      .build();

  /** Creates the provider; does no work. */
  public PaperExchangeProvider() {}

  @Override
  public String id() {
    return "paper";
  }

  @Override
  public String description() {
    return "Simulated exchange on a CSV replay: simulator fill rules and fees, no keys, no money";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Exchange create(PluginConfig config) {
    String csv = config.getString("csv");
    if (csv == null || csv.isBlank()) {
      throw new ConfigException("csv", "set csv to a file of bars to replay (or run a live exchange with --paper)");
    }
    List<Bar> bars = PaperExchange.readCsv(Path.of(csv));
    if (bars.size() < 2) {
      throw new ConfigException("csv", csv + " has fewer than 2 bars");
    }
    Duration interval = Duration.between(bars.get(0).time(), bars.get(1).time());
    Instrument instrument = new Instrument(config.getString("symbol"), config.getString("base"),
        config.getString("quote"), config.getEnum("kind", InstrumentKind.class),
        BigDecimal.valueOf(config.getDouble("tickSize")), BigDecimal.valueOf(config.getDouble("stepSize")),
        BigDecimal.valueOf(config.getDouble("minQuantity")));
    String path = config.getString("path");
    if (!"nearer-extreme-first".equals(path) && !"pessimistic".equals(path)) {
      throw new ConfigException("path", "path must be nearer-extreme-first or pessimistic, not " + path);
    }
    double funding = config.getDouble("fundingRate");
    double mmr = config.getDouble("maintenanceMarginRate");
    PaperConfig pc = new PaperConfig(instrument, BigDecimal.valueOf(config.getDouble("cash")),
        config.getDouble("makerFeeBps") / 10_000, config.getDouble("takerFeeBps") / 10_000,
        config.getDouble("slippageBps") / 10_000, config.getDouble("leverage"), Double.isNaN(funding) ? null : funding,
        PaperConfig.DEFAULT_FUNDING_INTERVAL, null,
        Double.isNaN(mmr) ? Liquidation.DEFAULT_MAINTENANCE_MARGIN : MaintenanceMargin.constant(mmr),
        config.getDouble("liquidationFeeBps") / 10_000, "pessimistic".equals(path));
    String state = config.getString("stateFile");
    int history = Math.min(config.getInt("historyBars"), bars.size() - 1);
    return PaperExchange.replay(pc, bars, interval, history, state == null || state.isBlank() ? null : Path.of(state));
  }
}
