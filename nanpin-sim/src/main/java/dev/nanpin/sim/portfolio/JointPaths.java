package dev.nanpin.sim.portfolio;

import dev.nanpin.sim.BarData;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Synthetic price paths of several symbols at once that keep the symbols' co-movement, for a
 * portfolio Monte Carlo.
 *
 * <h2>The history they are fitted on</h2>
 * The symbols' bars are aligned on the timestamps at which every symbol has a bar; a <em>joint
 * row</em> is, for one such timestamp, every symbol's bar shape relative to its close at the
 * previous aligned timestamp: gap {@code ln(open / prevClose)}, return {@code ln(close /
 * prevClose)}, upper wick {@code ln(high / max(open, close))}, lower wick {@code ln(min(open,
 * close) / low)} and volume. A timestamp missing for any symbol is left out (its move is then
 * part of the next row's gap and return), so no price is carried forward into a row.
 *
 * <h2>Two generators</h2>
 * <ul>
 *   <li>{@link #bootstrap}: a stationary block bootstrap of the joint rows (Politis and Romano:
 *       after each bar continue with the next row with probability {@code 1 - 1/blockLength},
 *       else jump to a random row, circularly). All symbols take the <em>same</em> row, so their
 *       correlation, and the fat tails and volatility clustering of the real data, are kept.</li>
 *   <li>{@link #correlatedGbm}: a multivariate geometric Brownian motion with the mean and the
 *       covariance of the rows' log returns (the drift is the history's), correlated normal
 *       shocks {@code mu + L z} with {@code L} the Cholesky factor of the covariance; the open is
 *       the previous close, and each wick is exponential with the mean of the history's wicks.</li>
 * </ul>
 * Each path's random stream is seeded from {@code (seed, path)} ({@link GbmGenerator#pathSeed}),
 * so path {@code p} is the same whichever thread makes it and whatever was made before.
 *
 * <p>Immutable and thread-safe; serialisable.
 */
public final class JointPaths implements Serializable {
  private static final long serialVersionUID = 1L;

  private final boolean gbm;
  private final int symbols;
  private final int rows;
  /** [symbol][row] shapes. */
  private final double[][] gap;
  private final double[][] ret;
  private final double[][] up;
  private final double[][] down;
  private final double[][] vol;
  private final double[] start;
  private final long barMillis;
  private final long startMillis;
  private final int blockLength;
  private final long seed;
  private final double[] mu;
  private final double[][] chol;
  private final double[] meanUp;
  private final double[] meanDown;

  private JointPaths(List<BarData> history, boolean gbm, int blockLength, long seed) {
    Objects.requireNonNull(history, "history");
    if (history.isEmpty()) {
      throw new IllegalArgumentException("joint paths need at least one symbol");
    }
    this.gbm = gbm;
    this.symbols = history.size();
    int[][] aligned = align(history);
    this.rows = aligned.length - 1;
    if (rows < 2) {
      throw new IllegalArgumentException("the symbols share %d timestamps; joint paths need at least 3"
          .formatted(aligned.length));
    }
    if (!gbm && (blockLength < 1 || blockLength >= rows)) {
      throw new IllegalArgumentException("blockLength must be in [1, %d): %d".formatted(rows, blockLength));
    }
    gap = new double[symbols][rows];
    ret = new double[symbols][rows];
    up = new double[symbols][rows];
    down = new double[symbols][rows];
    vol = new double[symbols][rows];
    start = new double[symbols];
    long[] steps = new long[rows];
    for (int s = 0; s < symbols; s++) {
      BarData d = history.get(s);
      for (int k = 1; k <= rows; k++) {
        int i = aligned[k][s];
        double prev = d.close(aligned[k - 1][s]);
        double top = Math.max(d.open(i), d.close(i));
        double bottom = Math.min(d.open(i), d.close(i));
        gap[s][k - 1] = Math.log(d.open(i) / prev);
        ret[s][k - 1] = Math.log(d.close(i) / prev);
        up[s][k - 1] = Math.max(0.0, Math.log(d.high(i) / top));
        down[s][k - 1] = Math.max(0.0, Math.log(bottom / d.low(i)));
        vol[s][k - 1] = d.volume(i);
        steps[k - 1] = d.timeMillis(i) - d.timeMillis(aligned[k - 1][s]);
      }
      start[s] = d.close(aligned[rows][s]);
    }
    java.util.Arrays.sort(steps);
    this.barMillis = steps[rows / 2];
    this.startMillis = history.get(0).timeMillis(aligned[rows][0]) + barMillis;
    this.blockLength = blockLength;
    this.seed = seed;
    this.mu = new double[symbols];
    this.meanUp = new double[symbols];
    this.meanDown = new double[symbols];
    double[][] cov = new double[symbols][symbols];
    for (int s = 0; s < symbols; s++) {
      mu[s] = dev.nanpin.metrics.Metrics.mean(ret[s]);
      meanUp[s] = dev.nanpin.metrics.Metrics.mean(up[s]);
      meanDown[s] = dev.nanpin.metrics.Metrics.mean(down[s]);
    }
    for (int a = 0; a < symbols; a++) {
      for (int b = 0; b < symbols; b++) {
        double c = 0;
        for (int k = 0; k < rows; k++) {
          c += (ret[a][k] - mu[a]) * (ret[b][k] - mu[b]);
        }
        cov[a][b] = c / (rows - 1);
      }
    }
    this.chol = cholesky(cov);
  }

  /**
   * A stationary block bootstrap of the symbols' joint rows.
   *
   * @param history each symbol's bars, in the order of the portfolio's legs
   * @param blockLength the mean block length in rows, {@code 1 <= blockLength < rows}
   * @param seed the run seed
   * @return the generator; paths start at each symbol's last aligned close
   */
  public static JointPaths bootstrap(List<BarData> history, int blockLength, long seed) {
    return new JointPaths(history, false, blockLength, seed);
  }

  /**
   * A correlated GBM fitted on the symbols' joint rows.
   *
   * @param history each symbol's bars, in the order of the portfolio's legs
   * @param seed the run seed
   * @return the generator; paths start at each symbol's last aligned close
   * @throws IllegalArgumentException if the covariance is not positive definite (a symbol without
   *     variance, or two symbols moving in lockstep)
   */
  public static JointPaths correlatedGbm(List<BarData> history, long seed) {
    return new JointPaths(history, true, 1, seed);
  }

  /** @return {@code "joint-bootstrap"} or {@code "correlated-gbm"} */
  public String id() {
    return gbm ? "correlated-gbm" : "joint-bootstrap";
  }

  /** @return the number of symbols */
  public int symbols() {
    return symbols;
  }

  /** @return the number of joint rows the generator was fitted on */
  public int rows() {
    return rows;
  }

  /** @return the bar length of the paths (the median step between aligned timestamps) */
  public long barMillis() {
    return barMillis;
  }

  /** @return the seed */
  public long seed() {
    return seed;
  }

  /** @return the mean block length of the bootstrap ({@code 1} for the GBM) */
  public int blockLength() {
    return blockLength;
  }

  /**
   * The correlation of two symbols' log returns over the fitted rows.
   *
   * @param a a symbol's index
   * @param b another symbol's index
   * @return Pearson's correlation
   */
  public double historyCorrelation(int a, int b) {
    return dev.nanpin.metrics.Metrics.correlation(ret[a], ret[b]);
  }

  /**
   * One joint path: every symbol's bars over the same timestamps.
   *
   * @param path the path index, {@code >= 0}
   * @param bars the number of bars, {@code >= 1}
   * @return one bar series per symbol
   */
  public List<BarData> generate(long path, int bars) {
    if (path < 0 || bars < 1) {
      throw new IllegalArgumentException("path must be >= 0 and bars >= 1: " + path + ", " + bars);
    }
    SplittableRandom rng = new SplittableRandom(GbmGenerator.pathSeed(seed, path));
    long[] t = new long[bars];
    double[][] o = new double[symbols][bars];
    double[][] h = new double[symbols][bars];
    double[][] l = new double[symbols][bars];
    double[][] c = new double[symbols][bars];
    double[][] v = new double[symbols][bars];
    double[] prev = start.clone();
    double[] z = new double[symbols];
    int row = 0;
    double restart = 1.0 / blockLength;
    for (int i = 0; i < bars; i++) {
      t[i] = startMillis + i * barMillis;
      if (gbm) {
        for (int s = 0; s < symbols; s++) {
          z[s] = rng.nextGaussian();
        }
      } else {
        row = i == 0 || rng.nextDouble() < restart ? rng.nextInt(rows) : (row + 1 == rows ? 0 : row + 1);
      }
      for (int s = 0; s < symbols; s++) {
        double g;
        double r;
        double wu;
        double wd;
        if (gbm) {
          double x = mu[s];
          for (int k = 0; k <= s; k++) {
            x += chol[s][k] * z[k];
          }
          g = 0;
          r = x;
          wu = -meanUp[s] * Math.log(1.0 - rng.nextDouble());
          wd = -meanDown[s] * Math.log(1.0 - rng.nextDouble());
          v[s][i] = 1;
        } else {
          g = gap[s][row];
          r = ret[s][row];
          wu = up[s][row];
          wd = down[s][row];
          v[s][i] = vol[s][row];
        }
        o[s][i] = prev[s] * Math.exp(g);
        c[s][i] = prev[s] * Math.exp(r);
        h[s][i] = Math.max(o[s][i], c[s][i]) * Math.exp(wu);
        l[s][i] = Math.min(o[s][i], c[s][i]) * Math.exp(-wd);
        prev[s] = c[s][i];
      }
    }
    List<BarData> out = new ArrayList<>(symbols);
    for (int s = 0; s < symbols; s++) {
      out.add(BarData.of(t.clone(), o[s], h[s], l[s], c[s], v[s]));
    }
    return out;
  }

  /** Row k of the result: each symbol's bar index at the k-th timestamp that every symbol has. */
  private static int[][] align(List<BarData> history) {
    int n = history.size();
    int[] cursor = new int[n];
    List<int[]> rows = new ArrayList<>();
    while (true) {
      long t = Long.MIN_VALUE;
      for (int s = 0; s < n; s++) {
        if (cursor[s] >= history.get(s).size()) {
          return rows.toArray(new int[0][]);
        }
        t = Math.max(t, history.get(s).timeMillis(cursor[s]));
      }
      boolean all = true;
      for (int s = 0; s < n; s++) {
        BarData d = history.get(s);
        while (cursor[s] < d.size() && d.timeMillis(cursor[s]) < t) {
          cursor[s]++;
        }
        all &= cursor[s] < d.size() && d.timeMillis(cursor[s]) == t;
      }
      if (all) {
        rows.add(cursor.clone());
        for (int s = 0; s < n; s++) {
          cursor[s]++;
        }
      }
    }
  }

  /** The lower Cholesky factor of a symmetric positive-definite matrix. */
  private static double[][] cholesky(double[][] a) {
    int n = a.length;
    double[][] l = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        double sum = a[i][j];
        for (int k = 0; k < j; k++) {
          sum -= l[i][k] * l[j][k];
        }
        if (i == j) {
          if (!(sum > 0)) {
            throw new IllegalArgumentException("the covariance of the symbols' returns is not positive definite "
                + "(symbol " + i + " has no variance of its own)");
          }
          l[i][i] = Math.sqrt(sum);
        } else {
          l[i][j] = sum / l[j][j];
        }
      }
    }
    return l;
  }
}
