package dev.nanpin.ml.internal;

/**
 * Scales each feature to zero mean and unit variance with statistics fitted on training rows only
 * (fitting on test rows would leak their distribution into the model).
 */
public final class Standardizer {
  private final double[] mean;
  private final double[] scale;

  /**
   * @param mean the per-feature means
   * @param scale the per-feature standard deviations ({@code 1} where a feature is constant)
   */
  public Standardizer(double[] mean, double[] scale) {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("mean and scale differ in length");
    }
    this.mean = mean.clone();
    this.scale = scale.clone();
  }

  /**
   * Fits on training rows.
   *
   * @param x the rows
   * @return the fitted scaler
   */
  public static Standardizer fit(double[][] x) {
    int d = x[0].length;
    double[] mean = new double[d];
    double[] scale = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= x.length;
    }
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        double e = row[j] - mean[j];
        scale[j] += e * e;
      }
    }
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(scale[j] / x.length);
      scale[j] = sd > 1e-12 ? sd : 1.0;
    }
    return new Standardizer(mean, scale);
  }

  /**
   * @param row a raw row
   * @return a new scaled row
   */
  public double[] apply(double[] row) {
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - mean[j]) / scale[j];
    }
    return out;
  }

  /**
   * @param x raw rows
   * @return new scaled rows
   */
  public double[][] apply(double[][] x) {
    double[][] out = new double[x.length][];
    for (int i = 0; i < x.length; i++) {
      out[i] = apply(x[i]);
    }
    return out;
  }

  /** @return a copy of the means */
  public double[] mean() {
    return mean.clone();
  }

  /** @return a copy of the scales */
  public double[] scale() {
    return scale.clone();
  }
}
