package dev.nanpin.ml.internal;

/**
 * A fixed-length window over a stream of doubles: running sum and sum of squares, O(1) per value,
 * plus the value {@code k} steps back. The sums are recomputed from the buffer every {@code
 * length * 64} values so that rounding from adding and subtracting cannot build up.
 */
public final class Window {
  private final double[] values;
  private int count;
  private int next;
  private double sum;
  private double sumSq;
  private int sinceResum;

  /**
   * @param length the number of values the window holds, {@code >= 1}
   */
  public Window(int length) {
    if (length < 1) {
      throw new IllegalArgumentException("window length must be >= 1, was " + length);
    }
    this.values = new double[length];
  }

  /**
   * Adds a value, dropping the oldest when full.
   *
   * @param v the value, finite
   */
  public void add(double v) {
    if (count == values.length) {
      double old = values[next];
      sum -= old;
      sumSq -= old * old;
    } else {
      count++;
    }
    values[next] = v;
    next = next + 1 == values.length ? 0 : next + 1;
    sum += v;
    sumSq += v * v;
    if (++sinceResum >= values.length * 64) {
      resum();
    }
  }

  private void resum() {
    double s = 0;
    double q = 0;
    for (int i = 0; i < count; i++) {
      s += values[i];
      q += values[i] * values[i];
    }
    sum = s;
    sumSq = q;
    sinceResum = 0;
  }

  /** @return whether the window holds {@code length} values */
  public boolean full() {
    return count == values.length;
  }

  /** @return the number of values held */
  public int count() {
    return count;
  }

  /** @return the mean of the values held, {@code NaN} when empty */
  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** @return the population standard deviation of the values held, {@code NaN} when empty */
  public double stdDev() {
    if (count == 0) {
      return Double.NaN;
    }
    double m = sum / count;
    double var = sumSq / count - m * m;
    return var > 0 ? Math.sqrt(var) : 0.0;
  }

  /**
   * @param k how many values back, {@code 0} the newest, {@code k < count()}
   * @return that value
   */
  public double back(int k) {
    if (k < 0 || k >= count) {
      throw new IndexOutOfBoundsException("back " + k + " of " + count);
    }
    int i = next - 1 - k;
    return values[i < 0 ? i + values.length : i];
  }
}
