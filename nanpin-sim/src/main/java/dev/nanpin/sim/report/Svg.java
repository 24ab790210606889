package dev.nanpin.sim.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the report's charts as inline SVG: no library, no script, no network, so a report file
 * opens anywhere. Each chart is an {@code <svg class="chart">} with axes, tick labels, a title
 * and its marks; a chart with nothing to draw is not emitted at all (the caller shows a note).
 *
 * <p>Stateless; thread-safe.
 */
final class Svg {
  static final int WIDTH = 760;
  static final int HEIGHT = 300;
  private static final int LEFT = 70;
  private static final int RIGHT = 20;
  private static final int TOP = 34;
  private static final int BOTTOM = 42;

  private Svg() {}

  /** A linear map from data to pixels. */
  record Scale(double d0, double d1, double p0, double p1) {
    static Scale of(double lo, double hi, double p0, double p1) {
      // a span below rounding noise of the values is no span: widen it so the marks have room
      if (!(hi - lo > 1e-9 * Math.max(Math.abs(lo), Math.abs(hi)))) {
        double pad = lo == 0 ? 1 : Math.abs(lo) * 0.05;
        lo -= pad;
        hi += pad;
      }
      return new Scale(lo, hi, p0, p1);
    }

    double map(double v) {
      return p0 + (v - d0) / (d1 - d0) * (p1 - p0);
    }
  }

  /** How tick labels are written. */
  enum Format {
    NUMBER, PERCENT, DATE, COUNT,
    /** No tick labels: a categorical axis labelled by {@link Chart#category}. */
    NONE
  }

  static String fmt(double v, Format f) {
    return fmt(v, f, Double.NaN);
  }

  /**
   * A tick label with as many decimals as the tick step needs and no more, so that neighbouring
   * ticks never print alike ({@code -0.5, 0, 0.5} is not written {@code -1, 0, 0, 1}, a drawdown
   * axis of a few hundredths of a percent is not {@code 0%, 0%, 0%}).
   *
   * @param v the value
   * @param f the format
   * @param step the tick step, or {@code NaN} when unknown
   * @return the label
   */
  static String fmt(double v, Format f, double step) {
    return switch (f) {
      case PERCENT -> String.format(Locale.ROOT, "%." + decimals(step * 100) + "f%%", v * 100);
      case DATE -> java.time.Instant.ofEpochMilli((long) v).toString().substring(0, 10);
      case COUNT -> String.format(Locale.ROOT, "%.0f", v);
      case NONE -> "";
      case NUMBER -> Math.abs(v) >= 1e6 ? String.format(Locale.ROOT, "%.2fM", v / 1e6)
          : Math.abs(v) >= 1e4 ? (v % 1000 == 0 ? String.format(Locale.ROOT, "%.0fk", v / 1e3)
              : String.format(Locale.ROOT, "%.1fk", v / 1e3))
          : !Double.isNaN(step) ? String.format(Locale.ROOT, "%." + decimals(step) + "f", v)
          : Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
          : String.format(Locale.ROOT, "%.2f", v);
    };
  }

  /** Decimals enough to tell ticks {@code step} apart: 0 for steps of 1 and more, 1 for 0.5, 2 for 0.02. */
  private static int decimals(double step) {
    if (!(step > 0) || Double.isInfinite(step)) {
      return 0;
    }
    return (int) Math.max(0, Math.min(8, Math.ceil(-Math.log10(step) - 1e-9)));
  }

  /** Nice tick values covering [lo, hi]; at most about {@code 2 * target} of them. */
  static List<Double> ticks(double lo, double hi, int target) {
    return ticks(lo, hi, target, false);
  }

