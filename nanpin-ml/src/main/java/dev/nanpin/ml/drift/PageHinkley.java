package dev.nanpin.ml.drift;

/**
 * The Page-Hinkley test for an increase in the mean of a stream (for example of prediction
 * errors): it accumulates {@code sum = alpha * sum + (x - mean - delta)} and signals a change when
 * {@code sum - min(sum) > lambda}. After a detection the test starts afresh.
 *
 * <p>Defaults are the reference implementation's: at least 30 values, {@code delta = 0.005},
 * {@code lambda = 50}, {@code alpha = 0.9999}. As there, the running count starts at one, so the
 * first check happens at the 29th value after a start; the test suite checks the detections
 * against the reference implementation's on recorded streams.
 *
 * <p>O(1) per value. Not thread-safe.
 */
public final class PageHinkley {
  private final int minInstances;
  private final double delta;
  private final double lambda;
  private final double alpha;
  private int n;
  private double mean;
  private double sum;
  private double min;
  private boolean changed;
  private int detections;

  /** A test with the default parameters. */
  public PageHinkley() {
    this(30, 0.005, 50, 0.9999);
  }

  /**
   * @param minInstances values needed before a change may be signalled, {@code >= 1}
   * @param delta the magnitude of change tolerated, {@code >= 0}
   * @param lambda the detection threshold, {@code > 0}
   * @param alpha the forgetting factor, {@code 0 < alpha <= 1}
   */
  public PageHinkley(int minInstances, double delta, double lambda, double alpha) {
    if (minInstances < 1 || !(delta >= 0) || !(lambda > 0) || !(alpha > 0 && alpha <= 1)) {
      throw new IllegalArgumentException("Page-Hinkley needs minInstances >= 1, delta >= 0, lambda > 0,"
          + " 0 < alpha <= 1; were " + minInstances + ", " + delta + ", " + lambda + ", " + alpha);
    }
    this.minInstances = minInstances;
    this.delta = delta;
    this.lambda = lambda;
    this.alpha = alpha;
    reset();
  }

  private void reset() {
    n = 1;
    mean = 0;
    sum = 0;
    min = Double.MAX_VALUE;
  }

  /**
   * Adds a value.
   *
   * @param x the value, finite
   * @return whether a change is signalled at this value
   */
  public boolean add(double x) {
    if (!Double.isFinite(x)) {
      throw new IllegalArgumentException("Page-Hinkley value must be finite, was " + x);
    }
    if (changed) {
      reset();
    }
    mean += (x - mean) / n;
    sum = alpha * sum + (x - mean - delta);
    n++;
    if (sum <= min) {
      min = sum;
    }
    changed = n >= minInstances && sum - min > lambda;
    if (changed) {
      detections++;
    }
    return changed;
  }

  /** @return how many changes were signalled */
  public int detections() {
    return detections;
  }
}
