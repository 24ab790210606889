package dev.nanpin.examples;

import dev.nanpin.BarSeries;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import java.time.Instant;

/**
 * An example {@link SignalGenerator}: a {@link TrendSignal} each time the close crosses its
 * {@code period}-bar simple moving average, {@code null} (and no allocation) on every other bar.
 * The sum moves by the entering and the leaving close, so a bar costs O(1); a reading of bar
 * {@code i} depends on bars {@code i - period + 1 .. i} only, so it never repaints. Not
 * thread-safe: one per series, as every generator.
 */
public final class SmaTrendGenerator implements SignalGenerator {
  private final int period;
  private double sum;
  private int seen;
  /** -1 unknown, 0 down, 1 up. */
  private int state = -1;

  /**
   * @param period the moving-average length in bars, {@code >= 2}
   */
  public SmaTrendGenerator(int period) {
    if (period < 2) {
      throw new IllegalArgumentException("period must be >= 2: " + period);
    }
    this.period = period;
  }

  @Override
  public Signal onBar(BarSeries bars) {
    int i = bars.size() - 1;
    double close = bars.close(i);
    sum += close;
    seen++;
    if (seen > period) {
      sum -= bars.close(i - period);
    }
    if (seen < period) {
      return null;
    }
    double average = sum / period;
    int now = close > average ? 1 : 0;
    if (now == state) {
      return null;
    }
    state = now;
    return new TrendSignal(now == 1, average, Instant.ofEpochMilli(bars.timeMillis(i)));
  }

  @Override
  public int warmUpBars() {
    return period;
  }
}
