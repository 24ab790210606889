package dev.nanpin.sim;

import dev.nanpin.sim.montecarlo.GbmReferenceGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.util.Arrays;

/**
 * The exact synthetic price generator of the benchmark workloads ({@code gbm PATHS BARS SEED}):
 * geometric Brownian motion with {@code mu = 0.3}, {@code sigma = 0.7}, hourly steps
 * ({@code dt = 1/8760}), start price 30,000 and wicks of {@code |z| * 0.2 %}.
 *
 * <p>All paths come from one {@code SplittableRandom(seed)} consumed in order, two
 * Box-Muller normals per bar (cosine branch only), with {@code StrictMath} for log, cos and exp so
 * that every JVM produces the same bits. Bar {@code i} opens at 2020-01-01T00:00Z plus {@code i}
 * hours; volume is 1. {@code gbm 200 8760 42} has the fingerprint {@code 3e0da9c3f227d798}.
 *
 * <p>Stateless and thread-safe.
 */
public final class GbmReference {
  /** The starting price of every path. */
  public static final double START = GbmReferenceGenerator.START;
  /** 2020-01-01T00:00:00Z, the open time of bar 0. */
  public static final long START_MILLIS = GbmReferenceGenerator.START_MILLIS;

  private GbmReference() {}

  /**
   * Generates whole paths with {@link GbmReferenceGenerator}, the one implementation of the
   * recipe (it also serves the Monte Carlo runs, path by path).
   *
   * @param paths the number of paths, {@code >= 1}
   * @param bars bars per path, {@code >= 1}
   * @param seed the seed of the one stream all paths share
   * @return the paths in order
   */
  public static BarData[] generate(int paths, int bars, long seed) {
    if (paths < 1 || bars < 1) {
      throw new IllegalArgumentException("paths and bars must be >= 1: " + paths + ", " + bars);
    }
    GbmReferenceGenerator generator = new GbmReferenceGenerator(seed);
    PathBuffer buffer = new PathBuffer();
    BarData[] out = new BarData[paths];
    for (int p = 0; p < paths; p++) {
      generator.generate(p, bars, buffer);
      out[p] = BarData.wrap(Arrays.copyOf(buffer.time(), bars), Arrays.copyOf(buffer.open(), bars),
          Arrays.copyOf(buffer.high(), bars), Arrays.copyOf(buffer.low(), bars), Arrays.copyOf(buffer.close(), bars),
          Arrays.copyOf(buffer.volume(), bars));
    }
    return out;
  }

  /**
   * The data fingerprint of the workloads document over several series, as 16 hex digits.
   *
   * @param series the series in order
   * @return the fingerprint, e.g. {@code 3e0da9c3f227d798} for {@code gbm 200 8760 42}
   */
  public static String fingerprint(BarData... series) {
    long h = GbmReferenceGenerator.FINGERPRINT_SEED;
    for (BarData s : series) {
      h = s.fingerprint(h);
    }
    return String.format("%016x", h);
  }
}
