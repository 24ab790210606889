package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.Bar;
import dev.nanpin.Execution;
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
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.RiskMath;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.IntrabarPath;
import dev.nanpin.sim.SimulationConfig;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernel's liquidation and take-profit rules give the same fills on hand-built bars in the
 * backtester and in the paper exchange under the live engine: a perp liquidation pays the
 * liquidation fee on top of the taker fee in both, and under the pessimistic path a take-profit
 * placed by the fill of its entry waits for the next bar in both (while nearer-extreme-first lets
 * it fill in the same bar, in both).
 */
class KernelRulesParityTest {
  private static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");
  private static final Duration HOUR = Duration.ofHours(1);
  private static final Instrument SPOT = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT,
      new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
  private static final Instrument PERP = new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP,
      new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));

  @TempDir Path dir;
  private int runs;

  /** One fill as both engines report it. */
  record F(Instant time, Side side, BigDecimal price, BigDecimal quantity, BigDecimal fee) {
    static F of(Instant time, Side side, double price, double quantity, double fee) {
      MathContext mc = new MathContext(10, RoundingMode.HALF_EVEN);
      return new F(time, side, new BigDecimal(price, mc).stripTrailingZeros(),
          new BigDecimal(quantity, mc).stripTrailingZeros(), new BigDecimal(fee, mc).setScale(8, RoundingMode.HALF_EVEN));
    }
  }

  /** Buys {@code qty} at market on its first bar; with a take-profit, rests a buy at {@code entry} instead and sells at {@code tp} once it fills. */
  static final class Scripted implements Strategy {
    private final double qty;
    private final double entry;
    private final double tp;
    private final double leverage;
    private boolean started;

    Scripted(double qty, double entry, double tp, double leverage) {
      this.qty = qty;
      this.entry = entry;
      this.tp = tp;
      this.leverage = leverage;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      if (started) {
        return;
      }
      started = true;
      ctx.submit(Double.isNaN(entry) ? OrderIntent.market(Side.BUY, Sizing.BASE, qty)
          : OrderIntent.limit(Side.BUY, entry, Sizing.BASE, qty));
    }

    @Override
    public void onFill(StrategyContext ctx, Execution fill) {
      if (fill.side() == Side.BUY && !Double.isNaN(tp)) {
        ctx.submit(OrderIntent.limit(Side.SELL, tp, Sizing.BASE, qty));
      }
    }

    @Override
    public double leverageCeiling() {
      return leverage;
    }
  }

  private static List<Bar> bars(double... ohlc) {
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i < ohlc.length / 4; i++) {
      out.add(new Bar(T0.plus(HOUR.multipliedBy(i)), bd(ohlc[4 * i]), bd(ohlc[4 * i + 1]), bd(ohlc[4 * i + 2]),
          bd(ohlc[4 * i + 3]), BigDecimal.TEN));
    }
    return out;
  }

  private static BigDecimal bd(double v) {
    return new BigDecimal(String.format(Locale.ROOT, "%.2f", v));
  }

  private static List<F> backtest(SimulationConfig cfg, List<Bar> bars, Strategy s) {
    BacktestResult r = new Backtester(cfg).run(BarData.fromBars(bars), s);
    List<F> out = new ArrayList<>();
    for (BacktestResult.FillRecord f : r.fills()) {
      out.add(F.of(Instant.ofEpochMilli(f.timeMillis()), f.side(), f.price(), f.quantity(), f.fee()));
    }
    return out;
  }

  private List<F> paper(PaperConfig cfg, List<Bar> bars, Strategy s) throws Exception {
    PaperExchange paper = PaperExchange.replay(cfg, bars, HOUR, 0, null);
    try (Bot bot = Bot.builder()
        .engine(EngineConfig.defaults("rules", cfg.instrument().symbol()).withBars(HOUR, 0))
        .exchange(paper).owns(paper).clock(paper.clock()).replay(paper::advance)
        .strategy(s)
        .store(dir.resolve("rules-" + (++runs) + ".db"))
        .build()) {
      bot.start();
      assertThat(bot.runReplay(Duration.ZERO)).isTrue();
      assertThat(bot.awaitTermination(Duration.ofMinutes(1))).isTrue();
      assertThat(bot.failure()).isNull();
    }
    List<F> out = new ArrayList<>();
    for (Fill f : paper.fills(cfg.instrument().symbol(), Instant.EPOCH)) {
      out.add(F.of(f.time(), f.side(), f.price().doubleValue(), f.quantity().doubleValue(), f.fee().doubleValue()));
    }
    return out;
  }

  @Test
  void aPerpLiquidationPaysTheLiquidationFeeInTheBacktesterAndOnPaper() throws Exception {
    // 9 BTC at 100 on a 100 USDC wallet at leverage 10; the price falls through the liquidation price
    List<Bar> bars = bars(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 95, 96, 96, 96, 80, 85, 85, 86, 84, 85);
    double liqFeeBps = 125;
    SimulationConfig sim = SimulationConfig.builder().instrument(PERP).capital(100).leverage(10).feeBps(10)
        .slippageBps(0).maintenanceMarginRate(0.005).funding(0, Duration.ofHours(8)).liquidationFeeBps(liqFeeBps)
        .build();
    PaperConfig paper = new PaperConfig(PERP, new BigDecimal("100"), 0.001, 0.001, 0, 10)
        .withFunding(0, Duration.ofHours(8)).withMaintenanceMargin(0.005);
    assertThat(paper.liquidationFeeRate()).as("the paper default is the backtester's").isEqualTo(liqFeeBps / 10_000);

    List<F> backtest = backtest(sim, bars, new Scripted(9, Double.NaN, Double.NaN, 10));
    List<F> onPaper = paper(paper, bars, new Scripted(9, Double.NaN, Double.NaN, 10));

    // the buy at bar 1's open, then the liquidation at the kernel's price on bar 3's way down
    double wallet = 100 - 9 * 100 * 0.001;
    double liq = RiskMath.liquidationPrice(9, 100, wallet, MaintenanceMargin.constant(0.005));
    assertThat(backtest).hasSize(2);
    assertThat(backtest.get(1).side()).isEqualTo(Side.SELL);
    assertThat(backtest.get(1).time()).isEqualTo(T0.plus(HOUR.multipliedBy(3)));
    assertThat(backtest.get(1).price().doubleValue()).isCloseTo(liq, within(1e-6));
    assertThat(backtest.get(1).fee().doubleValue()).as("taker fee plus liquidation fee")
        .isCloseTo(9 * liq * (0.001 + 0.0125), within(1e-6));
    assertThat(onPaper).isEqualTo(backtest);
  }

  @Test
  void byDefaultThePaperExchangeAndTheBacktesterComputeTheSameMaintenanceMarginAndLiquidationPrice()
      throws Exception {
    // neither sets a maintenance margin: both take the kernel's model
    SimulationConfig sim = SimulationConfig.builder().instrument(PERP).capital(100).leverage(10).feeBps(10)
        .slippageBps(0).funding(0, Duration.ofHours(8)).build();
    PaperConfig paper = new PaperConfig(PERP, new BigDecimal("100"), 0.001, 0.001, 0, 10)
        .withFunding(0, Duration.ofHours(8));
    assertThat(paper.maintenanceMargin()).isSameAs(sim.maintenanceMargin())
        .isSameAs(dev.nanpin.engine.Liquidation.DEFAULT_MAINTENANCE_MARGIN);
    for (double notional : new double[] {0, 900, 1e6}) {
      assertThat(paper.maintenanceMargin().fraction(notional)).isEqualTo(sim.maintenanceMargin().fraction(notional));
    }

    // the same position, 9 BTC at 100 on a 100 USDC wallet less the buy's fee
    double wallet = 100 - 9 * 100 * 0.001;
    double liq = RiskMath.liquidationPrice(9, 100, wallet, sim.maintenanceMargin());
    PaperExchange ex = PaperExchange.replay(paper, bars(100, 100, 100, 100, 100, 100, 100, 100), HOUR, 1, null);
    ex.placeOrder(dev.nanpin.OrderRequest.market("BTC_USDC_PERP", Side.BUY, new BigDecimal("9"), 1));
    ex.advance();
    assertThat(ex.positions()).singleElement().satisfies(p ->
        assertThat(p.liquidationPrice().doubleValue()).as("paper's liquidation price").isCloseTo(liq, within(1e-9)));

    // and the price path liquidates both at that price
    List<Bar> bars = bars(100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 95, 96, 96, 96, 80, 85, 85, 86, 84, 85);
    List<F> backtest = backtest(sim, bars, new Scripted(9, Double.NaN, Double.NaN, 10));
    List<F> onPaper = paper(paper, bars, new Scripted(9, Double.NaN, Double.NaN, 10));
    assertThat(backtest).hasSize(2);
    assertThat(backtest.get(1).price().doubleValue()).as("the backtester's liquidation fill").isCloseTo(liq, within(1e-6));
    assertThat(onPaper).isEqualTo(backtest);
  }

  @Test
  void underThePessimisticPathATakeProfitWaitsForTheNextBarInTheBacktesterAndOnPaper() throws Exception {
    // bar 1: open 100, nearer extreme the high (101), low 94: the buy at 95 fills on the way down;
    // the take-profit at 99 would fill on the way back up to the close (100) in the same bar.
    // bar 2: 98 .. 99.5, close 99: the take-profit fills at 99 there.
    List<Bar> bars = bars(100, 101, 99, 100, 100, 101, 94, 100, 98, 99.5, 97, 99, 99, 99.5, 98.5, 99);
    for (boolean pessimistic : new boolean[] {false, true}) {
      SimulationConfig sim = SimulationConfig.builder().instrument(SPOT).capital(10_000).feeBps(10).slippageBps(0)
          .intrabarPath(pessimistic ? IntrabarPath.PESSIMISTIC : IntrabarPath.NEARER_EXTREME_FIRST).build();
      PaperConfig paper = new PaperConfig(SPOT, new BigDecimal("10000"), 0.001, 0.001, 0, 1)
          .withPessimisticPath(pessimistic);

      List<F> backtest = backtest(sim, bars, new Scripted(1, 95, 99, 1));
      List<F> onPaper = paper(paper, bars, new Scripted(1, 95, 99, 1));

      assertThat(backtest).as("pessimistic: %s", pessimistic).hasSize(2);
      assertThat(backtest.get(0).time()).isEqualTo(T0.plus(HOUR));
      assertThat(backtest.get(1).side()).isEqualTo(Side.SELL);
      assertThat(backtest.get(1).price().doubleValue()).isEqualTo(99.0);
      assertThat(backtest.get(1).time()).as("take-profit's bar, pessimistic: %s", pessimistic)
          .isEqualTo(T0.plus(HOUR.multipliedBy(pessimistic ? 2 : 1)));
      assertThat(onPaper).as("paper under the live engine, pessimistic: %s", pessimistic).isEqualTo(backtest);
    }
  }
}
