package dev.nanpin.sim.montecarlo;

import java.util.Arrays;

/**
 * Summary statistics of one figure across the paths of a run (e.g. the annual return of each
 * path). Built from the values in path order, so the same run gives the same numbers for any
 * thread count. Percentiles interpolate linearly between order statistics (the NumPy default).
 *
 * <p>Immutable and thread-safe.
 */
public final class Distribution {
  private final double[] sorted;
  private final double mean;
  private final double std;

  /**
   * @param values the figure of each path; NaN values are not allowed
   * @throws IllegalArgumentException if empty or a value is NaN
   */
  public Distribution(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("a distribution needs at least one value");
    }
    double sum = 0;
    for (double v : values) {
      if (Double.isNaN(v)) {
        throw new IllegalArgumentException("NaN in a distribution");
      }
      sum += v;
    }
    sorted = values.clone();
    Arrays.sort(sorted);
    mean = sum / values.length;
    double ss = 0;
    for (double v : values) {
      ss += (v - mean) * (v - mean);
    }
    std = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) : 0.0;
  }

  /** @return the number of values */
  public int count() {
    return sorted.length;
  }

  /** @return the arithmetic mean */
  public double mean() {
    return mean;
  }

  /** @return the sample standard deviation, {@code 0} for one value */
  public double std() {
    return std;
  }

  /** @return the smallest value */
  public double min() {
    return sorted[0];
  }

  /** @return the largest value */
  public double max() {
    return sorted[sorted.length - 1];
  }

  /** @return the median */
  public double median() {
    return percentile(50);
  }

  /**
   * @param p the percentile, {@code 0 <= p <= 100}
   * @return the value below which {@code p} % of the values lie, linearly interpolated
   */
  public double percentile(double p) {
    if (!(p >= 0 && p <= 100)) {
      throw new IllegalArgumentException("percentile must be in [0, 100]: " + p);
    }
    double rank = p / 100.0 * (sorted.length - 1);
    int lo = (int) Math.floor(rank);
    int hi = Math.min(lo + 1, sorted.length - 1);
    double frac = rank - lo;
    return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
  }

  /**
   * @param threshold a value
   * @return the share of values strictly above {@code threshold}
   */
  public double shareAbove(double threshold) {
    int idx = Arrays.binarySearch(sorted, Math.nextUp(threshold));
    int firstAbove = idx >= 0 ? idx : -idx - 1;
    while (firstAbove > 0 && sorted[firstAbove - 1] > threshold) {
      firstAbove--;
    }
    return (sorted.length - firstAbove) / (double) sorted.length;
  }

  /**
   * Counts the values in equal-width bins between {@link #min()} and {@link #max()}.
   *
   * @param bins the number of bins, {@code >= 1}
   * @return the counts; all values in bin 0 when every value is equal
   */
  public int[] histogram(int bins) {
    if (bins < 1) {
      throw new IllegalArgumentException("bins must be >= 1: " + bins);
    }
    int[] counts = new int[bins];
    double lo = min();
    double width = (max() - lo) / bins;
    for (double v : sorted) {
      int b = width > 0 ? (int) ((v - lo) / width) : 0;
      counts[Math.min(b, bins - 1)]++;
    }
    return counts;
  }
}
