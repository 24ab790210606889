package dev.nanpin.sim.montecarlo;

import java.util.SplittableRandom;

/**
 * Resamples a real price history in blocks, which keeps its volatility clustering, fat tails
 * and intrabar shapes that a GBM lacks.
 *
 * <p>Each history bar {@code i >= 1} is reduced to its shape relative to the previous close: the
 * gap {@code g = ln(open / prevClose)}, the return {@code r = ln(close / prevClose)}, the upper
 * wick {@code u = ln(high / max(open, close))}, the lower wick {@code d = ln(min(open, close) /
 * low)} and the volume. A path is a sequence of such shapes drawn in blocks and rebuilt from the
 * start price: {@code open = prev * e^g}, {@code close = prev * e^r}, {@code high = max(open,
 * close) * e^u}, {@code low = min(open, close) * e^-d}, so that {@code high >= max(open, close)}
 * and {@code low <= min(open, close)} hold by construction.
 *
 * <ul>
 *   <li>{@link Mode#STATIONARY} (Politis and Romano): after each bar, continue with the next
 *       history bar with probability {@code 1 - 1/blockLength}, else jump to a random one;
 *       indices wrap around. Block lengths are geometric with mean {@code blockLength}.
 *   <li>{@link Mode#MOVING_BLOCK}: blocks of exactly {@code blockLength} consecutive bars starting
 *       at random positions that fit in the history.
 * </ul>
 * Each path's stream is seeded from {@code (seed, path)} as in {@link GbmGenerator}.
 */
public final class BootstrapGenerator implements PathGenerator {
  /** How blocks are drawn. */
  public enum Mode {
    /** Geometric block lengths, circular history. */
    STATIONARY,
    /** Fixed block lengths, blocks within the history. */
    MOVING_BLOCK
  }

  private final double[] gap;
  private final double[] ret;
  private final double[] up;
  private final double[] down;
  private final double[] vol;
  private final Mode mode;
  private final int blockLength;
  private final double start;
  private final long barMillis;
  private final long startMillis;
  private final long seed;

  /**
   * Builds a generator over a history.
   *
   * @param time open times of the history, strictly increasing
   * @param open opens, {@code > 0}
   * @param high highs
   * @param low lows, {@code > 0}
   * @param close closes, {@code > 0}
   * @param volume volumes
   * @param n how many history bars to use, {@code >= 2}
   * @param mode how blocks are drawn
   * @param blockLength the (mean) block length in bars, {@code 1 <= blockLength < n}
   * @param start the price at the open of bar 0 of each path, {@code > 0}
   * @param seed the run seed
   */
  public BootstrapGenerator(long[] time, double[] open, double[] high, double[] low, double[] close,
      double[] volume, int n, Mode mode, int blockLength, double start, long seed) {
    if (n < 2) {
      throw new IllegalArgumentException("a bootstrap needs at least 2 history bars, got " + n);
    }
    if (blockLength < 1 || blockLength >= n) {
      throw new IllegalArgumentException("blockLength must be in [1, %d): %d".formatted(n, blockLength));
    }
    if (!(start > 0) || Double.isInfinite(start)) {
      throw new IllegalArgumentException("start must be > 0: " + start);
    }
    this.mode = java.util.Objects.requireNonNull(mode, "mode");
    int m = n - 1;
    gap = new double[m];
    ret = new double[m];
    up = new double[m];
    down = new double[m];
    vol = new double[m];
    long[] steps = new long[m];
    for (int i = 1; i < n; i++) {
      double prev = close[i - 1];
      if (!(prev > 0 && open[i] > 0 && close[i] > 0 && low[i] > 0)) {
        throw new IllegalArgumentException("history bar " + i + " has a non-positive price");
      }
      double top = Math.max(open[i], close[i]);
      double bottom = Math.min(open[i], close[i]);
      gap[i - 1] = Math.log(open[i] / prev);
      ret[i - 1] = Math.log(close[i] / prev);
      up[i - 1] = Math.max(0.0, Math.log(high[i] / top));
      down[i - 1] = Math.max(0.0, Math.log(bottom / low[i]));
      vol[i - 1] = volume[i];
      steps[i - 1] = time[i] - time[i - 1];
    }
    java.util.Arrays.sort(steps);
    this.barMillis = steps[m / 2];
    this.blockLength = blockLength;
    this.start = start;
    this.startMillis = time[n - 1] + barMillis;
    this.seed = seed;
  }

  @Override
  public String id() {
    return "bootstrap";
  }

  @Override
  public long barMillis() {
    return barMillis;
  }

  @Override
  public void generate(long path, int bars, PathBuffer out) {
    if (path < 0) {
      throw new IllegalArgumentException("path must be >= 0: " + path);
    }
    out.resize(bars);
    SplittableRandom rng = new SplittableRandom(GbmGenerator.pathSeed(seed, path));
    int m = ret.length;
    double restart = 1.0 / blockLength;
    int idx = 0;
    int leftInBlock = 0;
    double prev = start;
    for (int i = 0; i < bars; i++) {
      if (mode == Mode.STATIONARY) {
        if (i == 0 || rng.nextDouble() < restart) {
          idx = rng.nextInt(m);
        } else {
          idx = idx + 1 == m ? 0 : idx + 1;
        }
      } else {
        if (leftInBlock == 0) {
          idx = rng.nextInt(m - blockLength + 1);
          leftInBlock = blockLength;
        } else {
          idx++;
        }
        leftInBlock--;
      }
      double o = prev * Math.exp(gap[idx]);
      double c = prev * Math.exp(ret[idx]);
      out.time[i] = startMillis + i * barMillis;
      out.open[i] = o;
      out.close[i] = c;
      out.high[i] = Math.max(o, c) * Math.exp(up[idx]);
      out.low[i] = Math.min(o, c) * Math.exp(-down[idx]);
      out.volume[i] = vol[idx];
      prev = c;
    }
  }
}
