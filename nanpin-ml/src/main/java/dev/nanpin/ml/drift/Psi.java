package dev.nanpin.ml.drift;

import java.util.Arrays;

/**
 * The population stability index, {@code PSI = sum over bins of (a - e) * ln(a / e)}, between an
 * expected distribution (the training data's) and an actual one (recent data). A share of zero is
 * replaced by {@link #EPSILON} so that an empty bin gives a large but finite term. Readings of
 * 0.1 and 0.25 are the usual "moderate" and "significant" thresholds; they depend on the binning,
 * which here is by deciles of the training data unless stated otherwise.
 */
public final class Psi {
  /** The share used in place of an empty bin's zero. */
  public static final double EPSILON = 1e-4;

  private Psi() {}

  /**
   * PSI between two distributions given as shares per bin.
   *
   * @param expected the expected shares, summing to 1
   * @param actual the actual shares, same length
   * @return the index, {@code >= 0}
   */
  public static double of(double[] expected, double[] actual) {
    if (expected.length != actual.length || expected.length == 0) {
      throw new IllegalArgumentException("PSI needs two non-empty share vectors of one length, got "
          + expected.length + " and " + actual.length);
    }
    double psi = 0;
    for (int i = 0; i < expected.length; i++) {
      double e = Math.max(expected[i], EPSILON);
      double a = Math.max(actual[i], EPSILON);
      psi += (a - e) * Math.log(a / e);
    }
    return psi;
  }

  /**
   * Bin edges at the quantiles of a reference sample.
   *
   * @param reference the training values, not empty
   * @param bins the number of bins, {@code >= 2}
   * @return {@code bins - 1} inner edges, ascending
   */
  public static double[] edges(double[] reference, int bins) {
    if (reference.length == 0 || bins < 2) {
      throw new IllegalArgumentException("need a non-empty reference and at least 2 bins");
    }
    double[] sorted = reference.clone();
    Arrays.sort(sorted);
    double[] edges = new double[bins - 1];
    for (int b = 1; b < bins; b++) {
      edges[b - 1] = sorted[(int) Math.min(sorted.length - 1, (long) b * sorted.length / bins)];
    }
    return edges;
  }

  /**
   * The share of values in each bin defined by {@code edges} (a value equal to an edge falls in
   * the bin above it).
   *
   * @param values the values
   * @param edges inner edges from {@link #edges}
   * @return {@code edges.length + 1} shares summing to 1 (all zero for no values)
   */
  public static double[] shares(double[] values, double[] edges) {
    double[] shares = new double[edges.length + 1];
    for (double v : values) {
      int lo = 0;
      int hi = edges.length;
      while (lo < hi) {
        int mid = (lo + hi) >>> 1;
        if (v >= edges[mid]) {
          lo = mid + 1;
        } else {
          hi = mid;
        }
      }
      shares[lo]++;
    }
    if (values.length > 0) {
      for (int i = 0; i < shares.length; i++) {
        shares[i] /= values.length;
      }
    }
    return shares;
  }
}
