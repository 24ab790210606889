package dev.nanpin.ml.internal;

/**
 * Platt scaling: {@code p = 1 / (1 + exp(a * s + b))} fitted to held-out scores by Newton's method
 * on the log loss, with Platt's smoothed targets so that a perfectly separated calibration set does
 * not drive the coefficients to infinity.
 *
 * @param a the slope
 * @param b the intercept
 */
public record Platt(double a, double b) {
  /** The identity-like calibration used when there is nothing to fit on. */
  public static final Platt NONE = new Platt(Double.NaN, Double.NaN);

  /**
   * @param score a raw score (a probability or a margin)
   * @return the calibrated probability
   */
  public double apply(double score) {
    if (Double.isNaN(a)) {
      return Math.min(1, Math.max(0, score));
    }
    double z = a * score + b;
    return z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
  }

  /**
   * Fits the calibration.
   *
   * @param scores held-out scores
   * @param labels their labels, 0 or 1
   * @return the fitted calibration, or {@link #NONE} when one class is absent
   */
  public static Platt fit(double[] scores, int[] labels) {
    int pos = 0;
    for (int y : labels) {
      pos += y;
    }
    int neg = labels.length - pos;
    if (pos == 0 || neg == 0) {
      return NONE;
    }
    double hi = (pos + 1.0) / (pos + 2.0);
    double lo = 1.0 / (neg + 2.0);
    double a = 0;
    double b = Math.log((neg + 1.0) / (pos + 1.0));
    for (int iter = 0; iter < 100; iter++) {
      double h11 = 1e-12;
      double h22 = 1e-12;
      double h21 = 0;
      double g1 = 0;
      double g2 = 0;
      for (int i = 0; i < scores.length; i++) {
        double t = labels[i] == 1 ? hi : lo;
        double z = a * scores[i] + b;
        double p = z >= 0 ? Math.exp(-z) / (1 + Math.exp(-z)) : 1 / (1 + Math.exp(z));
        double d1 = t - p;
        double d2 = p * (1 - p);
        h11 += scores[i] * scores[i] * d2;
        h22 += d2;
        h21 += scores[i] * d2;
        g1 += scores[i] * d1;
        g2 += d1;
      }
      double det = h11 * h22 - h21 * h21;
      if (Math.abs(det) < 1e-18) {
        break;
      }
      double da = -(h22 * g1 - h21 * g2) / det;
      double db = -(-h21 * g1 + h11 * g2) / det;
      a += da;
      b += db;
      if (Math.abs(da) < 1e-10 && Math.abs(db) < 1e-10) {
        break;
      }
    }
    return new Platt(a, b);
  }
}
