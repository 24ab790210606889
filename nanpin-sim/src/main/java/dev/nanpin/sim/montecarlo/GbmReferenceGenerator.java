package dev.nanpin.sim.montecarlo;

/**
 * The reference GBM recipe of the benchmark workloads, bit for bit: one {@code
 * SplittableRandom(seed)} consumed in order (path 0 bars 0..n-1, then path 1, ...), two
 * Box-Muller normals per bar (close shock, then wick), {@code StrictMath} for log, cos and exp;
 * start 30,000, mu 0.3, sigma 0.7, dt 1/8760, wick 0.002, volume 1, bar i opening at
 * 2020-01-01T00:00Z plus i hours. {@code gbm-reference 200 8760 42} has the data fingerprint
 * {@code 3e0da9c3f227d798}.
 *
 * <h2>How paths are made independently</h2>
 * {@code SplittableRandom.nextLong()} advances its state by a constant ({@code s += GAMMA}) and
 * mixes it; each bar draws four {@code nextDouble()}s. Path {@code p} therefore starts at state
 * {@code seed + p * bars * 4 * GAMMA}, so any path can be made without making the ones before it,
 * with exactly the numbers the sequential recipe draws. The mixing function is the JDK 17 one,
 * written out (and checked against {@code java.util.SplittableRandom} in the tests).
 */
public final class GbmReferenceGenerator implements PathGenerator {
  /** The starting price of every path. */
  public static final double START = 30000.0;
  /** Annual drift. */
  public static final double MU = 0.3;
  /** Annual volatility. */
  public static final double SIGMA = 0.7;
  /** One hour in years. */
  public static final double DT = 1.0 / 8760.0;
  /** Wick size per unit of the wick normal. */
  public static final double WICK = 0.002;
  /** 2020-01-01T00:00:00Z, the open time of bar 0. */
  public static final long START_MILLIS = 1_577_836_800_000L;
  /** One hour. */
  public static final long BAR_MILLIS = 3_600_000L;

  private static final long GAMMA = 0x9e3779b97f4a7c15L;
  private static final double DRIFT = (MU - 0.5 * SIGMA * SIGMA) * DT;
  private static final double VOL_STEP = SIGMA * StrictMath.sqrt(DT);

  private final long seed;

  /**
   * @param seed the seed of the one stream all paths share
   */
  public GbmReferenceGenerator(long seed) {
    this.seed = seed;
  }

  @Override
  public String id() {
    return "gbm-reference";
  }

  @Override
  public long barMillis() {
    return BAR_MILLIS;
  }

  @Override
  public void generate(long path, int bars, PathBuffer out) {
    if (path < 0) {
      throw new IllegalArgumentException("path must be >= 0: " + path);
    }
    out.resize(bars);
    // state before the first nextLong() of this path
    long s = seed + path * (long) bars * 4L * GAMMA;
    double prev = START;
    for (int i = 0; i < bars; i++) {
      s += GAMMA;
      double u1 = toDouble(mix64(s));
      s += GAMMA;
      double u2 = toDouble(mix64(s));
      double zr = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2.0 * Math.PI * u2);
      s += GAMMA;
      double u3 = toDouble(mix64(s));
      s += GAMMA;
      double u4 = toDouble(mix64(s));
      double zw = StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u3)) * StrictMath.cos(2.0 * Math.PI * u4);
      double o = prev;
      double c = prev * StrictMath.exp(DRIFT + VOL_STEP * zr);
      double w = Math.abs(zw) * WICK;
      out.time[i] = START_MILLIS + i * BAR_MILLIS;
      out.open[i] = o;
      out.high[i] = Math.max(o, c) * (1.0 + w);
      out.low[i] = Math.min(o, c) * (1.0 - w);
      out.close[i] = c;
      out.volume[i] = 1.0;
      prev = c;
    }
  }

  /** SplittableRandom's {@code mix64} (JDK 17). */
  static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private static double toDouble(long x) {
    return (x >>> 11) * 0x1.0p-53;
  }

  /**
   * The data fingerprint of the workloads document: FNV-1a-style over the raw bits of open, high,
   * low, close of every bar of every path, in order.
   *
   * @param h the running hash; start with {@link #FINGERPRINT_SEED}
   * @param buffer a generated path
   * @return the updated hash
   */
  public static long fingerprint(long h, PathBuffer buffer) {
    for (int i = 0; i < buffer.size; i++) {
      h = (h ^ Double.doubleToRawLongBits(buffer.open[i])) * 0x100000001b3L;
      h = (h ^ Double.doubleToRawLongBits(buffer.high[i])) * 0x100000001b3L;
      h = (h ^ Double.doubleToRawLongBits(buffer.low[i])) * 0x100000001b3L;
      h = (h ^ Double.doubleToRawLongBits(buffer.close[i])) * 0x100000001b3L;
    }
    return h;
  }

  /** The initial value of {@link #fingerprint(long, PathBuffer)}. */
  public static final long FINGERPRINT_SEED = 0xcbf29ce484222325L;
}
