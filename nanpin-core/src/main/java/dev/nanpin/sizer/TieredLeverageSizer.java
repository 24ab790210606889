package dev.nanpin.sizer;

import dev.nanpin.AccountView;
import dev.nanpin.OrderIntent;
import dev.nanpin.Sizer;
import dev.nanpin.internal.SizerLimits;
import java.util.List;

/**
 * Leverage by account size (the {@code tiered-leverage} plugin): small accounts run at higher
 * leverage, larger ones lower. The defaults are the seeds' tiers: collateral under 200 runs at
 * 8x, under 1000 at 5x, else 3x, with a base margin of 7 % of the collateral. The answer is the
 * notional {@code baseMargin * collateral * leverage}, capped by the free margin at that
 * leverage.
 *
 * <p>It reads the futures collateral ({@link AccountView#collateral()}) and free margin, not
 * the spot balance. Immutable and thread-safe.
 */
public final class TieredLeverageSizer implements Sizer {
  private final double[] bounds;
  private final double[] leverages;
  private final double baseMargin;

  /**
   * Creates the sizer.
   *
   * @param bounds the collateral bounds, strictly increasing, each {@code > 0}; a collateral below
   *     {@code bounds[i]} (and not below an earlier bound) gets {@code leverages[i]}
   * @param leverages one more than the bounds, each {@code >= 1}; the last applies above every bound
   * @param baseMargin the fraction of collateral used as margin per unit, {@code 0 < baseMargin <= 1}
   */
  public TieredLeverageSizer(List<Double> bounds, List<Double> leverages, double baseMargin) {
    if (bounds == null || leverages == null || leverages.size() != bounds.size() + 1) {
      throw new IllegalArgumentException("need one more leverage than bounds: bounds %s, leverages %s"
          .formatted(bounds, leverages));
    }
    this.bounds = new double[bounds.size()];
    for (int i = 0; i < bounds.size(); i++) {
      double b = bounds.get(i);
      if (!(b > 0) || (i > 0 && !(b > this.bounds[i - 1]))) {
        throw new IllegalArgumentException("bounds must be > 0 and strictly increasing: " + bounds);
      }
      this.bounds[i] = b;
    }
    this.leverages = new double[leverages.size()];
    for (int i = 0; i < leverages.size(); i++) {
      Sizers.checkLeverage(leverages.get(i));
      this.leverages[i] = leverages.get(i);
    }
    Sizers.checkFraction(baseMargin, "baseMargin");
    this.baseMargin = baseMargin;
  }

  /**
   * The leverage of the tier a collateral falls in.
   *
   * @param collateral the collateral
   * @return the leverage
   */
  public double leverageFor(double collateral) {
    for (int i = 0; i < bounds.length; i++) {
      if (collateral < bounds[i]) {
        return leverages[i];
      }
    }
    return leverages[leverages.length - 1];
  }

  @Override
  public double quoteSize(OrderIntent intent, double price, AccountView account, long timeMillis) {
    double collateral = Math.max(0, account.collateral());
    double lev = leverageFor(collateral);
    return SizerLimits.cap(baseMargin * collateral * lev, intent, account, lev);
  }
}
