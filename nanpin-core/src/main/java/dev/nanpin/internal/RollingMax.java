package dev.nanpin.internal;

/**
 * The maximum of the last {@code window} values pushed, in amortised O(1) per push and with no
 * allocation after construction: a monotone deque of (sequence, value) over two primitive ring
 * arrays. Values pushed later that are at least as large evict earlier ones, since those can
 * never be the maximum again.
 *
 * <p>Not thread-safe.
 */
public final class RollingMax {
  private final int window;
  private final long[] seq;
  private final double[] val;
  private int head;
  private int size;
  private long count;

  /**
   * @param window how many of the latest values the maximum covers, {@code >= 1}
   */
  public RollingMax(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    this.window = window;
    this.seq = new long[window];
    this.val = new double[window];
  }

  /**
   * Adds the next value.
   *
   * @param v the value
   */
  public void push(double v) {
    long s = count++;
    // Wrap indices with a compare instead of %: this runs once per bar in the simulator's hot loop.
    int last = head + size - 1;
    if (last >= window) {
      last -= window;
    }
    while (size > 0 && val[last] <= v) {
      size--;
      last = last == 0 ? window - 1 : last - 1;
    }
    while (size > 0 && seq[head] <= s - window) {
      head = head + 1 == window ? 0 : head + 1;
      size--;
    }
    int tail = head + size;
    if (tail >= window) {
      tail -= window;
    }
    seq[tail] = s;
    val[tail] = v;
    size++;
  }

  /** @return the maximum of the window, {@code NaN} before the first push */
  public double max() {
    return size == 0 ? Double.NaN : val[head];
  }

  /** @return the number of values pushed so far */
  public long count() {
    return count;
  }

  /** Forgets every value. */
  public void clear() {
    head = 0;
    size = 0;
    count = 0;
  }
}
