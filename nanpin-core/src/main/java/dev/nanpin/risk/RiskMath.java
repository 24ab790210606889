package dev.nanpin.risk;

import static dev.nanpin.internal.Checks.finite;
import static dev.nanpin.internal.Checks.nonNegative;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

/**
 * The position arithmetic of averaging down, venue-neutral and in {@code double}: average entry,
 * break-even with fees, liquidation price of a one-way perpetual position (isolated and cross),
 * margin and capital in use.
 *
 * <p>Quantities are signed: {@code > 0} is a long, {@code < 0} a short. Prices and notionals are
 * in quote units.
 *
 * <h2>How the liquidation price is found</h2>
 * A position of signed quantity {@code q}, average entry {@code E} and backing margin {@code M}
 * has equity {@code M + q (P - E)} at mark price {@code P}, and must keep {@code mmf(|q| P) *
 * |q| P} of it. The liquidation price is where the two meet. With a constant fraction that is the
 * textbook closed form; with a fraction that grows with the notional (Backpack's {@code sqrt}
 * function) the equation has no convenient closed form, so it is solved by bisection on the
 * monotone gap between the two sides (60 halvings of the bracket, a relative error far below a
 * tick). Fees charged on the liquidation itself and funding are not included.
 *
 * <p>All methods are pure and thread-safe.
 */
public final class RiskMath {
  private static final int BISECTIONS = 200;

  private RiskMath() {}

  /**
   * The quantity-weighted average of fill prices.
   *
   * @param prices the fill prices, each {@code > 0}
   * @param quantities the fill quantities (absolute), each {@code > 0}, same length
   * @return the average entry price
   * @throws IllegalArgumentException if the arrays are empty, differ in length or hold a bad value
   */
  public static double averageEntry(double[] prices, double[] quantities) {
    notNull(prices, "prices");
    notNull(quantities, "quantities");
    if (prices.length == 0 || prices.length != quantities.length) {
      throw new IllegalArgumentException("need as many prices as quantities, at least one: %d prices, %d quantities"
          .formatted(prices.length, quantities.length));
    }
    double cost = 0;
    double qty = 0;
    for (int i = 0; i < prices.length; i++) {
      positive(prices[i], "prices[" + i + "]");
      positive(quantities[i], "quantities[" + i + "]");
      cost += prices[i] * quantities[i];
      qty += quantities[i];
    }
    // Clamp into [min, max]: rounding must not push the average outside the fills.
    double avg = cost / qty;
    double lo = Double.POSITIVE_INFINITY;
    double hi = 0;
    for (double p : prices) {
      lo = Math.min(lo, p);
      hi = Math.max(hi, p);
    }
    return Math.min(hi, Math.max(lo, avg));
  }

  /**
   * The price at which closing a long position returns exactly what it cost, fees included:
   * {@code averageEntry * (1 + entryFeeRate) / (1 - exitFeeRate)}.
   *
   * @param averageEntry the average entry price, {@code > 0}
   * @param entryFeeRate the fee rate paid on the entries, {@code >= 0}
   * @param exitFeeRate the fee rate the exit will pay, {@code 0 <= rate < 1}
   * @return the break-even price
   */
  public static double breakEvenPrice(double averageEntry, double entryFeeRate, double exitFeeRate) {
    positive(averageEntry, "averageEntry");
    nonNegative(entryFeeRate, "entryFeeRate");
    nonNegative(exitFeeRate, "exitFeeRate");
    if (exitFeeRate >= 1) {
      throw new IllegalArgumentException("exitFeeRate must be < 1: " + exitFeeRate);
    }
    return averageEntry * (1 + entryFeeRate) / (1 - exitFeeRate);
  }

  /**
   * The break-even price of a long from its total cost: {@code (cost + feesPaid) / (quantity * (1 -
   * exitFeeRate))}.
   *
   * @param quantity the base quantity held, {@code > 0}
   * @param cost the quote spent on the entries, fees excluded, {@code > 0}
   * @param feesPaid the quote fees already paid, {@code >= 0}
   * @param exitFeeRate the fee rate the exit will pay, {@code 0 <= rate < 1}
   * @return the break-even price
   */
  public static double breakEvenPrice(double quantity, double cost, double feesPaid, double exitFeeRate) {
    positive(quantity, "quantity");
    positive(cost, "cost");
    nonNegative(feesPaid, "feesPaid");
    nonNegative(exitFeeRate, "exitFeeRate");
    if (exitFeeRate >= 1) {
      throw new IllegalArgumentException("exitFeeRate must be < 1: " + exitFeeRate);
    }
    return (cost + feesPaid) / (quantity * (1 - exitFeeRate));
  }

  /**
   * The initial margin a perpetual position of a notional needs at a leverage.
   *
   * @param notional the absolute notional, {@code >= 0}
   * @param leverage the leverage, {@code >= 1}
   * @return {@code notional / leverage}
   */
  public static double marginInUse(double notional, double leverage) {
    nonNegative(notional, "notional");
    requireLeverage(leverage);
    return notional / leverage;
  }

