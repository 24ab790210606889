package dev.nanpin.live;

import dev.nanpin.Bar;
import dev.nanpin.BarSeries;
import java.util.Arrays;

/** The closed bars an engine has seen, in growable primitive columns. Engine thread only. */
final class LiveBars implements BarSeries {
  private long[] time = new long[256];
  private double[] open = new double[256];
  private double[] high = new double[256];
  private double[] low = new double[256];
  private double[] close = new double[256];
  private double[] volume = new double[256];
  private int size;

  /** Appends a bar if it is newer than the last one; returns whether it was appended. */
  boolean append(Bar bar) {
    long t = bar.time().toEpochMilli();
    if (size > 0 && t <= time[size - 1]) {
      return false; // a repeat after a reconnect, or out of order
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
    time[size] = t;
    open[size] = bar.open().doubleValue();
    high[size] = bar.high().doubleValue();
    low[size] = bar.low().doubleValue();
    close[size] = bar.close().doubleValue();
    volume[size] = bar.volume().doubleValue();
    size++;
    return true;
  }

  long lastTime() {
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
      throw new IndexOutOfBoundsException("bar " + i + " of " + size);
    }
    return i;
  }
}
