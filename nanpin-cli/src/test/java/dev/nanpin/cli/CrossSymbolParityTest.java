package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Bar;
import dev.nanpin.BarSeries;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.live.Bot;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.live.paper.PaperPortfolio;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.sim.BacktestResult.FillRecord;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.portfolio.PortfolioBacktester;
import dev.nanpin.sim.portfolio.PortfolioLeg;
import dev.nanpin.sim.portfolio.PortfolioResult;
import dev.nanpin.spi.Plugins;
import dev.nanpin.testkit.EngineParityKit.ParityFill;
import dev.nanpin.testkit.EngineParityKit.Scenario;
import dev.nanpin.testkit.SharedData;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parity of a strategy that reads another symbol's bars ({@link StrategyContext#bars(String)}):
 * each symbol buys only while the other symbol's last visible close is above that symbol's 20-bar
 * simple moving average, and sells when it falls below or its own price is 5 % above its entry. A
 * two-symbol paper bot replaying BTC and ETH 1d and the portfolio backtest of the same files give
 * the same fills per symbol, with rounding on, 10 bps fees, no slippage, fills at the next open and
 * a 100-quote sizer per symbol on 10,000 of shared capital.
 */
class CrossSymbolParityTest {
  private static final String TICK = "0.01";
  private static final String STEP = "0.00001";
  private static final double FEE = 0.001;
  private static final int CAPITAL = 10_000;
  private static final List<String> SYMBOLS = List.of("BTC_USDT", "ETH_USDT");

  @TempDir Path dir;

  /** Trades its own symbol on the trend of another symbol of the run. */
  static final class FollowsOther implements Strategy {
    private final String other;
    int gatedEntries;

    FollowsOther(String other) {
      this.other = other;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      BarSeries o = ctx.bars(other);
      if (o.size() < 20) {
        return;
      }
      double sum = 0;
      for (int i = o.size() - 20; i < o.size(); i++) {
        sum += o.close(i);
      }
      boolean up = o.close(o.size() - 1) > sum / 20;
      double q = ctx.account().positionQuantity();
      if (ctx.openOrderCount() > 0) {
        return;
      }
      if (q == 0 && up) {
        gatedEntries++;
        ctx.submit(OrderIntent.buySized(1));
      } else if (q > 0 && (!up || ctx.price() > ctx.account().averageEntryPrice() * 1.05)) {
        ctx.submit(OrderIntent.closePosition(Side.SELL));
      }
    }
  }

  @Test
  void aStrategyReadingTheOtherSymbolTradesTheSameInThePaperBotAndThePortfolioBacktest() throws Exception {
    List<Path> csv = List.of(SharedData.require("data/btc-usdt-1d.csv"), SharedData.require("data/eth-usdt-1d.csv"));
    Scenario grid = new Scenario("cross-symbol", csv.get(0), false, 1, "nanpin", Map.of(), new BigDecimal(TICK),
        new BigDecimal(STEP), 0, Map.of());
    Plugins plugins = Plugins.load();
    RiskLimits limits = new RiskLimits(new BigDecimal("50000"), null, new BigDecimal("5"), null, null);

    // the portfolio backtest
    List<PortfolioLeg> legs = new ArrayList<>();
    for (int i = 0; i < SYMBOLS.size(); i++) {
      String symbol = SYMBOLS.get(i);
      legs.add(new PortfolioLeg(symbol, CsvBars.read(csv.get(i)), SimulationConfig.builder().capital(CAPITAL)
          .feeBps(10).slippageBps(0).fillTiming(FillTiming.NEXT_OPEN).roundToInstrument(true)
          .instrument(instrument(symbol)).riskGuard(dev.nanpin.risk.guard.RiskGuard.of(limits)).build()));
    }
    List<FollowsOther> simStrategies = new ArrayList<>();
    PortfolioResult result = new PortfolioBacktester(CAPITAL, null).run(legs, s -> {
      FollowsOther f = new FollowsOther(other(s));
      simStrategies.add(f);
      return f;
    }, s -> plugins.sizer("fixed-quote", Map.of("quote", "100")));

    // the two-symbol paper bot
    List<PaperPortfolio.Market> markets = new ArrayList<>();
    Duration interval = Duration.ofDays(1);
    for (int i = 0; i < SYMBOLS.size(); i++) {
      List<Bar> bars = PaperExchange.readCsv(csv.get(i));
      markets.add(new PaperPortfolio.Market(new PaperConfig(instrument(SYMBOLS.get(i)), BigDecimal.valueOf(CAPITAL),
          FEE, FEE, 0, 1), bars, interval, 0));
    }
    PaperPortfolio venue = PaperPortfolio.replay(BigDecimal.valueOf(CAPITAL), markets, null);
    EngineConfig cfg = EngineConfig.defaults("cross", SYMBOLS.get(0));
    Bot.Builder b = Bot.builder()
        .engine(cfg.withBars(interval, 0).withReconcile(Duration.ofHours(100_000), cfg.signingWindow()).withFees(FEE, FEE))
        .exchange(venue)
        .risk(limits)
        .store(dir.resolve("paper.db"))
        .clock(venue.clock())
        .replay(venue::advance);
    List<FollowsOther> liveStrategies = new ArrayList<>();
    for (String symbol : SYMBOLS) {
      FollowsOther f = new FollowsOther(other(symbol));
      liveStrategies.add(f);
      b.ladder(symbol, f, plugins.sizer("fixed-quote", Map.of("quote", "100")));
    }
    try (Bot bot = b.build()) {
      bot.start();
      assertThat(bot.runReplay(Duration.ZERO)).as("replay finished: %s", bot.failure()).isTrue();
      assertThat(bot.awaitTermination(Duration.ofMinutes(1))).isTrue();
      assertThat(bot.failure()).isNull();
    }

    int total = 0;
    for (String symbol : SYMBOLS) {
      List<ParityFill> sim = new ArrayList<>();
      for (FillRecord f : result.fills(symbol)) {
        sim.add(ParityFill.of(grid, Instant.ofEpochMilli(f.timeMillis()), f.side(), BigDecimal.valueOf(f.price()),
            BigDecimal.valueOf(f.quantity()), BigDecimal.valueOf(f.fee())));
      }
      List<ParityFill> paper = new ArrayList<>();
      for (Fill f : venue.fills(symbol, Instant.EPOCH)) {
        paper.add(ParityFill.of(grid, f.time(), f.side(), f.price(), f.quantity(), f.fee()));
      }
      assertThat(paper).as("%s fills (paper vs backtest)", symbol).containsExactlyElementsOf(sim);
      total += paper.size();
    }
    assertThat(total).as("fills of both symbols").isGreaterThan(20);
    // the gate was open and shut on both sides: the other symbol's bars decided
    assertThat(simStrategies).allSatisfy(f -> assertThat(f.gatedEntries).isPositive());
    assertThat(liveStrategies.stream().mapToInt(f -> f.gatedEntries).toArray())
        .containsExactly(simStrategies.stream().mapToInt(f -> f.gatedEntries).toArray());
  }

  private static String other(String symbol) {
    return SYMBOLS.get(0).equals(symbol) ? SYMBOLS.get(1) : SYMBOLS.get(0);
  }

  private static Instrument instrument(String symbol) {
    return new Instrument(symbol, symbol.split("_")[0], "USDT", InstrumentKind.SPOT, new BigDecimal(TICK),
        new BigDecimal(STEP), new BigDecimal(STEP));
  }
}