  /**
   * Nice tick values covering [lo, hi]; at most about {@code 2 * target} of them.
   *
   * @param integer whether only whole numbers may be ticks (counts, ladder levels)
   */
  static List<Double> ticks(double lo, double hi, int target, boolean integer) {
    List<Double> out = new ArrayList<>();
    double span = hi - lo;
    if (!(span > 0) || !Double.isFinite(span)) {
      out.add(integer ? Math.rint(lo) : lo);
      return out;
    }
    double step = step(lo, hi, target);
    if (integer) {
      step = Math.max(1.0, Math.rint(step));
    }
    double first = Math.ceil(lo / step) * step;
    // count the ticks instead of stepping a double until it passes hi: with a span that is tiny
    // next to the values, first + step == first and such a loop would never end
    long count = (long) Math.floor((hi - first) / step + 1e-9) + 1;
    if (count < 1 || count > 4L * target) {
      out.add(lo);
      out.add(hi);
      return out;
    }
    for (long k = 0; k < count; k++) {
      double t = first + k * step;
      out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
    }
    return out;
  }

  /** The nice step (1, 2 or 5 times a power of ten) of {@link #ticks}. */
  static double step(double lo, double hi, int target) {
    double raw = (hi - lo) / target;
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    return mag * (raw / mag < 1.5 ? 1 : raw / mag < 3 ? 2 : raw / mag < 7 ? 5 : 10);
  }

