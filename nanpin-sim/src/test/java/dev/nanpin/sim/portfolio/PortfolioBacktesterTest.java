package dev.nanpin.sim.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.risk.guard.PortfolioGuard;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimit;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.PortfolioReportWriter;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PortfolioBacktesterTest {
  private static final long DAY = 86_400_000L;
  static final SimulationConfig SPOT = SimulationConfig.builder().feeBps(10).slippageBps(0)
      .fillTiming(FillTiming.SIGNAL_CLOSE).build();

  /** Flat bars (open = high = low = close) at the given day numbers and closes. */
  static BarData bars(long[] days, double[] closes) {
    long[] t = new long[days.length];
    double[] v = new double[days.length];
    for (int i = 0; i < days.length; i++) {
      t[i] = days[i] * DAY;
      v[i] = 1;
    }
    return BarData.of(t, closes.clone(), closes.clone(), closes.clone(), closes.clone(), v);
  }

  /** Buys {@code quote} at the close of its first bar, sells everything at the close of its third. */
  static Strategy buyThenSell(double quote, List<String> log, String name) {
    return new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        log.add(name + "@" + ctx.timeMillis() / DAY + ":" + ctx.price());
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.buyQuote(quote));
        } else if (ctx.index() == 2) {
          ctx.submit(OrderIntent.closePosition(Side.SELL));
        }
      }
    };
  }

  @Test
  void twoSymbolsShareTheCashAndASymbolWithoutABarDoesNothing() {
    // BTC trades on days 0..3; ETH on days 0, 2, 3 (day 1 missing).
    BarData btc = bars(new long[] {0, 1, 2, 3}, new double[] {100, 110, 120, 120});
    BarData eth = bars(new long[] {0, 2, 3}, new double[] {10, 12, 15});
    List<String> log = new ArrayList<>();
    PortfolioResult r = new PortfolioBacktester(1_000, null).run(
        List.of(new PortfolioLeg("BTC", btc, SPOT), new PortfolioLeg("ETH", eth, SPOT)),
        s -> buyThenSell(s.equals("BTC") ? 500 : 400, log, s));
    // ETH hears no onBar on day 1: no forward-filled bar is invented. The clock in onBar is the
    // bar's close (its open plus a day), as in the single-symbol simulator.
    assertThat(log).containsExactly("BTC@1:100.0", "ETH@1:10.0", "BTC@2:110.0", "BTC@3:120.0", "ETH@3:12.0",
        "BTC@4:120.0", "ETH@4:15.0");
    // Day 0: BTC buys 500 quote (5 BTC) + 0.5 fee, ETH 400 (40 ETH) + 0.4: cash 1 000 - 900.9 = 99.1.
    // Day 2: BTC sells 5 at 120 = 600 - 0.6. Day 3: ETH (its third bar) sells 40 at 15 = 600 - 0.6.
    double[] eq = r.equity();
    assertThat(r.times()).containsExactly(0, DAY, 2 * DAY, 3 * DAY);
    assertThat(eq[0]).isCloseTo(99.1 + 500 + 400, within(1e-9));
    // Day 1: BTC at 110, ETH valued at its last price 10 (not traded): 99.1 + 550 + 400
    assertThat(eq[1]).isCloseTo(1_049.1, within(1e-9));
    assertThat(eq[3]).isCloseTo(99.1 + 599.4 + 599.4, within(1e-9));
    assertThat(r.fills("ETH")).extracting(BacktestResult.FillRecord::timeMillis).containsExactly(0L, 3 * DAY);
    assertThat(r.fills("ETH").get(1).price()).isEqualTo(15.0);
    PortfolioReport rep = r.report();
    assertThat(rep.finalEquity()).isCloseTo(1_297.9, within(1e-9));
    assertThat(rep.feesPaid()).isCloseTo(0.5 + 0.4 + 0.6 + 0.6, within(1e-9));
    assertThat(rep.peakCapitalInUse()).isCloseTo(900, within(1e-9));
    assertThat(rep.annualised()).isFalse();
    assertThat(rep.cagr()).isNaN();
    PortfolioReport.SymbolReport e = rep.symbols().get(1);
    assertThat(e.symbol()).isEqualTo("ETH");
    assertThat(e.idleTimestamps()).isEqualTo(1);
    assertThat(e.missingBars()).isEqualTo(1);
    assertThat(e.pnl()).isCloseTo(199.0, within(1e-9)); // -400.4 + 599.4
    assertThat(rep.symbols().get(0).pnl()).isCloseTo(98.9, within(1e-9)); // -500.5 + 599.4
    // Returns on the common timestamps 0, 2, 3: BTC +20 %, 0 %; ETH +20 %, +25 %: two returns.
    assertThat(rep.correlations()).singleElement().satisfies(c -> {
      assertThat(c.returns()).isEqualTo(2);
      assertThat(c.value()).isCloseTo(-1.0, within(1e-12));
    });
  }

  @Test
  void theSharedPoolRefusesWhatTheOtherSymbolAlreadySpent() {
    BarData a = bars(new long[] {0, 1, 2}, new double[] {100, 100, 100});
    List<String> log = new ArrayList<>();
    PortfolioResult r = new PortfolioBacktester(1_000, null).run(
        List.of(new PortfolioLeg("A", a, SPOT), new PortfolioLeg("B", a, SPOT)),
        s -> buyThenSell(700, log, s));
    // A spends 700.7 of the 1 000; B's 700 + 0.7 no longer fits in 299.3.
    assertThat(r.fills("A")).hasSize(2);
    assertThat(r.fills("B")).isEmpty();
    assertThat(r.refusals("B")).extracting(BacktestResult.Refusal::reason)
        .anySatisfy(reason -> assertThat(reason).startsWith("not enough cash: need 700.70000000, free 299.30000000"));
  }

  @Test
  void thePortfolioGuardRefusesASecondLadderWithItsNumbers() {
    BarData a = bars(new long[] {0, 1, 2}, new double[] {100, 100, 100});
    PortfolioGuard guard = new PortfolioGuard(RiskGuard.of(RiskLimits.none()),
        PortfolioLimits.none().withMaxActiveLadders(1));
    PortfolioResult r = new PortfolioBacktester(10_000, guard).run(
        List.of(new PortfolioLeg("A", a, SPOT), new PortfolioLeg("B", a, SPOT)),
        s -> buyThenSell(100, new ArrayList<>(), s));
    assertThat(r.fills("A")).hasSize(2);
    assertThat(r.refusals("B")).extracting(BacktestResult.Refusal::reason).first().asString()
        .startsWith(RiskLimit.MAX_ACTIVE_LADDERS.name() + ": BUY 1 B at 100 would open ladder 2 while 1 are active [A]");
  }

  @Test
  void oneSymbolGivesTheSingleSymbolBacktestersFills() {
    Path file = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data", "btc-usdt-1d.csv");
    assumeTrue(Files.isRegularFile(file), "shared data not present: " + file);
    BarData btc = CsvBars.read(file);
    NanpinConfig params = NanpinConfig.of(Map.of("step", 0.04, "levels", 5, "takeProfit", 0.03));
    BacktestResult single = new Backtester(SPOT.toBuilder().capital(10_000).build())
        .run(btc, new NanpinStrategy(params), Sizer.fixedQuote(200));
    PortfolioResult multi = new PortfolioBacktester(10_000, null).run(List.of(new PortfolioLeg("BTC", btc, SPOT)),
        s -> new NanpinStrategy(params), s -> Sizer.fixedQuote(200));
    assertThat(single.fills()).hasSizeGreaterThan(20);
    assertThat(multi.fills("BTC")).isEqualTo(single.fills());
    assertThat(multi.report().finalEquity()).isCloseTo(single.report().finalEquity(), within(1e-6));
  }

  @Test
  void btcAndEthOfTheSharedData() {
    Path dir = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data");
    assumeTrue(Files.isRegularFile(dir.resolve("btc-usdt-1d.csv")) && Files.isRegularFile(dir.resolve("eth-usdt-1d.csv")),
        "shared data not present: " + dir);
    BarData btc = CsvBars.read(dir.resolve("btc-usdt-1d.csv"));
    BarData eth = CsvBars.read(dir.resolve("eth-usdt-1d.csv"));
    NanpinConfig params = NanpinConfig.defaults();
    PortfolioBacktester bt = new PortfolioBacktester(10_000, null);
    List<PortfolioLeg> legs = List.of(new PortfolioLeg("BTC_USDT", btc, SPOT), new PortfolioLeg("ETH_USDT", eth, SPOT));
    PortfolioResult r = bt.run(legs, s -> new NanpinStrategy(params), s -> Sizer.fixedQuote(100));
    PortfolioReport rep = r.report();
    // ETH's days are BTC's but the last six: the timeline is BTC's, and ETH neither trades nor
    // hears onBar after its last bar.
    assertThat(rep.timestamps()).isEqualTo(btc.size());
    assertThat(rep.symbols().get(1).idleTimestamps()).isZero();
    long ethEnd = eth.timeMillis(eth.size() - 1);
    assertThat(r.fills("ETH_USDT")).allSatisfy(f -> assertThat(f.timeMillis()).isLessThanOrEqualTo(ethEnd));
    assertThat(rep.fills()).isEqualTo(r.fills("BTC_USDT").size() + r.fills("ETH_USDT").size()).isPositive();
    assertThat(rep.correlations().get(0).value()).isBetween(0.5, 1.0);
    assertThat(rep.annualised()).isTrue();
    // The same run again gives the same figures.
    assertThat(bt.run(legs, s -> new NanpinStrategy(params), s -> Sizer.fixedQuote(100)).report()).isEqualTo(rep);
    Assumptions a = bt.assumptions(legs);
    assertThat(a.entries()).containsKeys("capital", "symbols", "BTC_USDT.takerFeeBps", "ETH_USDT.dataFingerprint");
    StringWriter json = new StringWriter();
    PortfolioReportWriter.writeJson(rep, a, json);
    assertThat(json.toString()).contains("\"symbols\": [", "\"symbol\": \"ETH_USDT\"", "\"correlations\": [");
    assertThat(PortfolioReportWriter.summary(rep)).contains("BTC_USDT", "ETH_USDT", "Correlation of returns");
  }

  @Test
  void crossMarginLiquidatesTheSymbolThatBreachedWithTheOthersMarginCounted() {
    SimulationConfig perp = SimulationConfig.builder().feeBps(0).slippageBps(0).fillTiming(FillTiming.SIGNAL_CLOSE)
        .instrument(new Instrument("A_PERP", "A", "USDC", InstrumentKind.PERP, new BigDecimal("0.0001"),
            new BigDecimal("0.0001"), new BigDecimal("0.0001")))
        .leverage(10).maintenanceMarginRate(0.01).liquidationFeeBps(0).funding(0, Duration.ofHours(8)).build();
    // A: 5 bought at 1 000 (5 000 notional, 500 margin), then a day from 1 000 down to 800, close 900.
    // B: 20 bought at 100 (2 000 notional, 200 margin), flat at 100.
    long[] t = {0, DAY};
    BarData a = BarData.of(t, new double[] {1_000, 1_000}, new double[] {1_000, 1_000}, new double[] {1_000, 800},
        new double[] {1_000, 900}, new double[] {1, 1});
    BarData b = bars(new long[] {0, 1}, new double[] {100, 100});
    Strategy buyOnce = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.BASE, ctx.instrument().symbol().equals("A_PERP") ? 5 : 20));
        }
      }

      @Override
      public double leverageCeiling() {
        return 10;
      }
    };
    SimulationConfig perpB = perp.toBuilder().instrument(new Instrument("B_PERP", "B", "USDC", InstrumentKind.PERP,
        new BigDecimal("0.0001"), new BigDecimal("0.0001"), new BigDecimal("0.0001"))).build();
    PortfolioResult r = new PortfolioBacktester(1_000, null).run(
        List.of(new PortfolioLeg("A", a, perp), new PortfolioLeg("B", b, perpB)), s -> buyOnce);
    // A is backed by the wallet 1 000 plus B's unrealised 0 minus B's maintenance 0.01 * 2 000 = 980:
    // 980 + 5 (P - 1 000) - 0.01 * 5 P = 0  =>  P = 4 020 / 4.95 = 812.1212...
    double liq = 4_020 / 4.95;
    assertThat(r.report().liquidations()).isEqualTo(1);
    BacktestResult.FillRecord last = r.fills("A").get(1);
    assertThat(last.liquidation()).isTrue();
    assertThat(last.price()).isCloseTo(liq, within(1e-6));
    // The wallet loses 5 * (1 000 - P); B is untouched and stays open.
    assertThat(r.fills("B")).hasSize(1);
    assertThat(r.report().finalEquity()).isCloseTo(1_000 - 5 * (1_000 - liq), within(1e-6));
  }

  @Test
  void badLegsAreRefused() {
    BarData a = bars(new long[] {0}, new double[] {1});
    PortfolioBacktester bt = new PortfolioBacktester(1_000, null);
    assertThatThrownBy(() -> bt.run(List.of(new PortfolioLeg("A", a, SPOT), new PortfolioLeg("A", a, SPOT)),
        s -> ctx -> { })).isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> bt.run(List.of(), s -> ctx -> { })).isInstanceOf(IllegalArgumentException.class);
  }
}
