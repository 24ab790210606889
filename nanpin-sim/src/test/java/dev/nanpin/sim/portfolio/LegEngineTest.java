package dev.nanpin.sim.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizer;
import dev.nanpin.risk.guard.PortfolioGuard;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.IntrabarPath;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A portfolio's symbols run the single-symbol engine's order handling ({@code LegEngine}) with the
 * shared pool as its hook. Over the engine's switches (spot and perp, both fill timings, the
 * pessimistic path and touch fills, rounding, a guard, funding, liquidation): a portfolio of one
 * symbol gives the single-symbol backtest's every fill, round trip and refusal; and BTC plus ETH on
 * one pool give, to the bit, the records of the portfolio backtester before it ran the engine
 * (digests of every fill, round trip, refusal and the equity curve, taken from {@code main} at
 * {@code eb884ae}, whose legs had order handling of their own).
 */
class LegEngineTest {
  private static final Path DATA = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data");

  enum Setup {
    SPOT_SHORT_CASH(1_500, 100, "8bd2df426d83bb76"),
    SPOT_NEXT_OPEN_ROUNDED(10_000, 300, "175d309c4c3b8ab8"),
    PERP_FUNDING_GUARDED(3_000, 500, "b1dd053ca437b8f3"),
    PERP_LIQUIDATED(600, 200, "fac03110e8d715e9");

    final double capital;
    final double quote;
    final String digest;

    Setup(double capital, double quote, String digest) {
      this.capital = capital;
      this.quote = quote;
      this.digest = digest;
    }

    SimulationConfig config(String symbol) {
      boolean perp = name().startsWith("PERP");
      SimulationConfig.Builder b = SimulationConfig.builder().capital(capital).feeBps(10).slippageBps(5)
          .instrument(new Instrument(symbol, symbol.substring(0, 3), "USDC", perp ? InstrumentKind.PERP : InstrumentKind.SPOT,
              new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001")));
      return switch (this) {
        case SPOT_SHORT_CASH -> b.fillTiming(FillTiming.SIGNAL_CLOSE).build();
        case SPOT_NEXT_OPEN_ROUNDED -> b.fillTiming(FillTiming.NEXT_OPEN).intrabarPath(IntrabarPath.PESSIMISTIC)
            .limitFillsOnTouch(true).roundToInstrument(true).build();
        case PERP_FUNDING_GUARDED -> b.fillTiming(FillTiming.NEXT_OPEN).leverage(3).funding(0.0001, Duration.ofHours(8))
            .riskGuard(RiskGuard.of(RiskLimits.none())).build();
        case PERP_LIQUIDATED -> b.fillTiming(FillTiming.SIGNAL_CLOSE).leverage(10).maintenanceMarginRate(0.05)
            .liquidationFeeBps(50).funding(0.0003, Duration.ofHours(8)).build();
      };
    }

    NanpinStrategy strategy() {
      NanpinConfig c = NanpinConfig.of(Map.of("step", 0.03, "levels", 6, "takeProfit", 0.04));
      return new NanpinStrategy(name().startsWith("PERP") ? c.with("leverage", 10) : c);
    }

    PortfolioGuard guard() {
      return this == PERP_FUNDING_GUARDED
          ? new PortfolioGuard(RiskGuard.of(RiskLimits.none()), PortfolioLimits.none().withMaxActiveLadders(1)) : null;
    }
  }

  private static BarData read(String file) {
    Path p = DATA.resolve(file);
    assumeTrue(Files.isRegularFile(p), "shared data not present: " + p);
    return CsvBars.read(p);
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void oneSymbolIsTheSingleSymbolBacktest(Setup setup) {
    BarData btc = read("btc-usdt-1d.csv");
    SimulationConfig cfg = setup.config("BTC_USDC");
    BacktestResult single = new Backtester(cfg).run(btc, setup.strategy(), Sizer.fixedQuote(setup.quote));
    PortfolioResult multi = new PortfolioBacktester(setup.capital, null).run(List.of(new PortfolioLeg("BTC_USDC", btc, cfg)),
        s -> setup.strategy(), s -> Sizer.fixedQuote(setup.quote));
    assertThat(single.fills()).hasSizeGreaterThan(10);
    assertThat(multi.fills("BTC_USDC")).isEqualTo(single.fills());
    assertThat(multi.trades("BTC_USDC")).isEqualTo(single.trades());
    assertThat(multi.refusals("BTC_USDC")).isEqualTo(single.refusals());
    assertThat(multi.report().liquidations()).isEqualTo(single.report().liquidations());
    assertThat(multi.report().finalEquity()).isCloseTo(single.report().finalEquity(), within(1e-6));
  }

  @ParameterizedTest
  @EnumSource(Setup.class)
  void twoSymbolsGiveTheRecordsOfThePortfolioBacktesterBeforeItRanTheEngine(Setup setup) throws Exception {
    BarData btc = read("btc-usdt-1d.csv");
    BarData eth = read("eth-usdt-1d.csv");
    PortfolioResult r = new PortfolioBacktester(setup.capital, setup.guard()).run(
        List.of(new PortfolioLeg("BTC_USDC", btc, setup.config("BTC_USDC")),
            new PortfolioLeg("ETH_USDC", eth, setup.config("ETH_USDC"))),
        s -> setup.strategy(), s -> Sizer.fixedQuote(setup.quote));
    StringBuilder all = new StringBuilder();
    for (String s : List.of("BTC_USDC", "ETH_USDC")) {
      all.append(r.fills(s)).append(r.trades(s)).append(r.refusals(s)).append(Arrays.toString(r.pnl(s)))
          .append(Arrays.toString(r.capitalInUse(s))).append(Arrays.toString(r.exposure(s)));
    }
    assertThat(r.report().fills()).isPositive();
    all.append(r.report()).append(Arrays.toString(r.equity())).append(Arrays.toString(r.capitalInUse()));
    String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
        .digest(all.toString().getBytes(StandardCharsets.UTF_8))).substring(0, 16);
    assertThat(digest).as("%s: %s fills, %s refusals, %s liquidations, final equity %s", setup,
        r.report().fills(), r.report().refusals(), r.report().liquidations(), r.report().finalEquity())
        .isEqualTo(setup.digest);
  }
}
