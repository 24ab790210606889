package dev.nanpin.ml;

import dev.nanpin.ml.internal.Extremum;
import dev.nanpin.ml.internal.Window;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Computes the model's features from bars, one bar at a time, with no look-ahead: the row after
 * {@link #update} for bar {@code i} is a function of bars {@code 0..i} (and of the optional
 * {@linkplain #setSignalFeature signal features} delivered before it) only. Every feature is
 * scale-free (a return, a ratio or a bounded oscillator), so one model can serve any price level.
 *
 * <p>The base features ({@link #BASE_FEATURES}, 33 of them) are documented in the README's
 * feature table. Optional signal features ({@link #SIGNAL_FEATURES}: sentiment, macro regime, bars
 * since the last ladder fill, and readings of the market-signal generators when they run) are
 * included when the engine is built with them; until a value arrives they read as the neutral
 * value the README gives.
 *
 * <p>Cost: O(1) amortised per bar, no allocation after construction. Not thread-safe: one engine
 * per series, fed from one thread.
 */
public final class FeatureEngine {
  /** The names of the base features, in row order. */
  public static final List<String> BASE_FEATURES = List.of(
      "ret_1", "ret_3", "ret_6", "ret_12", "ret_24", "ret_72",
      "vol_12", "vol_24", "vol_72",
      "rsi_6", "rsi_14",
      "macd", "macd_signal", "macd_hist",
      "atr_14",
      "bb_pos_20", "bb_width_20",
      "volume_ratio_5_20", "volume_z_20",
      "dist_high_24", "dist_low_24", "dist_high_168", "dist_low_168",
      "dist_ath", "bars_since_ath",
      "sma_ratio_20", "sma_ratio_50", "sma_cross_20_50",
      "body", "upper_wick", "lower_wick", "clv",
      "stoch_k_14");

  /**
   * The base features whose distribution stays put while the market's character does (returns
   * over a day or less, short volatility, oscillators, candle shape, volume ratios): drift is
   * measured on these. Features that trend with the price path (bars since the all-time high,
   * distance from 168-bar extremes, long moving-average ratios) leave their training range in any
   * long trend without the market having changed, so they are left out of drift checks.
   */
  public static final List<String> STATIONARY_FEATURES = List.of(
      "ret_1", "ret_3", "ret_6", "vol_12", "vol_24", "rsi_6", "rsi_14", "macd_hist", "atr_14",
      "bb_pos_20", "bb_width_20", "volume_ratio_5_20", "volume_z_20", "body", "upper_wick", "lower_wick", "clv",
      "stoch_k_14");

  /** The optional signal features, in row order after the base features. */
  public static final List<String> SIGNAL_FEATURES = List.of(
      "sentiment", "macro_score", "bars_since_fill",
      "wyckoff_phase", "flow_delta_share", "vp_poc_distance");

  /** Bars needed before every base feature is defined (the longest window, 168 bars, plus one). */
  public static final int WARM_UP_BARS = 169;

  private final boolean withSignals;
  private final List<String> names;
  private final double[] signalValues = new double[SIGNAL_FEATURES.size()];

  private final Window closes = new Window(73);
  private final Window r12 = new Window(12);
  private final Window r24 = new Window(24);
  private final Window r72 = new Window(72);
  private final Window close20 = new Window(20);
  private final Window close50 = new Window(50);
  private final Window vol5 = new Window(5);
  private final Window vol20 = new Window(20);
  private final Extremum high24 = new Extremum(24, true);
  private final Extremum low24 = new Extremum(24, false);
  private final Extremum high168 = new Extremum(168, true);
  private final Extremum low168 = new Extremum(168, false);
  private final Extremum high14 = new Extremum(14, true);
  private final Extremum low14 = new Extremum(14, false);
  private final Wilder rsi6 = new Wilder(6);
  private final Wilder rsi14 = new Wilder(14);
  private double atr14 = Double.NaN;
  private double ema12 = Double.NaN;
  private double ema26 = Double.NaN;
  private double macdSignal = Double.NaN;
  private double ath = Double.NaN;
  private long athBar;
  private long bars;
  private double prevClose = Double.NaN;

  private final double[] row;

  private FeatureEngine(boolean withSignals) {
    this.withSignals = withSignals;
    List<String> all = new ArrayList<>(BASE_FEATURES);
    if (withSignals) {
      all.addAll(SIGNAL_FEATURES);
    }
    this.names = Collections.unmodifiableList(all);
    this.row = new double[all.size()];
    resetSignalFeatures();
  }

  /** @return an engine computing the base features only */
  public static FeatureEngine base() {
    return new FeatureEngine(false);
  }

  /** @return an engine computing the base features and the optional signal features */
  public static FeatureEngine withSignals() {
    return new FeatureEngine(true);
  }

  /**
   * An engine for the given feature list, as a saved model records it.
   *
   * @param featureNames the names, which must be {@link #BASE_FEATURES}, optionally followed by
   *     {@link #SIGNAL_FEATURES}
   * @return the engine
   * @throws IllegalArgumentException when the list is neither
   */
  public static FeatureEngine forFeatures(List<String> featureNames) {
    FeatureEngine base = base();
    if (base.names.equals(featureNames)) {
      return base;
    }
    FeatureEngine full = withSignals();
    if (full.names.equals(featureNames)) {
      return full;
    }
    throw new IllegalArgumentException("unknown feature list " + featureNames
        + "; this version computes " + full.names);
  }

  /** @return the feature names in row order */
  public List<String> names() {
    return names;
  }

  /** @return the number of features in a row */
  public int width() {
    return row.length;
  }

  /**
   * Sets a signal feature; it holds until set again. Ignored by an engine built without signal
   * features.
   *
   * @param name one of {@link #SIGNAL_FEATURES}
   * @param value the value, finite
   * @throws IllegalArgumentException for an unknown name or a non-finite value
   */
  public void setSignalFeature(String name, double value) {
    int k = SIGNAL_FEATURES.indexOf(name);
    if (k < 0) {
      throw new IllegalArgumentException("unknown signal feature '" + name + "'; known: " + SIGNAL_FEATURES);
    }
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("signal feature '" + name + "' must be finite, was " + value);
    }
    signalValues[k] = value;
  }

  private void resetSignalFeatures() {
    signalValues[0] = 0.5; // sentiment: neutral 50 / 100
    signalValues[1] = 0.0; // macro score: neutral
    signalValues[2] = 0.0; // bars since fill, log1p: no fill yet reads as 0
    signalValues[3] = 0.0; // wyckoff phase: unknown
    signalValues[4] = 0.0; // order-flow delta share: balanced
    signalValues[5] = 0.0; // distance from the point of control
  }

  /**
   * Feeds one closed bar.
   *
   * @param open the open
   * @param high the high
   * @param low the low
   * @param close the close
   * @param volume the volume, {@code >= 0}
   * @return whether every base feature is defined from this bar on ({@link #WARM_UP_BARS} bars seen)
   * @throws IllegalArgumentException for a non-positive or non-finite price or a negative volume
   */
  public boolean update(double open, double high, double low, double close, double volume) {
    if (!(open > 0 && high > 0 && low > 0 && close > 0) || !Double.isFinite(high) || !Double.isFinite(open)
        || !Double.isFinite(low) || !Double.isFinite(close)) {
      throw new IllegalArgumentException("bar prices must be positive and finite: " + open + " " + high
          + " " + low + " " + close);
    }
    if (!(volume >= 0) || !Double.isFinite(volume)) {
      throw new IllegalArgumentException("bar volume must be >= 0 and finite, was " + volume);
    }
    bars++;
    double r = Double.isNaN(prevClose) ? 0.0 : Math.log(close / prevClose);
    closes.add(close);
    r12.add(r);
    r24.add(r);
    r72.add(r);
    close20.add(close);
    close50.add(close);
    vol5.add(volume);
    vol20.add(volume);
    high24.add(high);
    low24.add(low);
    high168.add(high);
    low168.add(low);
    high14.add(high);
    low14.add(low);
    if (!Double.isNaN(prevClose)) {
      rsi6.add(close - prevClose);
      rsi14.add(close - prevClose);
    }
    double tr = Double.isNaN(prevClose) ? high - low
        : Math.max(high - low, Math.max(Math.abs(high - prevClose), Math.abs(low - prevClose)));
    atr14 = Double.isNaN(atr14) ? tr : atr14 + (tr - atr14) / 14.0;
    ema12 = Double.isNaN(ema12) ? close : ema12 + (close - ema12) * (2.0 / 13.0);
    ema26 = Double.isNaN(ema26) ? close : ema26 + (close - ema26) * (2.0 / 27.0);
    double macd = (ema12 - ema26) / close;
    macdSignal = Double.isNaN(macdSignal) ? macd : macdSignal + (macd - macdSignal) * (2.0 / 10.0);
    if (Double.isNaN(ath) || high > ath) {
      ath = high;
      athBar = bars;
    }
    prevClose = close;

    int k = 0;
    row[k++] = back(1);
    row[k++] = back(3);
    row[k++] = back(6);
    row[k++] = back(12);
    row[k++] = back(24);
    row[k++] = back(72);
    row[k++] = r12.stdDev();
    row[k++] = r24.stdDev();
    row[k++] = r72.stdDev();
    row[k++] = rsi6.value();
    row[k++] = rsi14.value();
    row[k++] = macd;
    row[k++] = macdSignal;
    row[k++] = macd - macdSignal;
    row[k++] = atr14 / close;
    double mean20 = close20.mean();
    double sd20 = close20.stdDev();
    row[k++] = sd20 > 0 ? (close - mean20) / (2 * sd20) : 0.0;
    row[k++] = 4 * sd20 / mean20;
    double v20 = vol20.mean();
    row[k++] = v20 > 0 ? vol5.mean() / v20 : 1.0;
    double vsd = vol20.stdDev();
    row[k++] = vsd > 0 ? (volume - v20) / vsd : 0.0;
    row[k++] = close / high24.value() - 1;
    row[k++] = close / low24.value() - 1;
    row[k++] = close / high168.value() - 1;
    row[k++] = close / low168.value() - 1;
    row[k++] = close / ath - 1;
    row[k++] = Math.log1p(bars - athBar);
    double sma20 = close20.mean();
    double sma50 = close50.mean();
    row[k++] = close / sma20 - 1;
    row[k++] = close / sma50 - 1;
    row[k++] = sma20 / sma50 - 1;
    double range = high - low;
    row[k++] = range > 0 ? (close - open) / range : 0.0;
    row[k++] = range > 0 ? (high - Math.max(open, close)) / range : 0.0;
    row[k++] = range > 0 ? (Math.min(open, close) - low) / range : 0.0;
    row[k++] = range > 0 ? ((close - low) - (high - close)) / range : 0.0;
    double hh = high14.value();
    double ll = low14.value();
    row[k++] = hh > ll ? (close - ll) / (hh - ll) : 0.5;
    if (withSignals) {
      System.arraycopy(signalValues, 0, row, k, signalValues.length);
    }
    return bars >= WARM_UP_BARS;
  }

  private double back(int n) {
    int have = closes.count() - 1;
    return Math.log(closes.back(0) / closes.back(Math.min(n, have)));
  }

  /** @return how many bars were fed */
  public long bars() {
    return bars;
  }

  /**
   * Copies the current row.
   *
   * @param out an array of at least {@link #width()} elements
   */
  public void copyTo(double[] out) {
    System.arraycopy(row, 0, out, 0, row.length);
  }

  /** @return a copy of the current row */
  public double[] row() {
    return row.clone();
  }

  /** Wilder's RSI from price changes. */
  private static final class Wilder {
    private final int n;
    private int seen;
    private double gain;
    private double loss;

    Wilder(int n) {
      this.n = n;
    }

    void add(double change) {
      double g = change > 0 ? change : 0;
      double l = change < 0 ? -change : 0;
      seen++;
      if (seen <= n) {
        gain += (g - gain) / seen;
        loss += (l - loss) / seen;
      } else {
        gain += (g - gain) / n;
        loss += (l - loss) / n;
      }
    }

    double value() {
      if (seen == 0) {
        return 0.5;
      }
      double sum = gain + loss;
      return sum > 0 ? gain / sum : 0.5;
    }
  }
}
