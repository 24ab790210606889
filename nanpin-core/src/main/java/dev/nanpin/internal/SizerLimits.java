package dev.nanpin.internal;

import dev.nanpin.AccountView;
import dev.nanpin.OrderIntent;
import dev.nanpin.Sizing;

/** The affordability cap every built-in sizer applies to its answer. */
public final class SizerLimits {
  private SizerLimits() {}

  /**
   * Clamps a sizer's answer so that the order it sizes fits the free margin: the order's
   * notional {@code N} (the answer times the intent's multiplier) must satisfy {@code N /
   * leverage + N * fee <= freeMargin}, where the fee is the larger of the maker and taker rates.
   * Reduce-only intents are not capped (they free margin rather than use it). {@code NaN} and
   * negative answers become {@code 0}.
   *
   * @param answer the sizer's raw answer, quote per unit of the intent
   * @param intent the intent
   * @param account the account
   * @param leverage the notional allowed per unit of margin, {@code >= 1}
   * @return the clamped answer, {@code >= 0} and finite
   */
  public static double cap(double answer, OrderIntent intent, AccountView account, double leverage) {
    if (!(answer > 0)) {
      return 0;
    }
    if (intent.reduceOnly()) {
      return Double.isFinite(answer) ? answer : 0;
    }
    double multiplier = intent.sizing() == Sizing.SIZER ? intent.amount() : 1.0;
    double fee = Math.max(0, Math.max(account.makerFeeRate(), account.takerFeeRate()));
    double free = account.freeMargin();
    if (!(free > 0) || !(multiplier > 0)) {
      return 0;
    }
    double lev = leverage >= 1 ? leverage : 1;
    double maxNotional = free / (1 / lev + fee);
    double maxUnit = maxNotional / multiplier;
    double capped = Math.min(answer, maxUnit);
    return Double.isFinite(capped) && capped > 0 ? capped : 0;
  }
}
