package dev.nanpin.examples;

import dev.nanpin.AccountView;
import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Sizer;

/**
 * An example {@link Sizer}: each buy of an open position spends {@code factor} times the previous
 * one (martingale-like averaging down), starting from {@code base} quote, never more than the free
 * cash. Not thread-safe: one per strategy, as the engines use sizers.
 */
public final class StepUpSizer implements Sizer {
  private final double base;
  private final double factor;
  private double next;

  /**
   * Creates the sizer.
   *
   * @param base the first buy's quote amount, {@code > 0}
   * @param factor each further buy's multiple of the previous one, {@code >= 1}
   */
  public StepUpSizer(double base, double factor) {
    this.base = base;
    this.factor = factor;
    this.next = base;
  }

  @Override
  public double quoteSize(OrderIntent intent, double price, AccountView account, long timeMillis) {
    return Math.min(next, Math.max(0, account.cash()));
  }

  @Override
  public void onFill(Execution fill, AccountView account) {
    // the position grew: the next buy is larger; a flat account starts over
    next = account.positionQuantity() > 0 ? next * factor : base;
  }

  @Override
  public void onTradeClosed(double pnl, double returnFraction) {
    next = base;
  }
}
