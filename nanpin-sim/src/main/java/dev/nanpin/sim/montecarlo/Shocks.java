package dev.nanpin.sim.montecarlo;

import java.util.SplittableRandom;

/**
 * The distribution of the per-bar log-return shocks of {@link GbmGenerator}: every variant has
 * mean 0 and variance 1, so the drift and volatility parameters keep their meaning.
 *
 * <ul>
 *   <li>{@link #normal()}: standard normal (ziggurat, {@code RandomGenerator.nextGaussian()}).
 *   <li>{@link #studentT(double)}: Student-t with {@code df > 2} degrees of freedom, scaled by
 *       {@code sqrt((df - 2) / df)} to unit variance. Fatter tails: {@code df = 3..5} is typical
 *       of hourly crypto returns.
 *   <li>Jumps are added on top by {@link GbmGenerator} (a compound Poisson process), not here.
 * </ul>
 *
 * @param df degrees of freedom, or {@code +infinity} for the normal
 */
public record Shocks(double df) implements java.io.Serializable {
  /** Validates. */
  public Shocks {
    if (!(df > 2)) {
      throw new IllegalArgumentException("Student-t degrees of freedom must be > 2 (finite variance): " + df);
    }
  }

  /** @return standard normal shocks */
  public static Shocks normal() {
    return new Shocks(Double.POSITIVE_INFINITY);
  }

  /**
   * @param df degrees of freedom, {@code > 2}
   * @return unit-variance Student-t shocks
   */
  public static Shocks studentT(double df) {
    return new Shocks(df);
  }

  /** @return whether these are normal shocks */
  public boolean isNormal() {
    return Double.isInfinite(df);
  }

  double next(SplittableRandom rng) {
    double z = rng.nextGaussian();
    if (isNormal()) {
      return z;
    }
    // t = z / sqrt(chi2(df) / df), chi2(df) = 2 * Gamma(df / 2, 1); scaled to unit variance
    double chi2 = 2.0 * gamma(rng, df / 2.0);
    return z / Math.sqrt(chi2 / df) * Math.sqrt((df - 2.0) / df);
  }

  /** Marsaglia and Tsang's method for Gamma(shape, 1); boosts shapes below 1. */
  static double gamma(SplittableRandom rng, double shape) {
    if (shape < 1.0) {
      double u = rng.nextDouble();
      return gamma(rng, shape + 1.0) * Math.pow(u, 1.0 / shape);
    }
    double d = shape - 1.0 / 3.0;
    double c = 1.0 / Math.sqrt(9.0 * d);
    while (true) {
      double x;
      double v;
      do {
        x = rng.nextGaussian();
        v = 1.0 + c * x;
      } while (v <= 0);
      v = v * v * v;
      double u = rng.nextDouble();
      if (u < 1.0 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1.0 - v + Math.log(v))) {
        return d * v;
      }
    }
  }
}