  /**
   * The quote capital a position ties up: its cost plus fees on spot, its initial margin plus
   * fees on a perpetual.
   *
   * @param perp whether the position is on a perpetual
   * @param notional the absolute notional at entry (the cost), {@code >= 0}
   * @param feesPaid the fees paid, {@code >= 0}
   * @param leverage the leverage (ignored on spot), {@code >= 1}
   * @return the capital in use
   */
  public static double capitalInUse(boolean perp, double notional, double feesPaid, double leverage) {
    nonNegative(notional, "notional");
    nonNegative(feesPaid, "feesPaid");
    return perp ? marginInUse(notional, leverage) + feesPaid : notional + feesPaid;
  }

  /**
   * The liquidation price of a one-way perpetual position backed by a given margin.
   *
   * @param quantity the signed position quantity, non-zero
   * @param averageEntry the average entry price, {@code > 0}
   * @param margin the equity backing the position at the entry price: the isolated margin, or the
   *     account collateral under cross margin, {@code >= 0}
   * @param mmf the maintenance-margin function
   * @return the mark price at which equity falls to the maintenance margin, rounded towards the
   *     entry; {@code 0} for a long that cannot be liquidated (margin above its notional); a
   *     short always has a finite liquidation price
   */
  public static double liquidationPrice(double quantity, double averageEntry, double margin, MaintenanceMargin mmf) {
    finite(quantity, "quantity");
    if (quantity == 0) {
      throw new IllegalArgumentException("a flat position has no liquidation price");
    }
    positive(averageEntry, "averageEntry");
    nonNegative(margin, "margin");
    notNull(mmf, "mmf");
    double q = quantity;
    double absQ = Math.abs(q);
    if (q > 0) {
      // Long: the gap g(P) = M + q (P - E) - mmf(qP) qP rises with P; the root lies below
      // the price where g turns positive.
      if (gap(0, q, absQ, averageEntry, margin, mmf) >= 0) {
        return 0;
      }
      double hi = averageEntry;
      while (gap(hi, q, absQ, averageEntry, margin, mmf) < 0) {
        hi *= 2;
        if (!Double.isFinite(hi)) {
          throw new IllegalArgumentException("maintenance margin never met; is the fraction >= 1?");
        }
      }
      return bisect(0, hi, q, absQ, averageEntry, margin, mmf, true);
    }
    // Short: g falls with P; g(0) = M - qE > 0 always, find where it turns negative.
    double hi = averageEntry;
    while (gap(hi, q, absQ, averageEntry, margin, mmf) > 0) {
      hi *= 2;
      if (!Double.isFinite(hi)) {
        throw new IllegalArgumentException("no liquidation price found for the short");
      }
    }
    return bisect(0, hi, q, absQ, averageEntry, margin, mmf, false);
  }

  /**
   * The liquidation price under a margin mode.
   *
   * @param mode isolated or cross
   * @param quantity the signed position quantity, non-zero
   * @param averageEntry the average entry price, {@code > 0}
   * @param leverage the leverage the position was opened at (isolated margin is {@code |quantity|
   *     * averageEntry / leverage}), {@code >= 1}
   * @param collateral the account collateral (cross margin), fees already deducted, {@code >= 0};
   *     other positions are assumed flat
   * @param mmf the maintenance-margin function
   * @return the liquidation price, as {@link #liquidationPrice(double, double, double, MaintenanceMargin)}
   */
  public static double liquidationPrice(MarginMode mode, double quantity, double averageEntry, double leverage,
      double collateral, MaintenanceMargin mmf) {
    notNull(mode, "mode");
    requireLeverage(leverage);
    double margin = mode == MarginMode.ISOLATED
        ? Math.abs(quantity) * averageEntry / leverage
        : collateral;
    return liquidationPrice(quantity, averageEntry, margin, mmf);
  }

  private static double gap(double p, double q, double absQ, double e, double m, MaintenanceMargin mmf) {
    double notional = absQ * p;
    return m + q * (p - e) - mmf.fraction(notional) * notional;
  }

  private static double bisect(double lo, double hi, double q, double absQ, double e, double m,
      MaintenanceMargin mmf, boolean rising) {
    for (int i = 0; i < BISECTIONS && hi - lo > Math.ulp(hi); i++) {
      double mid = 0.5 * (lo + hi);
      double g = gap(mid, q, absQ, e, m, mmf);
      boolean belowRoot = rising ? g < 0 : g > 0;
      if (belowRoot) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    // Report the conservative end of the bracket, a hair closer to the entry than the true
    // root: the upper end for a long, the lower end for a short.
    return rising ? hi : lo;
  }

  private static void requireLeverage(double leverage) {
    if (!(leverage >= 1) || Double.isInfinite(leverage)) {
      throw new IllegalArgumentException("leverage must be >= 1 and finite: " + leverage);
    }
  }
}
