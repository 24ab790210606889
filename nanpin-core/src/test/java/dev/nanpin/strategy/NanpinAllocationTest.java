package dev.nanpin.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.AccountView;
import dev.nanpin.BarSeries;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.Signal;
import dev.nanpin.StrategyContext;
import dev.nanpin.testkit.AllocationCounter;
import java.math.BigDecimal;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Per-bar work must not allocate: drives the strategy over bars that change nothing (a resting
 * ladder in a quiet market, or a flat account behind a closed gate) with a context that itself
 * allocates nothing, and counts the bytes the thread allocated.
 */
class NanpinAllocationTest {
  private static final int BARS = 200_000;

  @Test
  void aRestingLadderInAQuietMarketAllocatesNothingPerBar() {
    NanpinStrategy s = new NanpinStrategy(NanpinConfig.of(Map.of("trailingArm", 0.05, "stopLoss", 0.5,
        "exhaustionProfit", 0.5, "emergencyLoss", 0.5)));
    QuietContext ctx = new QuietContext();
    ctx.step(100);
    s.onBar(ctx); // lays out the ladder: allocates intents, once
    ctx.qty = 1;
    ctx.avg = 100;
    assertThat(allocatedPerBar(s, ctx)).isLessThan(1.0);
    assertThat(ctx.submits).isEqualTo(6); // 5 levels + the take-profit, placed once
  }

  @Test
  void aClosedGateAllocatesNothingPerBar() {
    NanpinStrategy s = new NanpinStrategy(NanpinConfig.of(Map.of("minDrawdown", 0.5, "minDaysSinceAth", 10_000)));
    QuietContext ctx = new QuietContext();
    assertThat(allocatedPerBar(s, ctx)).isLessThan(1.0);
    assertThat(ctx.submits).isZero();
  }

  @Test
  void aClosedSignalGateAllocatesNothingPerBar() {
    NanpinStrategy s = new NanpinStrategy(NanpinConfig.of(Map.of(
        "entryGate", "wyckoff.bias == accumulation and (wyckoff.phase in (B, C, D) or wyckoff.springBar >= 0)")));
    QuietContext ctx = new QuietContext();
    ctx.step(100);
    s.onSignal(ctx, new FieldSignal("wyckoff", java.time.Instant.parse("3000-01-01T00:00:00Z"),
        Map.of("bias", "ACCUMULATION", "phase", "A"), new double[0]));
    assertThat(allocatedPerBar(s, ctx)).isLessThan(1.0);
    assertThat(ctx.submits).isZero();
  }

  private static double allocatedPerBar(NanpinStrategy s, QuietContext ctx) {
    for (int i = 0; i < BARS / 2; i++) { // warm up, let the JIT compile
      ctx.step(100 + (i % 7) * 0.1);
      s.onBar(ctx);
    }
    long before = AllocationCounter.threadAllocatedBytes();
    for (int i = 0; i < BARS / 2; i++) {
      ctx.step(100 + (i % 7) * 0.1);
      s.onBar(ctx);
    }
    long after = AllocationCounter.threadAllocatedBytes();
    return (double) (after - before) / (BARS / 2);
  }

  /** A context over preallocated columns that allocates nothing per call. */
  private static final class QuietContext implements StrategyContext, BarSeries, AccountView {
    private final double[] close = new double[BARS + 2];
    private final Instrument instrument = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT,
        new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
    private int size;
    int submits;
    double qty;
    double avg;

    void step(double price) {
      close[size++] = price;
    }

    @Override
    public Instrument instrument() {
      return instrument;
    }

    @Override
    public BarSeries bars() {
      return this;
    }

    @Override
    public long timeMillis() {
      return timeMillis(size - 1);
    }

    @Override
    public double price() {
      return close[size - 1];
    }

    @Override
    public AccountView account() {
      return this;
    }

    @Override
    public int submit(OrderIntent intent) {
      return submits++;
    }

    @Override
    public boolean cancel(int orderId) {
      return true;
    }

    @Override
    public void cancelAll() {}

    @Override
    public int openOrderCount() {
      return 0;
    }

    @Override
    public <S extends Signal> S signal(Class<S> type) {
      return null;
    }

    @Override
    public int size() {
      return size;
    }

    @Override
    public long timeMillis(int i) {
      return 1_700_000_000_000L + i * 3_600_000L;
    }

    @Override
    public double open(int i) {
      return close[i];
    }

    @Override
    public double high(int i) {
      return close[i] + 0.05;
    }

    @Override
    public double low(int i) {
      return close[i] - 0.05;
    }

    @Override
    public double close(int i) {
      return close[i];
    }

    @Override
    public double volume(int i) {
      return 10;
    }

    @Override
    public double equity() {
      return 10_000;
    }

    @Override
    public double cash() {
      return 10_000 - qty * avg;
    }

    @Override
    public double freeMargin() {
      return cash();
    }

    @Override
    public double collateral() {
      return equity();
    }

    @Override
    public double capitalInUse() {
      return qty * avg;
    }

    @Override
    public double positionQuantity() {
      return qty;
    }

    @Override
    public double averageEntryPrice() {
      return avg;
    }

    @Override
    public int entryCount() {
      return qty > 0 ? 1 : 0;
    }

    @Override
    public double makerFeeRate() {
      return 0;
    }

    @Override
    public double takerFeeRate() {
      return 0;
    }
  }
}