  /** The least of {@code v[0..n-1]} that is not NaN ({@code +Infinity} when none). */
  static double min(double[] v, int n) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(v[i])) {
        m = Math.min(m, v[i]);
      }
    }
    return m;
  }

  /** The greatest of {@code v[0..n-1]} that is not NaN ({@code -Infinity} when none). */
  static double max(double[] v, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(v[i])) {
        m = Math.max(m, v[i]);
      }
    }
    return m;
  }

  static String esc(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  private static String n(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static final class Chart {
    final StringBuilder sb = new StringBuilder();
    final Scale x;
    final Scale y;
    final int height;

    Chart(String id, String title, double xLo, double xHi, Format xf, double yLo, double yHi, Format yf, int height) {
      this(id, title, xLo, xHi, xf, yLo, yHi, yf, height, null, null);
    }

    /**
     * A chart frame: title, grid, tick labels and axis titles.
     *
     * @param xTitle the x axis title, or {@code null}
     * @param yTitle the y axis title, or {@code null}
     */
    Chart(String id, String title, double xLo, double xHi, Format xf, double yLo, double yHi, Format yf, int height,
        String xTitle, String yTitle) {
      this.height = height;
      x = Scale.of(xLo, xHi, LEFT, WIDTH - RIGHT);
      y = Scale.of(yLo, yHi, height - BOTTOM, TOP);
      sb.append("<svg class=\"chart\" data-chart=\"").append(esc(id)).append("\" ")
          .append("viewBox=\"0 0 ").append(WIDTH).append(' ').append(height).append("\" width=\"").append(WIDTH)
          .append("\" height=\"").append(height).append("\" role=\"img\" aria-label=\"").append(esc(title)).append("\">");
      sb.append("<text class=\"title\" x=\"").append(LEFT).append("\" y=\"20\">").append(esc(title)).append("</text>");
      boolean yInt = yf == Format.COUNT;
      double yStep = step(y.d0(), y.d1(), 5);
      String last = null;
      for (double t : ticks(y.d0(), y.d1(), 5, yInt)) {
        String label = fmt(t, yf, yInt ? Math.max(1, yStep) : yStep);
        if (label.equals(last)) {
          continue;
        }
        last = label;
        double py = y.map(t);
        sb.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT)
            .append("\" y1=\"").append(n(py)).append("\" y2=\"").append(n(py)).append("\"/>");
        sb.append("<text class=\"tick\" text-anchor=\"end\" x=\"").append(LEFT - 6).append("\" y=\"").append(n(py + 4))
            .append("\">").append(esc(label)).append("</text>");
      }
      boolean xInt = xf == Format.COUNT;
      double xStep = step(x.d0(), x.d1(), 6);
      last = null;
      for (double t : xf == Format.NONE ? List.<Double>of() : ticks(x.d0(), x.d1(), 6, xInt)) {
        String label = fmt(t, xf, xInt ? Math.max(1, xStep) : xStep);
        if (label.equals(last)) {
          continue;
        }
        last = label;
        double px = x.map(t);
        sb.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(n(px)).append("\" y=\"")
            .append(height - BOTTOM + 16).append("\">").append(esc(label)).append("</text>");
      }
      sb.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"")
          .append(height - BOTTOM).append("\" y2=\"").append(height - BOTTOM).append("\"/>");
      if (xTitle != null) {
        sb.append("<text class=\"axis-title\" text-anchor=\"middle\" x=\"").append((LEFT + WIDTH - RIGHT) / 2)
            .append("\" y=\"").append(height - 6).append("\">").append(esc(xTitle)).append("</text>");
      }
      if (yTitle != null) {
        int cy = (TOP + height - BOTTOM) / 2;
        sb.append("<text class=\"axis-title\" text-anchor=\"middle\" transform=\"translate(14,").append(cy)
            .append(") rotate(-90)\">").append(esc(yTitle)).append("</text>");
      }
    }

    Chart line(double[] xs, double[] ys, int count, String cssClass) {
      sb.append("<polyline class=\"").append(cssClass).append("\" points=\"");
      appendPoints(xs, ys, count, false);
      sb.append("\"/>");
      return this;
    }

    /** A band between two series (lower, upper), as one closed polygon. */
    Chart band(double[] xs, double[] lower, double[] upper, int count, String cssClass) {
      sb.append("<polygon class=\"").append(cssClass).append("\" points=\"");
      appendPoints(xs, upper, count, false);
      appendPoints(xs, lower, count, true);
      sb.append("\"/>");
      return this;
    }

    private void appendPoints(double[] xs, double[] ys, int count, boolean reverse) {
      int[] idx = thinned(ys, count);
      for (int k = 0; k < idx.length; k++) {
        int i = idx[reverse ? idx.length - 1 - k : k];
        sb.append(n(x.map(xs[i]))).append(',').append(n(y.map(ys[i]))).append(' ');
      }
    }

    /**
     * The indices to draw: all of them for short series; for long ones, the lowest and highest
     * point of each bucket (about two per pixel column), so spikes stay visible.
     */
    private static int[] thinned(double[] ys, int count) {
      int buckets = 2 * (WIDTH - LEFT - RIGHT);
      if (count <= 2 * buckets) {
        int[] all = new int[count];
        for (int i = 0; i < count; i++) {
          all[i] = i;
        }
        return all;
      }
      int[] out = new int[2 * buckets + 1];
      int m = 0;
      for (int b = 0; b < buckets; b++) {
        int from = (int) ((long) b * count / buckets);
        int to = (int) ((long) (b + 1) * count / buckets);
        int lo = from;
        int hi = from;
        for (int j = from; j < to; j++) {
          if (ys[j] < ys[lo]) {
            lo = j;
          }
          if (ys[j] > ys[hi]) {
            hi = j;
          }
        }
        out[m++] = Math.min(lo, hi);
        if (lo != hi) {
          out[m++] = Math.max(lo, hi);
        }
      }
      if (out[m - 1] != count - 1) {
        out[m++] = count - 1;
      }
      return java.util.Arrays.copyOf(out, m);
    }

    Chart bars(double[] lefts, double width, int[] counts, String cssClass) {
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          continue;
        }
        double px0 = x.map(lefts[i]);
        double px1 = x.map(lefts[i] + width);
        double py = y.map(counts[i]);
        double base = y.map(0);
        sb.append("<rect class=\"").append(cssClass).append("\" x=\"").append(n(px0 + 0.5)).append("\" y=\"")
            .append(n(py)).append("\" width=\"").append(n(Math.max(1, px1 - px0 - 1))).append("\" height=\"")
            .append(n(Math.max(1, base - py))).append("\"><title>").append(counts[i]).append("</title></rect>");
      }
      return this;
    }

    /** A horizontal line at {@code yv} from {@code x0} to {@code x1}. */
    Chart segment(double x0, double x1, double yv, String cssClass) {
      double py = y.map(yv);
      sb.append("<line class=\"").append(cssClass).append("\" x1=\"").append(n(x.map(x0))).append("\" x2=\"")
          .append(n(Math.max(x.map(x1), x.map(x0) + 1))).append("\" y1=\"").append(n(py)).append("\" y2=\"")
          .append(n(py)).append("\"/>");
      return this;
    }

    /** A label under the x axis at a category's position. */
    Chart category(double xv, String label) {
      sb.append("<text class=\"tick\" text-anchor=\"middle\" x=\"").append(n(x.map(xv))).append("\" y=\"")
          .append(height - BOTTOM + 16).append("\">").append(esc(label)).append("</text>");
      return this;
    }

    /** A column from 0 to {@code yv} over {@code [xLeft, xLeft + width]}, with a hover title. */
    Chart column(double xLeft, double width, double yv, String cssClass, String hover) {
      double px0 = x.map(xLeft);
      double px1 = x.map(xLeft + width);
      double y0 = y.map(0);
      double y1 = y.map(yv);
      sb.append("<rect class=\"").append(cssClass).append("\" x=\"").append(n(px0)).append("\" y=\"")
          .append(n(Math.min(y0, y1))).append("\" width=\"").append(n(Math.max(1, px1 - px0))).append("\" height=\"")
          .append(n(Math.max(1, Math.abs(y0 - y1)))).append("\"><title>").append(esc(hover)).append("</title></rect>");
      return this;
    }

    /** A dot at ({@code xv}, {@code yv}) with a hover title. */
    Chart dot(double xv, double yv, String cssClass, String hover) {
      sb.append("<circle class=\"").append(cssClass).append("\" cx=\"").append(n(x.map(xv))).append("\" cy=\"")
          .append(n(y.map(yv))).append("\" r=\"4\"><title>").append(esc(hover)).append("</title></circle>");
      return this;
    }

    Chart marker(double xv, double yv, boolean up, String cssClass) {
      double px = x.map(xv);
      double py = y.map(yv);
      double s = 4.5;
      String pts = up
          ? n(px) + "," + n(py - s) + " " + n(px - s) + "," + n(py + s) + " " + n(px + s) + "," + n(py + s)
          : n(px) + "," + n(py + s) + " " + n(px - s) + "," + n(py - s) + " " + n(px + s) + "," + n(py - s);
      sb.append("<polygon class=\"").append(cssClass).append("\" points=\"").append(pts).append("\"/>");
      return this;
    }

    Chart verticalLine(double xv, String cssClass, String label) {
      double px = x.map(xv);
      sb.append("<line class=\"").append(cssClass).append("\" x1=\"").append(n(px)).append("\" x2=\"").append(n(px))
          .append("\" y1=\"").append(TOP).append("\" y2=\"").append(height - BOTTOM).append("\"/>");
      if (label != null) {
        sb.append("<text class=\"tick\" x=\"").append(n(px + 4)).append("\" y=\"").append(TOP + 12).append("\">")
            .append(esc(label)).append("</text>");
      }
      return this;
    }

    Chart legend(String... entries) {
      // right-aligned on the title line, so that a long title and the legend do not overlap
      int width = 0;
      for (int i = 0; i + 1 < entries.length; i += 2) {
        width += 22 + entries[i + 1].length() * 7;
      }
      int px = WIDTH - RIGHT - width;
      for (int i = 0; i + 1 < entries.length; i += 2) {
        sb.append("<rect class=\"").append(entries[i]).append(" legend\" x=\"").append(px).append("\" y=\"11\" width=\"12\" height=\"10\"/>");
        sb.append("<text class=\"tick\" x=\"").append(px + 16).append("\" y=\"20\">").append(esc(entries[i + 1])).append("</text>");
        px += 22 + entries[i + 1].length() * 7;
      }
      return this;
    }

    String done() {
      return sb.append("</svg>").toString();
    }
  }
}
