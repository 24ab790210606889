package dev.nanpin.signals;

import dev.nanpin.BarColumns;
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
   * @throws IllegalArgumentException if the columns differ in length, the times do not increase or a bar is
   *     implausible
   */
  public static Signal[] replay(SignalGenerator generator, long[] time, double[] open, double[] high, double[] low,
      double[] close, double[] volume) {
    Objects.requireNonNull(generator, "generator");
    int n = time.length;
    if (open.length != n || high.length != n || low.length != n || close.length != n || volume.length != n) {
      throw new IllegalArgumentException("the bar columns differ in length");
    }
    BarColumns all = new BarColumns(Math.max(1, n));
    for (int i = 0; i < n; i++) {
      if (!all.append(time[i], open[i], high[i], low[i], close[i], volume[i])) {
        throw new IllegalArgumentException("bar " + i + ": its time " + time[i] + " is not after the bar before's "
            + time[i - 1] + "; bar times must increase");
      }
    }
    return replay(generator, all);
  }

  /**
   * Runs a fresh generator over a bar history: bar {@code i} is appended to a growing {@link
   * BarColumns} and the generator called, so it never sees a later bar.
   *
   * @param generator the generator, not yet used
   * @param history the bars, in strictly increasing time (the simulator's {@code BarData} is one)
   * @return the reading each bar produced ({@code null} where it produced none), one per bar
   * @throws IllegalArgumentException if the times do not increase or a bar is implausible
   */
  public static Signal[] replay(SignalGenerator generator, BarSeries history) {
    Objects.requireNonNull(generator, "generator");
    int n = history.size();
    BarColumns view = new BarColumns(Math.max(1, n));
    Signal[] out = new Signal[n];
    for (int i = 0; i < n; i++) {
      if (!view.append(history.timeMillis(i), history.open(i), history.high(i), history.low(i), history.close(i),
          history.volume(i))) {
        throw new IllegalArgumentException("bar " + i + ": its time is not after the bar before's; bar times must increase");
      }
      out[i] = generator.onBar(view);
    }
    return out;
  }
}
