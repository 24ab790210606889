package dev.nanpin.sim.montecarlo;

/**
 * Reusable columns that a {@link PathGenerator} writes one path into. One buffer per worker
 * thread: generating a path allocates nothing once the buffer has grown to the path length.
 *
 * <p>Not thread-safe.
 */
public final class PathBuffer {
  long[] time = new long[0];
  double[] open = new double[0];
  double[] high = new double[0];
  double[] low = new double[0];
  double[] close = new double[0];
  double[] volume = new double[0];
  int size;

  /** Creates an empty buffer. */
  public PathBuffer() {}

  /**
   * Makes room for {@code bars} bars and sets the size.
   *
   * @param bars the path length, {@code >= 1}
   */
  public void resize(int bars) {
    if (bars < 1) {
      throw new IllegalArgumentException("bars must be >= 1: " + bars);
    }
    if (time.length < bars) {
      time = new long[bars];
      open = new double[bars];
      high = new double[bars];
      low = new double[bars];
      close = new double[bars];
      volume = new double[bars];
    }
    size = bars;
  }

  /** @return the number of bars of the current path */
  public int size() {
    return size;
  }

  /** @return the open times in epoch milliseconds; valid up to {@link #size()} */
  public long[] time() {
    return time;
  }

  /** @return the opens; valid up to {@link #size()} */
  public double[] open() {
    return open;
  }

  /** @return the highs; valid up to {@link #size()} */
  public double[] high() {
    return high;
  }

  /** @return the lows; valid up to {@link #size()} */
  public double[] low() {
    return low;
  }

  /** @return the closes; valid up to {@link #size()} */
  public double[] close() {
    return close;
  }

  /** @return the volumes; valid up to {@link #size()} */
  public double[] volume() {
    return volume;
  }
}
