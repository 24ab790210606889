package dev.nanpin.signals.internal;

/**
 * The mean and the standard deviation of the last {@code window} values pushed, O(1) per push
 * over a primitive ring. The sums are recomputed from the ring once per {@code window} pushes so
 * that add-and-subtract rounding cannot accumulate.
 *
 * <p>Not thread-safe.
 */
public final class RollingStats {
  private final double[] ring;
  private int next;
  private int size;
  private int sinceResum;
  private double sum;
  private double sumSq;

  /** @param window the number of latest values covered, {@code >= 1} */
  public RollingStats(int window) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be >= 1: " + window);
    }
    this.ring = new double[window];
  }

  /**
   * Adds the next value.
   *
   * @param v the value, finite
   */
  public void push(double v) {
    if (size == ring.length) {
      double old = ring[next];
      sum -= old;
      sumSq -= old * old;
    } else {
      size++;
    }
    ring[next] = v;
    sum += v;
    sumSq += v * v;
    next = next + 1 == ring.length ? 0 : next + 1;
    if (++sinceResum >= ring.length) {
      sinceResum = 0;
      double s = 0;
      double q = 0;
      for (int i = 0; i < size; i++) {
        s += ring[i];
        q += ring[i] * ring[i];
      }
      sum = s;
      sumSq = q;
    }
  }

  /** @return the number of values in the window */
  public int size() {
    return size;
  }

  /** @return whether the window is full */
  public boolean full() {
    return size == ring.length;
  }

  /** @return the mean, {@code NaN} before the first push */
  public double mean() {
    return size == 0 ? Double.NaN : sum / size;
  }

  /** @return the sample standard deviation, {@code NaN} with fewer than two values */
  public double stdDev() {
    if (size < 2) {
      return Double.NaN;
    }
    double m = sum / size;
    double var = (sumSq - size * m * m) / (size - 1);
    return Math.sqrt(Math.max(0, var));
  }

  /**
   * The standard normal cumulative distribution function.
   *
   * @param z the argument
   * @return {@code P(Z <= z)}, with an absolute error below {@code 1.2e-7}
   */
  public static double normalCdf(double z) {
    // erfc by the Chebyshev fit of Numerical Recipes (fractional error < 1.2e-7 everywhere).
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.5 * x);
    double erfc = t * Math.exp(-x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
        + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
        + t * (-0.82215223 + t * 0.17087277)))))))));
    return z >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
  }
}
