package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderType;
import dev.nanpin.Side;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * An order submitted by its fields ({@link StrategyContext#submit(Side, OrderType, Sizing, double,
 * double, boolean, boolean, int)}, which the simulator places without an intent) trades exactly as
 * the same order submitted as an {@link OrderIntent}: same ids, refusals, fills, equity, and the
 * sizer is handed an equal intent.
 */
class SubmitByFieldsTest {
  private static final Instrument PERP = new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP,
      new BigDecimal("0.1"), new BigDecimal("0.0001"), new BigDecimal("0.0001"));

  /** Submits a random mix of orders, the same for the same seed, by intent or by fields. */
  private static final class Mixed implements Strategy {
    final boolean byFields;
    final SplittableRandom rng = new SplittableRandom(7);
    final List<Integer> ids = new ArrayList<>();

    Mixed(boolean byFields) {
      this.byFields = byFields;
    }

    @Override
    public double leverageCeiling() {
      return 3;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      double px = ctx.price();
      switch (rng.nextInt(9)) {
        case 0 -> send(ctx, new OrderIntent(Side.BUY, OrderType.MARKET, Sizing.SIZER, 0.5 + rng.nextDouble(), Double.NaN,
            false, false, 1));
        case 1 -> send(ctx, new OrderIntent(Side.BUY, OrderType.LIMIT, Sizing.SIZER, 1.3, px * (0.95 + 0.04 * rng.nextDouble()),
            false, rng.nextBoolean(), 2));
        case 2 -> send(ctx, new OrderIntent(Side.SELL, OrderType.LIMIT, Sizing.POSITION_FRACTION, 1.0,
            px * (1.01 + 0.02 * rng.nextDouble()), true, false, 1_000));
        case 3 -> send(ctx, new OrderIntent(Side.BUY, OrderType.MARKET, Sizing.QUOTE, 50 + 100 * rng.nextDouble(),
            Double.NaN, false, false, 3));
        case 4 -> send(ctx, new OrderIntent(Side.SELL, OrderType.MARKET, Sizing.POSITION_FRACTION, 0.5, Double.NaN, true,
            false, 1_001));
        case 5 -> send(ctx, new OrderIntent(Side.SELL, OrderType.LIMIT, Sizing.BASE, 0.01, px * 1.001, false, true, 4));
        case 6 -> send(ctx, new OrderIntent(Side.BUY, OrderType.LIMIT, Sizing.CASH_FRACTION, 0.2, px * 1.002, false,
            false, 5)); // marketable: a taker limit
        case 7 -> ctx.cancelAll();
        default -> { }
      }
    }

    private void send(StrategyContext ctx, OrderIntent i) {
      ids.add(byFields
          ? ctx.submit(i.side(), i.type(), i.sizing(), i.amount(), i.limitPrice(), i.reduceOnly(), i.postOnly(), i.tag())
          : ctx.submit(i));
    }
  }

  /** Answers by the intent's tag and records every intent it is handed. */
  private static final class Recording implements Sizer {
    final List<OrderIntent> seen = new ArrayList<>();

    @Override
    public double quoteSize(OrderIntent intent, double price, dev.nanpin.AccountView account, long timeMillis) {
      seen.add(intent);
      return 40 + 10 * intent.tag();
    }
  }

  /** {@code n} hourly bars of the fast GBM generator (path 0, seed 11). */
  private static BarData walk(int n) {
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(11).generate(0, n, b);
    return BarData.of(Arrays.copyOf(b.time(), n), Arrays.copyOf(b.open(), n), Arrays.copyOf(b.high(), n),
        Arrays.copyOf(b.low(), n), Arrays.copyOf(b.close(), n), Arrays.copyOf(b.volume(), n));
  }

  private static void assertSameRun(SimulationConfig cfg) {
    BarData data = walk(3_000);
    Mixed byIntent = new Mixed(false);
    Mixed byFields = new Mixed(true);
    Recording intentSizer = new Recording();
    Recording fieldsSizer = new Recording();
    BacktestResult a = new Backtester(cfg).run(data, byIntent, intentSizer);
    BacktestResult b = new Backtester(cfg).run(data, byFields, fieldsSizer);
    assertThat(a.fills()).hasSizeGreaterThan(50);
    assertThat(byIntent.ids).contains(-1); // some orders are refused
    assertThat(byFields.ids).isEqualTo(byIntent.ids);
    assertThat(b.fills()).isEqualTo(a.fills());
    assertThat(b.equity()).isEqualTo(a.equity());
    assertThat(fieldsSizer.seen).isNotEmpty().isEqualTo(intentSizer.seen);
  }

  @Test
  void spotNextOpenGivesTheSameRun() {
    assertSameRun(SimulationConfig.builder().capital(10_000).feeBps(10).build());
  }

  @Test
  void perpRoundedSignalCloseGivesTheSameRun() {
    assertSameRun(SimulationConfig.builder().capital(10_000).feeBps(10).fillTiming(FillTiming.SIGNAL_CLOSE)
        .instrument(PERP).leverage(3).funding(0.0001, Duration.ofHours(8)).roundToInstrument(true).build());
  }

  @Test
  void fieldsThatBreakAnIntentRuleAreRefusedAsTheIntentIs() {
    Object[][] bad = {
        {Side.BUY, OrderType.MARKET, Sizing.QUOTE, 0.0, Double.NaN, false},
        {Side.BUY, OrderType.LIMIT, Sizing.QUOTE, 10.0, Double.NaN, false},
        {Side.BUY, OrderType.MARKET, Sizing.QUOTE, 10.0, 5.0, false},
        {Side.BUY, OrderType.MARKET, Sizing.QUOTE, 10.0, Double.NaN, true},
        {Side.SELL, OrderType.MARKET, Sizing.POSITION_FRACTION, 1.5, Double.NaN, false},
        {null, OrderType.MARKET, Sizing.QUOTE, 10.0, Double.NaN, false},
    };
    for (Object[] f : bad) {
      RuntimeException expected = refusalOf(() -> new OrderIntent((Side) f[0], (OrderType) f[1], (Sizing) f[2], (double) f[3],
          (double) f[4], false, (boolean) f[5], 0));
      Strategy s = new Strategy() {
        @Override
        public void onBar(StrategyContext ctx) {
          ctx.submit((Side) f[0], (OrderType) f[1], (Sizing) f[2], (double) f[3], (double) f[4], false, (boolean) f[5], 0);
        }
      };
      assertThatThrownBy(() -> new Backtester(SimulationConfig.builder().capital(1_000).build()).run(walk(3), s))
          .isInstanceOf(expected.getClass()).hasMessage(expected.getMessage());
    }
  }

  private static RuntimeException refusalOf(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      return e;
    }
    throw new AssertionError("no refusal");
  }
}
