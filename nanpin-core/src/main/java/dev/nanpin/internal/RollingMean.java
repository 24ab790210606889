package dev.nanpin.internal;

/**
 * The mean of the last {@code window} values pushed, O(1) per push over one primitive ring.
 * The running sum is recomputed from the ring once per {@code window} pushes so that rounding
 * errors of add-and-subtract cannot accumulate over millions of bars.
 *
 * <p>Not thread-safe.
 */
public final class RollingMean {
  private final double[] ring;
  private int next;
  private int size;
  private int sinceResum;
  private double sum;

  /**
   * @param window the number of latest values averaged, {@code >= 1}
   */
  public RollingMean(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    this.ring = new double[window];
  }

  /**
   * Adds the next value.
   *
   * @param v the value, finite
   */
  public void push(double v) {
    if (size == ring.length) {
      sum -= ring[next];
    } else {
      size++;
    }
    ring[next] = v;
    sum += v;
    next = next + 1 == ring.length ? 0 : next + 1;
    if (++sinceResum >= ring.length) {
      sinceResum = 0;
      double s = 0;
      for (int i = 0; i < size; i++) {
        s += ring[i];
      }
      sum = s;
    }
  }

  /** @return whether {@code window} values have been pushed */
  public boolean full() {
    return size == ring.length;
  }

  /** @return the mean of the values in the window, {@code NaN} before the first push */
  public double mean() {
    return size == 0 ? Double.NaN : sum / size;
  }

  /** Forgets every value. */
  public void clear() {
    next = 0;
    size = 0;
    sinceResum = 0;
    sum = 0;
  }
}
