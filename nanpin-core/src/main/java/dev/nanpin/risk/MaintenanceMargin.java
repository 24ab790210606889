package dev.nanpin.risk;

import static dev.nanpin.internal.Checks.nonNegative;

/**
 * The maintenance-margin fraction a venue requires for a position of a given notional: the
 * equity a position must keep, as a fraction of its notional, before it is liquidated.
 *
 * <p>Venues grow the fraction with the position size. Backpack publishes it per market as
 * {@code mmfFunction: {"base": b, "factor": k, "type": "sqrt"}}, meaning {@code b + k *
 * sqrt(notional)}; {@link #sqrt(double, double)} implements that shape. The fraction must stay
 * below {@code 1} over the notionals used, or no position could be held at all.
 *
 * <p>Implementations must be pure functions and thread-safe.
 */
@FunctionalInterface
public interface MaintenanceMargin {
  /**
   * Returns the maintenance-margin fraction for a position notional.
   *
   * @param notional the absolute position notional in quote units, {@code >= 0}
   * @return the fraction, {@code >= 0}
   */
  double fraction(double notional);

  /**
   * A fraction that does not depend on the position size.
   *
   * @param fraction the fraction, {@code 0 <= fraction < 1}
   * @return the function
   * @throws IllegalArgumentException if the fraction is out of range
   */
  static MaintenanceMargin constant(double fraction) {
    nonNegative(fraction, "fraction");
    if (fraction >= 1) {
      throw new IllegalArgumentException("a maintenance-margin fraction must be < 1: " + fraction);
    }
    // serialisable, so that a simulation config can be shipped to another process (sweeps on Spark)
    return (MaintenanceMargin & java.io.Serializable) notional -> fraction;
  }

  /**
   * Backpack's {@code sqrt} function type: {@code base + factor * sqrt(notional)}.
   *
   * @param base the fraction at zero notional, {@code 0 <= base < 1}
   * @param factor the growth with the square root of the notional, {@code >= 0}
   * @return the function
   * @throws IllegalArgumentException if an argument is out of range
   */
  static MaintenanceMargin sqrt(double base, double factor) {
    nonNegative(base, "base");
    nonNegative(factor, "factor");
    if (base >= 1) {
      throw new IllegalArgumentException("a maintenance-margin base must be < 1: " + base);
    }
    return (MaintenanceMargin & java.io.Serializable) notional -> base + factor * Math.sqrt(Math.max(0, notional));
  }
}
