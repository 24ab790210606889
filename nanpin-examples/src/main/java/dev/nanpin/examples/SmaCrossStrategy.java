package dev.nanpin.examples;

import dev.nanpin.BarSeries;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;

/**
 * Benchmark workload A: long only, all in when the fast simple moving average of the close
 * crosses above the slow one, out when it crosses below.
 *
 * <p>A cross is judged against the latest earlier bar where the averages differed, signals are
 * evaluated from bar {@code slow} on (so the first comparison is bar {@code slow - 1} against bar
 * {@code slow}), and one action at most is taken per bar: the entry when flat, the exit when long.
 * The entry spends all free cash, fee included ({@link Sizing#CASH_FRACTION} 1.0); the exit closes
 * the position. With fills at the signal close and a 10 bps fee this is ta4j's {@code SMA x SMA}
 * strategy trade for trade.
 *
 * <p>The averages are running sums, so a bar costs O(1) and allocates nothing. Not thread-safe;
 * one object per run.
 */
public final class SmaCrossStrategy implements Strategy {
  // Intents are immutable: create them once, not on every signal.
  private static final OrderIntent ENTER = OrderIntent.market(Side.BUY, Sizing.CASH_FRACTION, 1.0);
  private static final OrderIntent EXIT = OrderIntent.closePosition(Side.SELL);

  private final int fast;
  private final int slow;
  private double fastSum;
  private double slowSum;
  private int lastSign; // sign of (fast - slow) at the latest bar where they differed; 0 = none yet

  /**
   * Creates the strategy.
   *
   * @param fast the fast window, {@code >= 1}
   * @param slow the slow window, {@code > fast}
   * @throws IllegalArgumentException if the windows are out of order
   */
  public SmaCrossStrategy(int fast, int slow) {
    if (fast < 1 || slow <= fast) {
      throw new IllegalArgumentException("need 1 <= fast < slow: fast %d, slow %d".formatted(fast, slow));
    }
    this.fast = fast;
    this.slow = slow;
  }

  @Override
  public void onBar(StrategyContext ctx) {
    BarSeries bars = ctx.bars();
    int i = ctx.index();
    double x = bars.close(i);
    // Each sum moves by the difference of the close entering and the close leaving its window.
    // That difference is exact whenever the two closes are within a factor of two of each other
    // (nearly always), so the sum is rounded once per bar rather than twice; and the state a bar
    // hands to the next (through a field, as a plugin's state must go) waits on one addition, not two.
    double fs = fastSum + (i >= fast ? x - bars.close(i - fast) : x);
    double ss = slowSum + (i >= slow ? x - bars.close(i - slow) : x);
    fastSum = fs;
    slowSum = ss;
    if (i < slow - 1) {
      return;
    }
    double f = fs / fast;
    double s = ss / slow;
    int sign = f > s ? 1 : f < s ? -1 : 0;
    if (sign == 0 || sign == lastSign) {
      return; // no cross: nothing to do (the usual case, so it is checked first)
    }
    if (i >= slow && lastSign != 0) {
      onCross(ctx, sign);
    }
    lastSign = sign;
  }

  // Rare work lives in its own method: it keeps onBar's compiled code small, so the JIT can
  // inline onBar into the engine's bar loop.
  private static void onCross(StrategyContext ctx, int sign) {
    if (ctx.openOrderCount() > 0) {
      return;
    }
    boolean flat = ctx.account().positionQuantity() == 0;
    if (flat && sign > 0) {
      ctx.submit(ENTER);
    } else if (!flat && sign < 0) {
      ctx.submit(EXIT);
    }
  }

  @Override
  public int maxEntries() {
    return 1;
  }
}
