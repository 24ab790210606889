package dev.nanpin.sim.report;

import java.util.List;

/**
 * The charts of a parameter search: a heatmap of one figure over a two-parameter grid and a
 * sensitivity chart of a figure against one parameter's values. Each answers its section's HTML,
 * or a note when there is nothing to draw.
 *
 * <p>Stateless; thread-safe.
 */
final class GridCharts {
  private GridCharts() {}

  /** A cell per (x, y) pair coloured from the worst (red) to the best (green) value; NaN cells grey. */
  static String heatmap(String id, String chartTitle, String xName, List<String> xValues, String yName,
      List<String> yValues, double[][] values, boolean higherIsBetter) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (double[] row : values) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
    }
    return heatmap(id, chartTitle, xName, xValues, yName, yValues, values, higherIsBetter, lo, hi);
  }

  /** The same on a fixed colour scale from {@code lo} to {@code hi} (values outside take the end colours). */
  static String heatmap(String id, String chartTitle, String xName, List<String> xValues, String yName,
      List<String> yValues, double[][] values, boolean higherIsBetter, double lo, double hi) {
    int nx = xValues.size();
    int ny = yValues.size();
    if (nx == 0 || ny == 0) {
      return Tables.note(chartTitle + ": no values.");
    }
    int left = 90;
    int top = 34;
    int cellW = Math.max(24, (Svg.WIDTH - left - 20) / nx);
    int cellH = Math.max(18, Math.min(40, 300 / ny));
    int height = top + ny * cellH + 46;
    StringBuilder sb = new StringBuilder("<section><svg class=\"chart\" data-chart=\"").append(Svg.esc(id))
        .append("\" viewBox=\"0 0 ").append(Svg.WIDTH).append(' ').append(height).append("\" width=\"").append(Svg.WIDTH)
        .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(Svg.esc(chartTitle))
        .append("\"><text class=\"title\" x=\"").append(left).append("\" y=\"20\">").append(Svg.esc(chartTitle))
        .append("</text>");
    for (int yi = 0; yi < ny; yi++) {
      int py = top + yi * cellH;
      sb.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(left - 6).append("\" y=\"")
          .append(py + cellH / 2 + 4).append("\">").append(Svg.esc(yValues.get(yi))).append("</text>");
      for (int xi = 0; xi < nx; xi++) {
        double v = values[yi][xi];
        int px = left + xi * cellW;
        String fill = colour(v, lo, hi, higherIsBetter);
        sb.append("<rect class=\"cell\" x=\"").append(px).append("\" y=\"").append(py).append("\" width=\"")
            .append(cellW - 1).append("\" height=\"").append(cellH - 1).append("\" fill=\"").append(fill)
            .append("\"><title>").append(Svg.esc(xName + "=" + xValues.get(xi) + ", " + yName + "=" + yValues.get(yi)
                + ": " + cell(v))).append("</title></rect>");
        if (cellW >= 40) {
          sb.append("<text class=\"cell-text\" text-anchor=\"middle\" x=\"").append(px + cellW / 2).append("\" y=\"")
              .append(py + cellH / 2 + 4).append("\">").append(Svg.esc(cell(v))).append("</text>");
        }
      }
    }
    int base = top + ny * cellH;
    for (int xi = 0; xi < nx; xi++) {
      sb.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(left + xi * cellW + cellW / 2)
          .append("\" y=\"").append(base + 16).append("\">").append(Svg.esc(xValues.get(xi))).append("</text>");
    }
    sb.append("<text class=\"axis-title\" text-anchor=\"middle\" x=\"").append(left + nx * cellW / 2).append("\" y=\"")
        .append(height - 6).append("\">").append(Svg.esc(xName)).append("</text>");
    sb.append("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(14,").append(top + ny * cellH / 2)
        .append(") rotate(-90)\">").append(Svg.esc(yName)).append("</text>");
    return sb.append("</svg></section>").toString();
    }

  /** For each value of one parameter, the mean figure (a bar) and the best (a dot). */
  static String sensitivity(String id, String chartTitle, String xName, List<String> labels, double[] mean,
      double[] best, String yName) {
    int n = labels.size();
    double lo = 0;
    double hi = 0;
    boolean any = false;
    for (int i = 0; i < n; i++) {
      for (double v : new double[] {mean[i], best[i]}) {
        if (Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
          any = true;
        }
      }
    }
    if (!any) {
      return Tables.note(chartTitle + ": no values.");
    }
    Svg.Chart c = new Svg.Chart(id, chartTitle, -0.5, n - 0.5, Svg.Format.NONE, lo, hi, Svg.Format.NUMBER, 260,
        xName, yName);
    for (int i = 0; i < n; i++) {
      c.category(i, labels.get(i));
      if (Double.isFinite(mean[i])) {
        c.column(i - 0.3, 0.6, mean[i], "bar", labels.get(i) + ": mean " + cell(mean[i]));
      }
      if (Double.isFinite(best[i])) {
        c.dot(i, best[i], "best", labels.get(i) + ": best " + cell(best[i]));
      }
    }
    c.legend("bar", "mean", "best", "best");
    return "<section>" + c.done() + "</section>";
    }

  private static String cell(double v) {
    return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v) : "n/a";
  }

  private static String colour(double v, double lo, double hi, boolean higherIsBetter) {
    if (!Double.isFinite(v)) {
      return "#d5d8de";
    }
    double f = hi > lo ? Math.max(0, Math.min(1, (v - lo) / (hi - lo))) : 0.5;
    if (!higherIsBetter) {
      f = 1 - f;
    }
    // red (192,57,43) through pale yellow (247,236,178) to green (30,132,73)
    double[] a = f < 0.5 ? new double[] {192, 57, 43} : new double[] {247, 236, 178};
    double[] b = f < 0.5 ? new double[] {247, 236, 178} : new double[] {30, 132, 73};
    double t = f < 0.5 ? f * 2 : (f - 0.5) * 2;
    return String.format(java.util.Locale.ROOT, "rgb(%d,%d,%d)", Math.round(a[0] + (b[0] - a[0]) * t),
        Math.round(a[1] + (b[1] - a[1]) * t), Math.round(a[2] + (b[2] - a[2]) * t));
  }
}
