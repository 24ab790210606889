package dev.nanpin.ml;

import java.util.Locale;

/**
 * What a training label means.
 *
 * @param kind forward return or triple barrier
 * @param horizon bars ahead (the time barrier of the triple barrier), {@code >= 1}
 * @param up the forward-return threshold, or the upper barrier, as a fraction
 * @param down the lower barrier as a fraction ({@link Kind#TRIPLE_BARRIER} only), {@code 0 < down < 1}
 */
public record LabelSpec(Kind kind, int horizon, double up, double down) {
  /** The kinds of label. */
  public enum Kind {
    /** {@link Labels#forwardReturn}. */
    FORWARD_RETURN,
    /** {@link Labels#tripleBarrier}. */
    TRIPLE_BARRIER
  }

  /** Validates the fields. */
  public LabelSpec {
    if (kind == null) {
      throw new IllegalArgumentException("label kind is required");
    }
    if (horizon < 1 || horizon > 10_000) {
      throw new IllegalArgumentException("label horizon must be in [1, 10000] bars, was " + horizon);
    }
    if (!Double.isFinite(up) || (kind == Kind.TRIPLE_BARRIER && !(up > 0))) {
      throw new IllegalArgumentException("label 'up' must be finite (and > 0 for a triple barrier), was " + up);
    }
    if (kind == Kind.TRIPLE_BARRIER && !(down > 0 && down < 1)) {
      throw new IllegalArgumentException("label 'down' must be in (0, 1), was " + down);
    }
  }

  /**
   * @param horizon bars ahead
   * @param up the upper barrier
   * @param down the lower barrier
   * @return a triple-barrier label
   */
  public static LabelSpec tripleBarrier(int horizon, double up, double down) {
    return new LabelSpec(Kind.TRIPLE_BARRIER, horizon, up, down);
  }

  /**
   * @param horizon bars ahead
   * @param threshold the return above which the label is 1
   * @return a forward-return label
   */
  public static LabelSpec forwardReturn(int horizon, double threshold) {
    return new LabelSpec(Kind.FORWARD_RETURN, horizon, threshold, 0);
  }

  /**
   * Labels a series.
   *
   * @param high the highs
   * @param low the lows
   * @param close the closes
   * @return one label per bar, {@link Labels#UNKNOWN} where the horizon runs past the data
   */
  public int[] label(double[] high, double[] low, double[] close) {
    return kind == Kind.TRIPLE_BARRIER
        ? Labels.tripleBarrier(high, low, close, horizon, up, down)
        : Labels.forwardReturn(close, horizon, up);
  }

  /**
   * Labels one bar.
   *
   * @param high the highs
   * @param low the lows
   * @param close the closes
   * @param t the bar
   * @return its label, {@link Labels#UNKNOWN} where the horizon runs past the data
   */
  public int labelAt(double[] high, double[] low, double[] close, int t) {
    return kind == Kind.TRIPLE_BARRIER
        ? Labels.tripleBarrierAt(high, low, close, t, horizon, up, down)
        : Labels.forwardReturnAt(close, t, horizon, up);
  }

  /** @return a compact description recorded in model files and reports */
  public String describe() {
    return kind == Kind.TRIPLE_BARRIER
        ? String.format(Locale.ROOT, "triple-barrier(h=%d,up=%s,down=%s)", horizon, up, down)
        : String.format(Locale.ROOT, "forward-return(h=%d,threshold=%s)", horizon, up);
  }
}
