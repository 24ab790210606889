package dev.nanpin.engine;

import dev.nanpin.BarSeries;
import dev.nanpin.StrategyContext;
import java.util.Objects;

/**
 * The kernel's rule of which bars of another symbol a strategy sees ({@link
 * StrategyContext#bars(String)}): a view of the first bars of a source series, those whose close
 * time (open time plus the bar length) is strictly before a bound, the close time of the asking
 * symbol's newest bar. The portfolio backtester and the live multi-symbol bot both use it, so
 * they show the same bars.
 *
 * <p>One instance per (asking symbol, other symbol) pair, reused: {@link #before(long)} moves the
 * visible count and returns this view, allocating nothing. The source must only grow and keep its
 * bars (a {@link dev.nanpin.BarColumns} being appended to, or a fixed history). Reads past the
 * visible count throw {@link IndexOutOfBoundsException}. Not thread-safe: the engine's thread only.
 */
public final class VisibleBars implements BarSeries {
  private final String symbol;
  private final BarSeries source;
  private final long intervalMillis;
  private int size;

  /**
   * @param symbol the source's symbol, for error messages
   * @param source the other symbol's bars, oldest first
   * @param intervalMillis the source's bar length in milliseconds, {@code >= 0} (a history of one
   *     bar may not know its length: 0 then counts its close as its open)
   * @throws IllegalArgumentException if {@code intervalMillis < 0}
   */
  public VisibleBars(String symbol, BarSeries source, long intervalMillis) {
    this.symbol = Objects.requireNonNull(symbol, "symbol");
    this.source = Objects.requireNonNull(source, "source");
    if (intervalMillis < 0) {
      throw new IllegalArgumentException("bar length of " + symbol + " must be >= 0 ms, was " + intervalMillis);
    }
    this.intervalMillis = intervalMillis;
  }

  /**
   * Shows the source's bars that close strictly before {@code closeMillis}.
   *
   * @param closeMillis the close time of the asking symbol's newest bar, epoch milliseconds; {@link
   *     Long#MIN_VALUE} shows nothing
   * @return this view
   */
  public BarSeries before(long closeMillis) {
    int n = source.size();
    while (size < n && source.timeMillis(size) + intervalMillis < closeMillis) {
      size++;
    }
    while (size > 0 && source.timeMillis(size - 1) + intervalMillis >= closeMillis) {
      size--;
    }
    return this;
  }

  @Override
  public int size() {
    return size;
  }

  private int check(int i) {
    if (i < 0 || i >= size) {
      throw new IndexOutOfBoundsException("bar " + i + " of " + size + " visible bars of " + symbol);
    }
    return i;
  }

  @Override
  public long timeMillis(int i) {
    return source.timeMillis(check(i));
  }

  @Override
  public double open(int i) {
    return source.open(check(i));
  }

  @Override
  public double high(int i) {
    return source.high(check(i));
  }

  @Override
  public double low(int i) {
    return source.low(check(i));
  }

  @Override
  public double close(int i) {
    return source.close(check(i));
  }

  @Override
  public double volume(int i) {
    return source.volume(check(i));
  }
}
