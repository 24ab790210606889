package dev.nanpin;

import java.util.Arrays;

/**
 * A growing {@link BarSeries}: bars are appended one at a time, oldest first, into primitive
 * columns that double their capacity when full. It is the one series that is fed bar by bar: the
 * live engine's closed bars, replays of a bar history through a {@link SignalGenerator} (at bar
 * {@code i} the generator sees bars {@code 0..i} because bar {@code i + 1} is not appended yet),
 * and tests that build bars incrementally.
 *
 * <p><b>Contract.</b> Bar times strictly increase: {@link #append} refuses (returns {@code false},
 * nothing changes) a bar whose open time is not after the last one's, such as a repeat after a
 * reconnect or a bar out of order; callers that need every bar kept treat {@code false} as an
 * error. Values are stored as given (no validation; {@link Plausible} and the generators check
 * them). Reads follow {@link BarSeries}: an index outside {@code [0, size())} throws {@link
 * IndexOutOfBoundsException}, reads allocate nothing, and an append allocates only when the
 * capacity doubles (amortised O(1)).
 *
 * <p><b>Thread-safety.</b> Not thread-safe: one thread appends and reads (the engine's thread, or
 * the replaying caller); share it with another thread only through a happens-before edge.
 */
public final class BarColumns implements BarSeries {
  private long[] time;
  private double[] open;
  private double[] high;
  private double[] low;
  private double[] close;
  private double[] volume;
  private int size;

  /** An empty series with room for 256 bars before it grows. */
  public BarColumns() {
    this(256);
  }

  /**
   * An empty series.
   *
   * @param capacity bars it holds before it first grows, {@code >= 1}
   * @throws IllegalArgumentException if {@code capacity < 1}
   */
  public BarColumns(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be >= 1, was " + capacity);
    }
    time = new long[capacity];
    open = new double[capacity];
    high = new double[capacity];
    low = new double[capacity];
    close = new double[capacity];
    volume = new double[capacity];
  }

  /**
   * Appends a bar if it is newer than the last one.
   *
   * @param timeMillis the bar's open time, epoch milliseconds
   * @param o the open
   * @param h the high
   * @param l the low
   * @param c the close
   * @param v the volume in base units
   * @return {@code true} if appended; {@code false} if its time is not after the last bar's
   */
  public boolean append(long timeMillis, double o, double h, double l, double c, double v) {
    if (size > 0 && timeMillis <= time[size - 1]) {
      return false;
    }
    if (size == time.length) {
      int n = size * 2;
      time = Arrays.copyOf(time, n);
      open = Arrays.copyOf(open, n);
      high = Arrays.copyOf(high, n);
      low = Arrays.copyOf(low, n);
      close = Arrays.copyOf(close, n);
      volume = Arrays.copyOf(volume, n);
    }
    time[size] = timeMillis;
    open[size] = o;
    high[size] = h;
    low[size] = l;
    close[size] = c;
    volume[size] = v;
    size++;
    return true;
  }

  /**
   * Appends a bar if it is newer than the last one, its prices and volume as {@code double}.
   *
   * @param bar the bar
   * @return {@code true} if appended; {@code false} if its time is not after the last bar's
   */
  public boolean append(Bar bar) {
    return append(bar.time().toEpochMilli(), bar.open().doubleValue(), bar.high().doubleValue(),
        bar.low().doubleValue(), bar.close().doubleValue(), bar.volume().doubleValue());
  }

  /**
   * Hands copies of the columns, each {@link #size()} long, to a function and returns its result,
   * e.g. {@code bars.columns(BarData::of)} in the simulator. Later appends do not change the copies.
   *
   * @param <R> the result type
   * @param into what to build from the columns
   * @return its result
   */
  public <R> R columns(ColumnFunction<R> into) {
    return into.apply(Arrays.copyOf(time, size), Arrays.copyOf(open, size), Arrays.copyOf(high, size),
        Arrays.copyOf(low, size), Arrays.copyOf(close, size), Arrays.copyOf(volume, size));
  }

  /**
   * Builds something from bar columns of equal length.
   *
   * @param <R> the result type
   */
  @FunctionalInterface
  public interface ColumnFunction<R> {
    /**
     * @param time open times, epoch milliseconds
     * @param open opens
     * @param high highs
     * @param low lows
     * @param close closes
     * @param volume volumes
     * @return the result
     */
    R apply(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume);
  }

  /** @return the last bar's open time in epoch milliseconds, {@link Long#MIN_VALUE} when empty */
  public long lastTime() {
    return size == 0 ? Long.MIN_VALUE : time[size - 1];
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public long timeMillis(int i) {
    return time[check(i)];
  }

  @Override
  public double open(int i) {
    return open[check(i)];
  }

  @Override
  public double high(int i) {
    return high[check(i)];
  }

  @Override
  public double low(int i) {
    return low[check(i)];
  }

  @Override
  public double close(int i) {
    return close[check(i)];
  }

  @Override
  public double volume(int i) {
    return volume[check(i)];
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("bar " + i + " of " + size + " visible");
    }
    return i;
  }
}
