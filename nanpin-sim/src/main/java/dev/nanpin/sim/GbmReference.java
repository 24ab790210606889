package dev.nanpin.sim;

import java.util.SplittableRandom;

/**
 * The exact synthetic price generator of the benchmark workloads ({@code gbm PATHS BARS SEED}):
 * geometric Brownian motion with {@code mu = 0.3}, {@code sigma = 0.7}, hourly steps
 * ({@code dt = 1/8760}), start price 30,000 and wicks of {@code |z| * 0.2 %}.
 *
 * <p>All paths come from one {@link SplittableRandom}{@code (seed)} consumed in order, two
 * Box-Muller normals per bar (cosine branch only), with {@link StrictMath} for log, cos and exp so
 * that every JVM produces the same bits. Bar {@code i} opens at 2020-01-01T00:00Z plus {@code i}
 * hours; volume is 1. {@code gbm 200 8760 42} has the fingerprint {@code 3e0da9c3f227d798}.
 *
 * <p>Stateless and thread-safe.
 */
public final class GbmReference {
  /** The start price of every path. */
  public static final double START = 30000.0;
  /** The annual drift. */
  public static final double MU = 0.3;
  /** The annual volatility. */
  public static final double SIGMA = 0.7;
  /** The time step in years (one hour). */
  public static final double DT = 1.0 / 8760.0;
  /** The wick scale. */
  public static final double WICK = 0.002;
  /** The open time of bar 0, 2020-01-01T00:00:00Z, in epoch milliseconds. */
  public static final long START_MILLIS = 1_577_836_800_000L;

  private static final long HOUR_MILLIS = 3_600_000L;

  private GbmReference() {}

  /**
   * Generates the paths of {@code gbm paths bars seed}.
   *
   * @param paths the number of paths, {@code >= 1}
   * @param bars the bars per path, {@code >= 1}
   * @param seed the seed
   * @return one series per path, in path order
   * @throws IllegalArgumentException if a count is below 1
   */
  public static BarData[] generate(int paths, int bars, long seed) {
    if (paths < 1 || bars < 1) {
      throw new IllegalArgumentException("paths and bars must be >= 1: " + paths + ", " + bars);
    }
    SplittableRandom rng = new SplittableRandom(seed);
    double drift = (MU - 0.5 * SIGMA * SIGMA) * DT;
    double volStep = SIGMA * StrictMath.sqrt(DT);
    BarData[] out = new BarData[paths];
    for (int p = 0; p < paths; p++) {
      long[] t = new long[bars];
      double[] open = new double[bars];
      double[] high = new double[bars];
      double[] low = new double[bars];
      double[] close = new double[bars];
      double[] volume = new double[bars];
      double prev = START;
      for (int i = 0; i < bars; i++) {
        double zr = gaussian(rng);
        double zw = gaussian(rng);
        double o = prev;
        double c = prev * StrictMath.exp(drift + volStep * zr);
        double w = Math.abs(zw) * WICK;
        t[i] = START_MILLIS + i * HOUR_MILLIS;
        open[i] = o;
        high[i] = Math.max(o, c) * (1.0 + w);
        low[i] = Math.min(o, c) * (1.0 - w);
        close[i] = c;
        volume[i] = 1.0;
        prev = c;
      }
      out[p] = BarData.wrap(t, open, high, low, close, volume);
    }
    return out;
  }

  /**
   * The workloads' data fingerprint over several series, in order.
   *
   * @param series the series
   * @return the fingerprint as 16 lower-case hex digits
   */
  public static String fingerprint(BarData... series) {
    long h = 0xcbf29ce484222325L;
    for (BarData s : series) {
      h = s.fingerprint(h);
    }
    return String.format("%016x", h);
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }
}
