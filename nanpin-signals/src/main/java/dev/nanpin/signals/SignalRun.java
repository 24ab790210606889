package dev.nanpin.signals;

import dev.nanpin.BarSeries;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import java.util.Objects;

/**
 * Replays a series of bars through a {@link SignalGenerator} the way a backtest or a live feed
 * calls it: at bar {@code i} the generator sees bars {@code 0..i} only. For reports, the {@code
 * nanpin signals} command and studies; the simulator's own signal feed does the same per bar.
 */
public final class SignalRun {
  private SignalRun() {}

  /**
   * Runs a fresh generator over columns of bars.
   *
   * @param generator the generator, not yet used
   * @param time the bars' open times in epoch milliseconds, increasing
   * @param open open prices
   * @param high high prices
   * @param low low prices
   * @param close close prices
   * @param volume volumes
   * @return the reading each bar produced ({@code null} where it produced none), one per bar
   * @throws IllegalArgumentException if the columns differ in length or a bar is implausible
   */
  public static Signal[] replay(SignalGenerator generator, long[] time, double[] open, double[] high, double[] low,
      double[] close, double[] volume) {
    Objects.requireNonNull(generator, "generator");
    int n = time.length;
    if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
      throw new IllegalArgumentException("the bar columns differ in length");
    }
    Prefix view = new Prefix(time, open, high, low, close, volume);
    Signal[] out = new Signal[n];
    for (int i = 0; i < n; i++) {
      view.visible = i + 1;
      out[i] = generator.onBar(view);
    }
    return out;
  }

  /** The bars up to the current one: reading further throws. */
  private static final class Prefix implements BarSeries {
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private int visible;

    Prefix(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume) {
      this.time = time;
      this.open = open;
      this.high = high;
      this.low = low;
      this.close = close;
      this.volume = volume;
    }

    private int check(int i) {
      if (i < 0 || i >= visible) {
        throw new IndexOutOfBoundsException("bar " + i + " of " + visible + " visible");
      }
      return i;
    }

    @Override
    public int size() {
      return visible;
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
  }
}
