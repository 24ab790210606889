package dev.nanpin.sim.report;

/**
 * The charts of many outcomes: a fan of percentile bands over time, a histogram of values, bars of
 * counts per category and a scatter of two figures. Each answers its section's HTML, or a note
 * when there is nothing to draw.
 *
 * <p>Stateless; thread-safe.
 */
final class DistributionCharts {
  private DistributionCharts() {}

  /** Percentile bands of equity across paths over time. */
  static String fan(String id, String chartTitle, double[] x, double[] p5, double[] p25, double[] p50, double[] p75,
      double[] p95, boolean xIsTime, String xTitle, String yTitle) {
    int n = x.length;
    if (n < 2) {
      return Tables.note(chartTitle + ": not enough points to draw.");
    }
    double lo = Svg.min(p5, n);
    double hi = Svg.max(p95, n);
    Svg.Chart c = new Svg.Chart(id, chartTitle, x[0], x[n - 1], xIsTime ? Svg.Format.DATE : Svg.Format.NUMBER,
        lo, hi, Svg.Format.NUMBER, Svg.HEIGHT, xTitle, yTitle);
    c.band(x, p5, p95, n, "band-outer").band(x, p25, p75, n, "band-inner").line(x, p50, n, "median")
        .legend("band-outer", "5-95 %", "band-inner", "25-75 %", "median", "median");
    return "<section>" + c.done() + "</section>";
  }

  /** A histogram of the values that are not NaN, with an optional vertical mark. */
  static String histogram(String id, String chartTitle, double[] values, int bins, boolean percent, double mark,
      String xTitle, String yTitle) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        lo = Math.min(lo, v);
        hi = Math.max(hi, v);
        n++;
      }
    }
    if (n == 0) {
      return Tables.note(chartTitle + ": no values.");
    }
    if (!(hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) {
      double pad = lo == 0 ? 0.01 : Math.abs(lo) * 0.01;
      lo -= pad;
      hi += pad;
    }
    double width = (hi - lo) / bins;
    int[] counts = new int[bins];
    double[] lefts = new double[bins];
    for (int b = 0; b < bins; b++) {
      lefts[b] = lo + b * width;
    }
    int maxCount = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        maxCount = Math.max(maxCount, ++counts[bin(v, lo, width, bins)]);
      }
    }
    double xLo = Double.isNaN(mark) ? lo : Math.min(lo, mark);
    double xHi = Double.isNaN(mark) ? hi : Math.max(hi, mark);
    Svg.Chart c = new Svg.Chart(id, chartTitle, xLo, xHi, percent ? Svg.Format.PERCENT : Svg.Format.NUMBER,
        0, maxCount, Svg.Format.COUNT, Svg.HEIGHT, xTitle, yTitle);
    c.bars(lefts, width, counts, "bar");
    if (!Double.isNaN(mark)) {
      c.verticalLine(mark, "mark", null);
    }
    return "<section>" + c.done() + "</section>";
  }

  /**
   * The bin of {@code v} among {@code bins} bins of {@code width} from {@code lo}. A value within
   * float noise of a bin edge (one part in 10^9 of the width) counts as on it, so that values that
   * are one number written two ways ({@code 0.3} and {@code 0.1 + 0.2}) share a bin.
   */
  static int bin(double v, double lo, double width, int bins) {
    return Math.max(0, Math.min(bins - 1, (int) Math.floor((v - lo) / width + 1e-9)));
  }

  /** Points in two figures, the highlighted ones drawn last, on top; NaN points left out. */
  static String scatter(String id, String chartTitle, double[] xs, double[] ys, boolean[] highlighted,
      String[] labels, boolean percent, String... legend) {
    double xLo = Double.POSITIVE_INFINITY;
    double xHi = Double.NEGATIVE_INFINITY;
    double yLo = Double.POSITIVE_INFINITY;
    double yHi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isNaN(xs[i]) && !Double.isNaN(ys[i])) {
        xLo = Math.min(xLo, xs[i]);
        xHi = Math.max(xHi, xs[i]);
        yLo = Math.min(yLo, ys[i]);
        yHi = Math.max(yHi, ys[i]);
      }
    }
    if (xLo > xHi) {
      return Tables.note(chartTitle + ": no values.");
    }
    Svg.Format f = percent ? Svg.Format.PERCENT : Svg.Format.NUMBER;
    Svg.Chart c = new Svg.Chart(id, chartTitle, xLo, xHi, f, yLo, yHi, f, Svg.HEIGHT);
    for (int pass = 0; pass < 2; pass++) { // highlighted points drawn last, on top
      for (int i = 0; i < xs.length; i++) {
        if (!Double.isNaN(xs[i]) && !Double.isNaN(ys[i]) && highlighted[i] == (pass == 1)) {
          c.dot(xs[i], ys[i], highlighted[i] ? "point-on" : "point", labels[i]);
        }
      }
    }
    if (legend.length == 2) {
      c.legend("point", legend[0], "point-on", legend[1]);
    }
    return "<section>" + c.done() + "</section>";
  }

  /** Bars of counts per integer category {@code firstCategory, firstCategory + 1, ...}. */
  static String counts(String id, String chartTitle, int[] counts, int firstCategory, String xTitle, String yTitle) {
    int max = 0;
    for (int v : counts) {
      max = Math.max(max, v);
    }
    if (max == 0) {
      return Tables.note(chartTitle + ": no values.");
    }
    double[] lefts = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      lefts[i] = firstCategory + i - 0.5;
    }
    Svg.Chart c = new Svg.Chart(id, chartTitle, firstCategory - 0.5, firstCategory + counts.length - 0.5,
        Svg.Format.COUNT, 0, max, Svg.Format.COUNT, Svg.HEIGHT, xTitle, yTitle);
    c.bars(lefts, 1.0, counts, "bar");
    return "<section>" + c.done() + "</section>";
  }
}
