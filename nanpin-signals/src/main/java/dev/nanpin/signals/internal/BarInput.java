package dev.nanpin.signals.internal;

import dev.nanpin.BarSeries;

/** The checks every generator of this module applies to the bar it is given. */
public final class BarInput {
  private BarInput() {}

  /**
   * Finds the bar to process at a bar close.
   *
   * @param bars the bars seen so far
   * @param lastBar the last bar the generator processed, -1 for none
   * @return the closed bar's index, or -1 when there is none or it was already processed
   * @throws IllegalStateException when bars were skipped or the series went back (one generator
   *     serves one series, called at every bar close)
   */
  public static int next(BarSeries bars, int lastBar) {
    int i = bars.size() - 1;
    if (i < 0 || i == lastBar) {
      return -1;
    }
    if (i != lastBar + 1) {
      throw new IllegalStateException("bar " + i + " after bar " + lastBar
          + ": use one generator per series and call it at every bar close");
    }
    return i;
  }

  /**
   * Rejects an implausible bar: a non-positive or non-finite price, a low above the high, an open
   * or close outside the range, a negative or non-finite volume.
   *
   * @param bars the bars
   * @param i the bar index
   * @throws IllegalArgumentException naming the bar and its values
   */
  public static void check(BarSeries bars, int i) {
    double o = bars.open(i);
    double h = bars.high(i);
    double l = bars.low(i);
    double c = bars.close(i);
    double v = bars.volume(i);
    if (!(l > 0) || !(h >= l) || !Double.isFinite(h) || !(o >= l && o <= h) || !(c >= l && c <= h)
        || !(v >= 0) || !Double.isFinite(v)) {
      throw new IllegalArgumentException("bar %d: implausible open %s, high %s, low %s, close %s or volume %s"
          .formatted(i, o, h, l, c, v));
    }
  }

  /**
   * When a bar's reading became known: its close, taken as its open time plus the spacing to the
   * bar before it (the open time for the first bar). A gap before the bar makes this later than
   * the true close, never earlier, so a feed that delivers signals by this time cannot deliver one
   * before its bar has closed.
   *
   * @param bars the bars
   * @param i the bar index
   * @return the time in epoch milliseconds
   */
  public static long closeMillis(BarSeries bars, int i) {
    long t = bars.timeMillis(i);
    return i > 0 ? t + (t - bars.timeMillis(i - 1)) : t;
  }
}
