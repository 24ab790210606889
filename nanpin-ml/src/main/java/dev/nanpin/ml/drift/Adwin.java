package dev.nanpin.ml.drift;

/**
 * ADWIN, the adaptive sliding window change detector (Bifet and Gavaldà, 2007), in its
 * exponential-histogram form (ADWIN2): it keeps the longest window of recent values whose mean is
 * statistically consistent with no change, and drops the oldest part when two sub-windows differ
 * by more than the bound {@code eps = sqrt(2 m v ln(2 ln(n)/delta)) + 2/3 m ln(2 ln(n)/delta)}
 * (with {@code v} the window's variance and {@code m = 1/(n0-4) + 1/(n1-4)}).
 *
 * <p>Defaults are the reference implementation's: {@code delta = 0.002}, a check every 32 values
 * once the window holds more than 10, at most 5 buckets per row, sub-windows of more than 6 values.
 * The test suite checks the detections against the reference implementation's on recorded
 * streams.
 *
 * <p>Memory O(log n); amortised O(log n) per value. Not thread-safe.
 */
public final class Adwin {
  /** The default confidence parameter. */
  public static final double DEFAULT_DELTA = 0.002;

  private static final int MAX_BUCKETS = 5;
  private static final int CLOCK = 32;
  private static final int MIN_WINDOW_FOR_CHECK = 10;
  private static final int MIN_SUB_WINDOW = 5;

  private final double delta;
  // Row r holds buckets of 2^r values; index 0 of a row is its oldest bucket.
  private double[][] totals = new double[8][MAX_BUCKETS + 1];
  private double[][] variances = new double[8][MAX_BUCKETS + 1];
  private int[] counts = new int[8];
  private int rows = 1;
  private long time;
  private int width;
  private double total;
  private double variance;
  private int detections;

  /** A detector with {@link #DEFAULT_DELTA}. */
  public Adwin() {
    this(DEFAULT_DELTA);
  }

  /**
   * @param delta the confidence parameter, {@code 0 < delta < 1}; smaller detects less often
   */
  public Adwin(double delta) {
    if (!(delta > 0 && delta < 1)) {
      throw new IllegalArgumentException("ADWIN delta must be in (0, 1), was " + delta);
    }
    this.delta = delta;
  }

  /**
   * Adds a value and checks for a change.
   *
   * @param value the value, finite
   * @return whether a change was detected (the window was cut) at this value
   */
  public boolean add(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("ADWIN value must be finite, was " + value);
    }
    time++;
    insert(value);
    boolean change = false;
    if (time % CLOCK == 0 && width > MIN_WINDOW_FOR_CHECK) {
      boolean cut = true;
      while (cut) {
        cut = cutOnce();
        change |= cut;
      }
    }
    if (change) {
      detections++;
    }
    return change;
  }

  /** Scans the split points from the oldest bucket on; drops the oldest bucket at the first cut. */
  private boolean cutOnce() {
    int n0 = 0;
    int n1 = width;
    double u0 = 0;
    double u1 = total;
    for (int r = rows - 1; r >= 0; r--) {
      int size = 1 << r;
      for (int k = 0; k < counts[r]; k++) {
        n0 += size;
        n1 -= size;
        u0 += totals[r][k];
        u1 -= totals[r][k];
        if (r == 0 && k == counts[r] - 1) {
          return false;
        }
        double diff = u0 / n0 - u1 / n1;
        if (n1 > MIN_SUB_WINDOW + 1 && n0 > MIN_SUB_WINDOW + 1 && exceedsBound(n0, n1, diff)) {
          dropOldest();
          return true;
        }
      }
    }
    return false;
  }

  private boolean exceedsBound(int n0, int n1, double diff) {
    double dd = Math.log(2 * Math.log(width) / delta);
    double v = variance / width;
    double m = 1.0 / (n0 - MIN_SUB_WINDOW + 1) + 1.0 / (n1 - MIN_SUB_WINDOW + 1);
    double eps = Math.sqrt(2 * m * v * dd) + 2.0 / 3 * dd * m;
    return Math.abs(diff) > eps;
  }

  private void insert(double value) {
    width++;
    append(0, value, 0);
    if (width > 1) {
      double d = value - total / (width - 1);
      variance += (width - 1) * d * d / width;
    }
    total += value;
    compress();
  }

  private void append(int row, double bucketTotal, double bucketVariance) {
    if (row == rows) {
      if (rows == counts.length) {
        grow();
      }
      rows++;
    }
    totals[row][counts[row]] = bucketTotal;
    variances[row][counts[row]] = bucketVariance;
    counts[row]++;
  }

  private void grow() {
    int n = counts.length * 2;
    totals = java.util.Arrays.copyOf(totals, n);
    variances = java.util.Arrays.copyOf(variances, n);
    for (int r = counts.length; r < n; r++) {
      totals[r] = new double[MAX_BUCKETS + 1];
      variances[r] = new double[MAX_BUCKETS + 1];
    }
    counts = java.util.Arrays.copyOf(counts, n);
  }

  /** Merges the two oldest buckets of a full row into the next row, cascading while rows overflow. */
  private void compress() {
    for (int r = 0; r < rows; r++) {
      if (counts[r] != MAX_BUCKETS + 1) {
        return;
      }
      int size = 1 << r;
      double u1 = totals[r][0] / size;
      double u2 = totals[r][1] / size;
      double inc = (double) size * size * (u1 - u2) * (u1 - u2) / (size + size);
      append(r + 1, totals[r][0] + totals[r][1], variances[r][0] + variances[r][1] + inc);
      removeFirst(r, 2);
      if (counts[r + 1] <= MAX_BUCKETS) {
        return;
      }
    }
  }

  private void removeFirst(int row, int n) {
    System.arraycopy(totals[row], n, totals[row], 0, MAX_BUCKETS + 1 - n);
    System.arraycopy(variances[row], n, variances[row], 0, MAX_BUCKETS + 1 - n);
    for (int k = MAX_BUCKETS + 1 - n; k <= MAX_BUCKETS; k++) {
      totals[row][k] = 0;
      variances[row][k] = 0;
    }
    counts[row] -= n;
  }

  private void dropOldest() {
    int r = rows - 1;
    int size = 1 << r;
    width -= size;
    double bucketTotal = totals[r][0];
    total -= bucketTotal;
    double u = bucketTotal / size;
    double d = u - total / width;
    variance -= variances[r][0] + size * width * d * d / (size + width);
    removeFirst(r, 1);
    if (counts[r] == 0 && rows > 1) {
      rows--;
    }
  }

  /** @return the number of values in the window */
  public int width() {
    return width;
  }

  /** @return the mean of the window, {@code NaN} when empty */
  public double mean() {
    return width == 0 ? Double.NaN : total / width;
  }

  /** @return how many changes were detected */
  public int detections() {
    return detections;
  }
}
