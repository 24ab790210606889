package dev.nanpin.signals.internal;

/**
 * The maximum (or minimum) of the last {@code window} values pushed: a monotonic deque over
 * primitive rings, amortised O(1) per push, no allocation after construction.
 *
 * <p>Not thread-safe.
 */
public final class RollingExtreme {
  private final boolean max;
  private final int window;
  private final double[] values;
  private final long[] seqs;
  private int head;
  private int size;
  private long seq;

  /**
   * @param window the number of latest values covered, {@code >= 1}
   * @param max {@code true} for the maximum, {@code false} for the minimum
   */
  public RollingExtreme(int window, boolean max) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    this.window = window;
    this.max = max;
    this.values = new double[window];
    this.seqs = new long[window];
  }

  /**
   * Adds the next value.
   *
   * @param v the value
   */
  public void push(double v) {
    long s = seq++;
    while (size > 0 && seqs[head] <= s - window) {
      head = (head + 1) % window;
      size--;
    }
    while (size > 0) {
      int last = (head + size - 1) % window;
      if (max ? values[last] <= v : values[last] >= v) {
        size--;
      } else {
        break;
      }
    }
    int at = (head + size) % window;
    values[at] = v;
    seqs[at] = s;
    size++;
  }

  /** @return the number of values pushed, capped at the window */
  public long count() {
    return Math.min(seq, window);
  }

  /** @return the extreme of the window, {@code NaN} before the first push */
  public double value() {
    return size == 0 ? Double.NaN : values[head];
  }
}
