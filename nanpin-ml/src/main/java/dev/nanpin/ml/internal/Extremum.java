package dev.nanpin.ml.internal;

/**
 * The maximum (or minimum) of the last {@code length} values, amortised O(1) per value: a
 * monotonic deque of (index, value) pairs kept in two primitive ring arrays.
 */
public final class Extremum {
  private final int length;
  private final boolean max;
  private final long[] idx;
  private final double[] val;
  private int head;
  private int size;
  private long seen;

  /**
   * @param length the window length, {@code >= 1}
   * @param max {@code true} for a rolling maximum, {@code false} for a minimum
   */
  public Extremum(int length, boolean max) {
    if (length < 1) {
      throw new IllegalArgumentException("window length must be >= 1, was " + length);
    }
    this.length = length;
    this.max = max;
    this.idx = new long[length + 1];
    this.val = new double[length + 1];
  }

  /**
   * Adds a value.
   *
   * @param v the value
   */
  public void add(double v) {
    long i = seen++;
    // Drop values the new one dominates, from the back.
    while (size > 0) {
      int last = (head + size - 1) % idx.length;
      if (max ? val[last] <= v : val[last] >= v) {
        size--;
      } else {
        break;
      }
    }
    int slot = (head + size) % idx.length;
    idx[slot] = i;
    val[slot] = v;
    size++;
    // Drop the front when it left the window.
    while (idx[head] <= i - length) {
      head = (head + 1) % idx.length;
      size--;
    }
  }

  /** @return the extremum of the window, {@code NaN} before the first value */
  public double value() {
    return size == 0 ? Double.NaN : val[head];
  }

  /** @return how many values back the extremum lies, {@code 0} for the newest; {@code -1} when empty */
  public long age() {
    return size == 0 ? -1 : seen - 1 - idx[head];
  }
}
