package dev.nanpin.ml;

/**
 * Training labels computed from future bars. A label for bar {@code t} looks at bars {@code t+1 ..
 * t+horizon}: it is known only {@code horizon} bars later, which is why training purges the
 * samples whose label window reaches into a test window ({@link Folds}) and why the online
 * generator learns a label only once its horizon has passed.
 *
 * <p>Labels are {@code 1} (up), {@code 0} (not up) or {@link #UNKNOWN} (the horizon runs past the
 * data).
 */
public final class Labels {
  /** The label of a bar whose horizon runs past the end of the data. */
  public static final int UNKNOWN = -1;

  private Labels() {}

  /**
   * Forward-return classification: {@code 1} when the close {@code horizon} bars later is more
   * than {@code threshold} (a fraction) above this bar's close.
   *
   * @param close the closes
   * @param horizon the number of bars ahead, {@code >= 1}
   * @param threshold the return that counts as up, e.g. {@code 0.0}
   * @return one label per bar
   */
  public static int[] forwardReturn(double[] close, int horizon, double threshold) {
    checkHorizon(horizon);
    int[] y = new int[close.length];
    for (int t = 0; t < close.length; t++) {
      y[t] = forwardReturnAt(close, t, horizon, threshold);
    }
    return y;
  }

  /**
   * The forward-return label of one bar.
   *
   * @param close the closes
   * @param t the bar
   * @param horizon the number of bars ahead
   * @param threshold the return that counts as up
   * @return the label, {@link #UNKNOWN} when {@code t + horizon} is past the data
   */
  public static int forwardReturnAt(double[] close, int t, int horizon, double threshold) {
    if (t + horizon >= close.length) {
      return UNKNOWN;
    }
    return close[t + horizon] / close[t] - 1 > threshold ? 1 : 0;
  }

  /**
   * The triple-barrier label: from this bar's close, which is touched first within {@code
   * horizon} bars, the upper barrier {@code close * (1 + up)} or the lower one {@code close * (1 -
   * down)}. Upper first gives {@code 1}, lower first {@code 0}. When one bar reaches both, the
   * lower counts first (bars do not say which came first, and the adverse order is the safe
   * assumption). When neither is touched, the time barrier decides by the sign of the return at
   * the horizon ({@code 1} when positive).
   *
   * @param high the highs
   * @param low the lows
   * @param close the closes
   * @param horizon the time barrier in bars, {@code >= 1}
   * @param up the upper barrier as a fraction, {@code > 0}
   * @param down the lower barrier as a fraction, {@code 0 < down < 1}
   * @return one label per bar
   */
  public static int[] tripleBarrier(double[] high, double[] low, double[] close, int horizon, double up, double down) {
    checkHorizon(horizon);
    if (!(up > 0) || !(down > 0 && down < 1)) {
      throw new IllegalArgumentException("barriers must satisfy up > 0 and 0 < down < 1, were " + up + ", " + down);
    }
    if (high.length != close.length || low.length != close.length) {
      throw new IllegalArgumentException("high, low and close differ in length");
    }
    int[] y = new int[close.length];
    for (int t = 0; t < close.length; t++) {
      y[t] = tripleBarrierAt(high, low, close, t, horizon, up, down);
    }
    return y;
  }

  /**
   * The triple-barrier label of one bar, as {@link #tripleBarrier} defines it.
   *
   * @param high the highs
   * @param low the lows
   * @param close the closes
   * @param t the bar
   * @param horizon the time barrier in bars
   * @param up the upper barrier
   * @param down the lower barrier
   * @return the label, {@link #UNKNOWN} when {@code t + horizon} is past the data
   */
  public static int tripleBarrierAt(double[] high, double[] low, double[] close, int t, int horizon, double up,
      double down) {
    if (t + horizon >= close.length) {
      return UNKNOWN;
    }
    double upper = close[t] * (1 + up);
    double lower = close[t] * (1 - down);
    for (int j = t + 1; j <= t + horizon; j++) {
      if (low[j] <= lower) {
        return 0;
      }
      if (high[j] >= upper) {
        return 1;
      }
    }
    return close[t + horizon] > close[t] ? 1 : 0;
  }

  private static void checkHorizon(int horizon) {
    if (horizon < 1) {
      throw new IllegalArgumentException("label horizon must be >= 1 bar, was " + horizon);
    }
  }
}
