package dev.nanpin.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * Feature rows and labels built from a bar series: one sample per bar after the feature warm-up
 * whose label is known. Row {@code i}'s features come from bars up to {@code barIndex[i]}; its
 * label from the {@code horizon} bars after it.
 *
 * @param x the feature rows
 * @param y the labels, 0 or 1
 * @param barIndex the bar each sample belongs to
 * @param times the open time of that bar, epoch milliseconds
 * @param features the feature names
 * @param label the label definition
 */
public record Dataset(double[][] x, int[] y, int[] barIndex, long[] times, List<String> features, LabelSpec label) {
  /** Validates the shape. */
  public Dataset {
    if (x.length != y.length || x.length != barIndex.length || x.length != times.length) {
      throw new IllegalArgumentException("dataset columns differ in length");
    }
    features = List.copyOf(features);
  }

  /** @return the number of samples */
  public int size() {
    return y.length;
  }

  /**
   * Builds the samples of a bar series with the base features: {@link #of(long[], double[],
   * double[], double[], double[], double[], LabelSpec)} over its columns.
   *
   * @param bars the bars, oldest first
   * @param label the label definition
   * @return the dataset
   */
  public static Dataset of(dev.nanpin.BarSeries bars, LabelSpec label) {
    int n = bars.size();
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = bars.timeMillis(i);
      o[i] = bars.open(i);
      h[i] = bars.high(i);
      l[i] = bars.low(i);
      c[i] = bars.close(i);
      v[i] = bars.volume(i);
    }
    return of(t, o, h, l, c, v, label);
  }

  /**
   * Builds the samples of a series with the base features.
   *
   * @param time open times, epoch milliseconds
   * @param open opens
   * @param high highs
   * @param low lows
   * @param close closes
   * @param volume volumes
   * @param label the label definition
   * @return the dataset
   */
  public static Dataset of(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume,
      LabelSpec label) {
    FeatureEngine fe = FeatureEngine.base();
    int[] y = label.label(high, low, close);
    List<double[]> rows = new ArrayList<>();
    List<Integer> idx = new ArrayList<>();
    for (int i = 0; i < close.length; i++) {
      boolean ready = fe.update(open[i], high[i], low[i], close[i], volume[i]);
      if (ready && y[i] != Labels.UNKNOWN) {
        rows.add(fe.row());
        idx.add(i);
      }
    }
    int n = rows.size();
    double[][] x = rows.toArray(new double[0][]);
    int[] yy = new int[n];
    int[] bi = new int[n];
    long[] t = new long[n];
    for (int k = 0; k < n; k++) {
      bi[k] = idx.get(k);
      yy[k] = y[bi[k]];
      t[k] = time[bi[k]];
    }
    return new Dataset(x, yy, bi, t, fe.names(), label);
  }

  /**
   * @param from the first sample
   * @param to one past the last
   * @return the rows in that range
   */
  public double[][] rows(int from, int to) {
    return java.util.Arrays.copyOfRange(x, from, to);
  }

  /**
   * @param from the first sample
   * @param to one past the last
   * @return the labels in that range
   */
  public int[] labels(int from, int to) {
    return java.util.Arrays.copyOfRange(y, from, to);
  }
}
