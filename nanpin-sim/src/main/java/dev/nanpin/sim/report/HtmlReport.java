package dev.nanpin.sim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A self-contained HTML report: one file with inline CSS and inline SVG charts, no network
 * access needed to view it. The only script is the price chart's inline date-range zoom; every
 * chart reads without it.
 *
 * <p>Sections appear in the order they are added. A chart whose data is empty is replaced by a
 * one-line note saying so, never drawn as an empty frame.
 *
 * <pre>{@code
 * HtmlReport.builder("Monte Carlo: nanpin ladder")
 *     .figures("Summary", List.of(new HtmlReport.Figure("Median annual return", "12.3 %", null)))
 *     .histogram("annual-return", "Annual return", annualReturns, 40, true, 0.0)
 *     .write(Path.of("report.html"));
 * }</pre>
 *
 * <p>The builder is not thread-safe; {@link #render()} output is deterministic for the same
 * input.
 */
public final class HtmlReport {
  private final String html;

  private HtmlReport(String html) {
    this.html = html;
  }

  /**
   * @param title the report's title
   * @return a new builder
   */
  public static Builder builder(String title) {
    return new Builder(title);
  }

  /** @return the whole HTML document */
  public String render() {
    return html;
  }

  /**
   * Writes the document as UTF-8.
   *
   * @param file the file to write (replaced if present)
   */
  public void write(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write report " + file, e);
    }
  }

  /**
   * One figure of a summary table.
   *
   * @param label what it is
   * @param value the formatted value
   * @param hint a short explanation shown on hover, or {@code null}
   */
  public record Figure(String label, String value, String hint) {
    /** Validates. */
    public Figure {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A horizontal segment of a price chart: an order level from the bar it was placed to the bar it
   * left the book, or the average entry while a position was held.
   *
   * @param fromIndex the first bar
   * @param toIndex the last bar (inclusive)
   * @param price the level
   * @param kind {@code "buy"} (a buy level), {@code "sell"} (a sell level, e.g. a take-profit) or
   *     {@code "avg"} (the average entry)
   */
  public record Segment(int fromIndex, int toIndex, double price, String kind) {
    /** Validates. */
    public Segment {
      Objects.requireNonNull(kind, "kind");
    }
  }

  /** Assembles a report. */
  public static final class Builder {
    private final String title;
    private final List<String> sections = new ArrayList<>();
    private String subtitle;
    private String nextXTitle;
    private String nextYTitle;

    private Builder(String title) {
      this.title = Objects.requireNonNull(title, "title");
    }

    /**
     * @param text a line under the title (run parameters, data, seed)
     * @return this builder
     */
    public Builder subtitle(String text) {
      this.subtitle = text;
      return this;
    }

    /**
     * Names the axes of the next chart added (every chart has axis titles; without this call a
     * chart gets its kind's defaults: {@code "date"}/{@code "equity"}, {@code "value"}/{@code
     * "count"}).
     *
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @return this builder
     */
    public Builder axes(String xTitle, String yTitle) {
      this.nextXTitle = Objects.requireNonNull(xTitle, "xTitle");
      this.nextYTitle = Objects.requireNonNull(yTitle, "yTitle");
      return this;
    }

    /** The x title of the chart being added (the one set by {@link #axes}, else {@code dflt}); clears it. */
    private String xTitle(String dflt) {
      String t = nextXTitle != null ? nextXTitle : dflt;
      nextXTitle = null;
      return t;
    }

    private String yTitle(String dflt) {
      String t = nextYTitle != null ? nextYTitle : dflt;
      nextYTitle = null;
      return t;
    }

    /**
     * A table of figures.
     *
     * @param heading the section heading
     * @param figures the rows
     * @return this builder
     */
    public Builder figures(String heading, List<Figure> figures) {
      StringBuilder sb = new StringBuilder("<section><h2>").append(Svg.esc(heading)).append("</h2><table class=\"figures\">");
      for (Figure f : figures) {
        sb.append("<tr><th");
        if (f.hint() != null) {
          sb.append(" title=\"").append(Svg.esc(f.hint())).append('"');
        }
        sb.append('>').append(Svg.esc(f.label())).append("</th><td>").append(Svg.esc(f.value())).append("</td></tr>");
      }
      sections.add(sb.append("</table></section>").toString());
      return this;
    }

    /**
     * The figures that decide the reading of a report, drawn large: e.g. the median return beside
     * the share of paths ruined, so that neither is found only in small print.
     *
     * @param figures the figures, at most a handful
     * @return this builder
     */
    public Builder headline(List<Figure> figures) {
      StringBuilder sb = new StringBuilder("<section class=\"headline\">");
      for (Figure f : figures) {
        sb.append("<div class=\"big\"");
        if (f.hint() != null) {
          sb.append(" title=\"").append(Svg.esc(f.hint())).append('"');
        }
        sb.append("><div class=\"big-value\">").append(Svg.esc(f.value())).append("</div><div class=\"big-label\">")
            .append(Svg.esc(f.label())).append("</div></div>");
      }
      sections.add(sb.append("</section>").toString());
      return this;
    }

    /**
     * The run's assumptions, from which it can be repeated: a table, and the same entries as the
     * JSON object the report's {@code .json} file holds.
     *
     * @param entries name to value, in order (strings, numbers, booleans)
     * @param json the same entries as JSON text
     * @return this builder
     */
    public Builder assumptions(Map<String, ?> entries, String json) {
      // two columns of small print: complete, yet the charts stay near the top
      StringBuilder sb = new StringBuilder("<section id=\"assumptions\"><h2>Assumptions</h2>")
          .append("<div class=\"assumptions\">");
      for (Map.Entry<String, ?> e : entries.entrySet()) {
        sb.append("<div><span class=\"k\">").append(Svg.esc(e.getKey())).append("</span> <span class=\"v\">")
            .append(Svg.esc(String.valueOf(e.getValue()))).append("</span></div>");
      }
      sb.append("</div><details><summary>As JSON</summary><pre>").append(Svg.esc(json)).append("</pre></details>");
      sections.add(sb.append("</section>").toString());
      return this;
    }

    /**
     * A table with a header row (e.g. the candidates of a parameter sweep).
     *
     * @param heading the section heading
     * @param header the column names
     * @param rows the cells, row by row
     * @return this builder
     */
    public Builder table(String heading, List<String> header, List<List<String>> rows) {
      StringBuilder sb = new StringBuilder("<section><h2>").append(Svg.esc(heading)).append("</h2>");
      if (rows.isEmpty()) {
        sections.add(sb.append("<p class=\"note\">No rows.</p></section>").toString());
        return this;
      }
      sb.append("<table class=\"grid\"><thead><tr>");
      header.forEach(h -> sb.append("<th>").append(Svg.esc(h)).append("</th>"));
      sb.append("</tr></thead><tbody>");
      for (List<String> row : rows) {
        sb.append("<tr>");
        row.forEach(c -> sb.append("<td>").append(Svg.esc(c)).append("</td>"));
        sb.append("</tr>");
      }
      sections.add(sb.append("</tbody></table></section>").toString());
      return this;
    }

    /**
     * A paragraph of text.
     *
     * @param text the text
     * @return this builder
     */
    public Builder note(String text) {
      sections.add("<p class=\"note\">" + Svg.esc(text) + "</p>");
      return this;
    }

    /**
     * A fan chart: percentile bands of equity across paths over time.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param x the x positions (e.g. bar index or epoch millis), increasing
     * @param p5 5th percentile per x
     * @param p25 25th percentile per x
     * @param p50 median per x
     * @param p75 75th percentile per x
     * @param p95 95th percentile per x
     * @param xIsTime whether x is epoch milliseconds (dates on the axis)
     * @return this builder
     */
    public Builder fanChart(String id, String chartTitle, double[] x, double[] p5, double[] p25, double[] p50,
        double[] p75, double[] p95, boolean xIsTime) {
      int n = x.length;
      if (n < 2) {
        return note(chartTitle + ": not enough points to draw.");
      }
      double lo = min(p5, n);
      double hi = max(p95, n);
      Svg.Chart c = new Svg.Chart(id, chartTitle, x[0], x[n - 1], xIsTime ? Svg.Format.DATE : Svg.Format.NUMBER,
          lo, hi, Svg.Format.NUMBER, Svg.HEIGHT, xTitle(xIsTime ? "date" : "day"), yTitle("equity"));
      c.band(x, p5, p95, n, "band-outer").band(x, p25, p75, n, "band-inner").line(x, p50, n, "median")
          .legend("band-outer", "5-95 %", "band-inner", "25-75 %", "median", "median");
      sections.add("<section>" + c.done() + "</section>");
      return this;
    }

    /**
     * A histogram of values (e.g. the annual return of each path).
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param values the values; NaN values are ignored
     * @param bins the number of bins, {@code >= 1}
     * @param percent whether to label the axis in percent
     * @param mark an x value to mark with a vertical line (e.g. 0), or {@code NaN}
     * @return this builder
     */
    public Builder histogram(String id, String chartTitle, double[] values, int bins, boolean percent, double mark) {
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
        return note(chartTitle + ": no values.");
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
          0, maxCount, Svg.Format.COUNT, Svg.HEIGHT, xTitle("value"), yTitle("count"));
      c.bars(lefts, width, counts, "bar");
      if (!Double.isNaN(mark)) {
        c.verticalLine(mark, "mark", null);
      }
      sections.add("<section>" + c.done() + "</section>");
      return this;
    }

    /**
     * A scatter of points in two figures, some highlighted (e.g. every candidate of a search, the
     * Pareto front highlighted); each point shows its label on hover. NaN points are left out.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title (name the axes in it: x then y)
     * @param xs the x figure of each point
     * @param ys the y figure of each point
     * @param highlighted which points to highlight
     * @param labels each point's hover text
     * @param percent whether both axes are labelled in percent
     * @param legend the legend of plain and highlighted points, e.g. {@code "evaluated", "front"}
     * @return this builder
     */
    public Builder scatter(String id, String chartTitle, double[] xs, double[] ys, boolean[] highlighted,
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
        return note(chartTitle + ": no values.");
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
      sections.add("<section>" + c.done() + "</section>");
      return this;
    }

    /**
     * A bar chart of counts per category 0..n-1 (e.g. paths by the deepest ladder level used).
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param counts the count of each category
     * @param firstCategory the number of category 0 (e.g. {@code 0} levels)
     * @return this builder
     */
    public Builder counts(String id, String chartTitle, int[] counts, int firstCategory) {
      int max = 0;
      for (int v : counts) {
        max = Math.max(max, v);
      }
      if (max == 0) {
        return note(chartTitle + ": no values.");
      }
      double[] lefts = new double[counts.length];
      for (int i = 0; i < counts.length; i++) {
        lefts[i] = firstCategory + i - 0.5;
      }
      Svg.Chart c = new Svg.Chart(id, chartTitle, firstCategory - 0.5, firstCategory + counts.length - 0.5,
          Svg.Format.COUNT, 0, max, Svg.Format.COUNT, Svg.HEIGHT, xTitle("category"), yTitle("count"));
      c.bars(lefts, 1.0, counts, "bar");
      sections.add("<section>" + c.done() + "</section>");
      return this;
    }

    /**
     * A price chart: the closes, the order levels as they were placed (buy levels green, sell
     * levels such as take-profits red) from the bar each was placed to the bar it left the book,
     * the average entry while a position was held (dashed), and every fill. Zoomable to a date
     * range with two date fields: the only script in a report, inline, and the chart reads without
     * it.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param time the bars' open times in epoch milliseconds
     * @param close the closes
     * @param n the number of bars
     * @param segments the levels and the average entry
     * @param fillBars the bar of each fill
     * @param fillPrices the price of each fill
     * @param fillIsBuy whether each fill was a buy
     * @return this builder
     */
    public Builder priceChart(String id, String chartTitle, long[] time, double[] close, int n, List<Segment> segments,
        int[] fillBars, double[] fillPrices, boolean[] fillIsBuy) {
      if (n < 2) {
        return note(chartTitle + ": not enough bars to draw.");
      }
      double[] x = new double[n];
      double lo = Double.POSITIVE_INFINITY;
      double hi = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        x[i] = time[i];
        lo = Math.min(lo, close[i]);
        hi = Math.max(hi, close[i]);
      }
      for (Segment sg : segments) {
        lo = Math.min(lo, sg.price());
        hi = Math.max(hi, sg.price());
      }
      for (double p : fillPrices) {
        lo = Math.min(lo, p);
        hi = Math.max(hi, p);
      }
      Svg.Chart c = new Svg.Chart(id, chartTitle, x[0], x[n - 1], Svg.Format.DATE, lo, hi, Svg.Format.NUMBER,
          Svg.HEIGHT + 60, xTitle("date"), yTitle("price"));
      c.line(x, close, n, "price");
      // at most ~1500 segments and ~400 fills: more would hide the price; the CSV files have them all
      int step = Math.max(1, segments.size() / 1500);
      for (int k = 0; k < segments.size(); k += step) {
        Segment sg = segments.get(k);
        int a = Math.max(0, Math.min(n - 1, sg.fromIndex()));
        int b = Math.max(a, Math.min(n - 1, sg.toIndex()));
        c.segment(x[a], x[b], sg.price(), "level-" + sg.kind());
      }
      int fstep = Math.max(1, fillBars.length / 400);
      for (int k = 0; k < fillBars.length; k += fstep) {
        int i = Math.max(0, Math.min(n - 1, fillBars[k]));
        c.marker(x[i], fillPrices[k], fillIsBuy[k], fillIsBuy[k] ? "buy" : "sell");
      }
      c.legend("price", "close", "level-buy", "buy level", "level-sell", "sell level", "level-avg", "avg entry");
      String svg = c.done().replaceFirst("<svg ", "<svg data-t0=\"" + time[0] + "\" data-t1=\"" + time[n - 1] + "\" ");
      String day0 = java.time.Instant.ofEpochMilli(time[0]).toString().substring(0, 10);
      String day1 = java.time.Instant.ofEpochMilli(time[n - 1]).toString().substring(0, 10);
      sections.add("<section><div class=\"zoom\">Zoom: <input type=\"date\" id=\"" + Svg.esc(id) + "-from\" value=\""
          + day0 + "\"> to <input type=\"date\" id=\"" + Svg.esc(id) + "-to\" value=\"" + day1 + "\"></div>" + svg
          + "<script>" + ZOOM.replace("ID", id) + "</script></section>");
      return this;
    }

    /**
     * A heatmap of one figure over a two-parameter grid: a cell per (x, y) pair, coloured from
     * the worst (red) to the best (green) value, with the value written in it; missing or failed
     * cells ({@code NaN}) are grey.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param xName the parameter along x
     * @param xValues its values, left to right
     * @param yName the parameter along y
     * @param yValues its values, top to bottom
     * @param values {@code values[y][x]}
     * @param higherIsBetter whether larger values are coloured green
     * @return this builder
     */
    public Builder heatmap(String id, String chartTitle, String xName, List<String> xValues, String yName,
        List<String> yValues, double[][] values, boolean higherIsBetter) {
      int nx = xValues.size();
      int ny = yValues.size();
      if (nx == 0 || ny == 0) {
        return note(chartTitle + ": no values.");
      }
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
      sections.add(sb.append("</svg></section>").toString());
      return this;
    }

    /**
     * A chart of a figure against the values of one parameter: for each value, the mean over the
     * candidates that have it (bars) and the best of them (dots); a flat chart means the figure
     * does not depend on the parameter, a spike at one value means a fragile optimum.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param xName the parameter
     * @param labels its values, in order
     * @param mean the mean figure at each value ({@code NaN} when none)
     * @param best the best figure at each value
     * @param yName the figure
     * @return this builder
     */
    public Builder sensitivity(String id, String chartTitle, String xName, List<String> labels, double[] mean,
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
        return note(chartTitle + ": no values.");
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
      sections.add("<section>" + c.done() + "</section>");
      return this;
    }

    private static String cell(double v) {
      return Double.isFinite(v) ? String.format(java.util.Locale.ROOT, Math.abs(v) >= 100 ? "%.0f" : "%.3g", v) : "n/a";
    }

    private static String colour(double v, double lo, double hi, boolean higherIsBetter) {
      if (!Double.isFinite(v)) {
        return "#d5d8de";
      }
      double f = hi > lo ? (v - lo) / (hi - lo) : 0.5;
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

    /**
     * An equity curve with its drawdown underneath and fills marked (buys as up triangles,
     * sells as down triangles).
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param time the bars' times in epoch milliseconds
     * @param equity the equity after each bar
     * @param n the number of bars to draw
     * @param fillBars the bar index of each fill
     * @param fillIsBuy whether each fill was a buy
     * @param fillCount the number of fills
     * @return this builder
     */
    public Builder equityChart(String id, String chartTitle, long[] time, double[] equity, int n, int[] fillBars,
        boolean[] fillIsBuy, int fillCount) {
      return equityChart(id, chartTitle, time, equity, n, fillBars, fillIsBuy, fillCount, null, null);
    }

    /**
     * An equity curve with a benchmark line (e.g. buy and hold of the same capital), its drawdown
     * underneath and fills marked.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param time the bars' times in epoch milliseconds
     * @param equity the equity after each bar
     * @param n the number of bars to draw
     * @param fillBars the bar index of each fill
     * @param fillIsBuy whether each fill was a buy
     * @param fillCount the number of fills
     * @param benchmark the benchmark's equity after each bar, or {@code null}
     * @param benchmarkName the benchmark's legend entry
     * @return this builder
     */
    public Builder equityChart(String id, String chartTitle, long[] time, double[] equity, int n, int[] fillBars,
        boolean[] fillIsBuy, int fillCount, double[] benchmark, String benchmarkName) {
      if (n < 2) {
        return note(chartTitle + ": not enough bars to draw.");
      }
      double[] x = new double[n];
      double[] dd = new double[n];
      double peak = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        x[i] = time[i];
        peak = Math.max(peak, equity[i]);
        dd[i] = peak > 0 ? -(peak - equity[i]) / peak : 0;
      }
      String yEq = yTitle("equity (quote)");
      xTitle(null);
      double lo = min(equity, n);
      double hi = max(equity, n);
      if (benchmark != null) {
        lo = Math.min(lo, min(benchmark, n));
        hi = Math.max(hi, max(benchmark, n));
      }
      Svg.Chart eq = new Svg.Chart(id, chartTitle, x[0], x[n - 1], Svg.Format.DATE, lo, hi,
          Svg.Format.NUMBER, Svg.HEIGHT, "date", yEq);
      if (benchmark != null) {
        eq.line(x, benchmark, n, "bench");
      }
      eq.line(x, equity, n, "median");
      // at most ~400 markers: more would hide the curve; the fills CSV has them all
      int step = Math.max(1, fillCount / 400);
      for (int k = 0; k < fillCount; k += step) {
        int i = Math.min(Math.max(fillBars[k], 0), n - 1);
        eq.marker(x[i], equity[i], fillIsBuy[k], fillIsBuy[k] ? "buy" : "sell");
      }
      if (benchmark != null) {
        eq.legend("median", "strategy", "bench", benchmarkName, "buy", "buy", "sell", "sell");
      } else if (fillCount > 0) {
        eq.legend("buy", "buy", "sell", "sell");
      }
      double minDd = Math.min(min(dd, n), -0.0001);
      Svg.Chart ddc = new Svg.Chart(id + "-drawdown", "Drawdown", x[0], x[n - 1], Svg.Format.DATE, minDd, 0,
          Svg.Format.PERCENT, 180, "date", "below peak");
      double[] zero = new double[n];
      ddc.band(x, dd, zero, n, "drawdown");
      sections.add("<section>" + eq.done() + ddc.done() + "</section>");
      return this;
    }

    /** @return the report */
    public HtmlReport build() {
      StringBuilder sb = new StringBuilder(16_384);
      sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
          .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
          .append("<title>").append(Svg.esc(title)).append("</title><style>").append(CSS).append("</style></head><body>")
          .append("<h1>").append(Svg.esc(title)).append("</h1>");
      if (subtitle != null) {
        sb.append("<p class=\"subtitle\">").append(Svg.esc(subtitle)).append("</p>");
      }
      sections.forEach(s -> sb.append(s).append('\n'));
      sb.append("<footer>Generated by nanpin. Simulated results: no guarantee of future returns.</footer>")
          .append("</body></html>\n");
      return new HtmlReport(sb.toString());
    }

    /**
     * Builds and writes the report.
     *
     * @param file the file to write
     * @return the report
     */
    public HtmlReport write(Path file) {
      HtmlReport r = build();
      r.write(file);
      return r;
    }
  }

  /**
   * The bin of {@code v} among {@code bins} bins of {@code width} from {@code lo}. A value within
   * float noise of a bin edge (one part in 10^9 of the width) counts as on it, so that values that
   * are one number written two ways ({@code 0.3} and {@code 0.1 + 0.2}) share a bin.
   */
  static int bin(double v, double lo, double width, int bins) {
    return Math.max(0, Math.min(bins - 1, (int) Math.floor((v - lo) / width + 1e-9)));
  }

  private static double min(double[] v, int n) {
    double m = Double.POSITIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(v[i])) {
        m = Math.min(m, v[i]);
      }
    }
    return m;
  }

  private static double max(double[] v, int n) {
    double m = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      if (!Double.isNaN(v[i])) {
        m = Math.max(m, v[i]);
      }
    }
    return m;
  }

  /**
   * The price chart's zoom: maps the chosen dates to the chart's x pixels and narrows its viewBox
   * to them (the plot stretches to the full width; the date axis labels stretch with it).
   */
  private static final String ZOOM = String.join("",
      "(function(){const svg=document.querySelector('svg[data-chart=\"ID\"]');",
      "const from=document.getElementById('ID-from'),to=document.getElementById('ID-to');",
      "const t0=+svg.dataset.t0,t1=+svg.dataset.t1,w=+svg.getAttribute('width'),h=+svg.getAttribute('height');",
      "const L=" + 70 + ",R=" + 20 + ";",
      "function px(t){return L+(t-t0)/(t1-t0)*(w-L-R);}",
      "function zoom(){const a=Date.parse(from.value),b=Date.parse(to.value)+86400000;",
      "if(!(a<b)){return;}const x0=Math.max(0,px(a)),x1=Math.min(w,px(b));",
      "svg.setAttribute('preserveAspectRatio','none');svg.setAttribute('viewBox',x0+' 0 '+(x1-x0)+' '+h);}",
      "from.addEventListener('change',zoom);to.addEventListener('change',zoom);})();");

  private static final String CSS = String.join("",
      "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:800px;color:#1d2330;background:#fff}",
      "h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}",
      ".subtitle{color:#5a6272;margin:0 0 16px}.note{color:#5a6272}",
      "table.figures{border-collapse:collapse}table.figures th{text-align:left;font-weight:normal;color:#5a6272;padding:3px 16px 3px 0}",
      "table.figures td{font-variant-numeric:tabular-nums;padding:3px 0;text-align:right}",
      "table.grid{border-collapse:collapse;font-size:13px}table.grid th,table.grid td{border-bottom:1px solid #e3e6ec;padding:4px 8px;text-align:right}",
      "svg.chart{display:block;margin:8px 0;background:#fbfcfe;border:1px solid #e3e6ec;border-radius:4px}",
      ".title{font-size:14px;font-weight:600;fill:#1d2330}.tick{font-size:11px;fill:#5a6272}.axis-title{font-size:11px;fill:#1d2330}",
      ".grid{stroke:#e3e6ec;stroke-width:1}.axis{stroke:#9aa2b1;stroke-width:1}",
      ".median{fill:none;stroke:#1f5fbf;stroke-width:1.6}.band-outer{fill:#1f5fbf;fill-opacity:.15;stroke:none}",
      ".band-inner{fill:#1f5fbf;fill-opacity:.3;stroke:none}.bar{fill:#1f5fbf;fill-opacity:.75}",
      ".mark{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:4 3}.drawdown{fill:#c0392b;fill-opacity:.35;stroke:#c0392b;stroke-width:.8}",
      ".price{fill:none;stroke:#5a6272;stroke-width:1}.level-buy{stroke:#1e8449;stroke-width:1}",
      ".level-sell{stroke:#c0392b;stroke-width:1}.level-avg{stroke:#1f5fbf;stroke-width:1.4;stroke-dasharray:5 3}",
      ".bench{fill:none;stroke:#8a91a0;stroke-width:1.2;stroke-dasharray:4 3}.bench.legend{fill:#8a91a0}",
      ".price.legend{fill:#5a6272}.level-buy.legend{fill:#1e8449}.level-sell.legend{fill:#c0392b}.level-avg.legend{fill:#1f5fbf}",
      ".zoom{font-size:13px;color:#5a6272}.cell-text{font-size:10px;fill:#1d2330}.best{fill:#c0392b}.buy{fill:#1e8449}.sell{fill:#c0392b}.legend{stroke:none}.median.legend{fill:#1f5fbf}",
      ".headline{display:flex;gap:16px;flex-wrap:wrap}.big{flex:1;min-width:160px;border:1px solid #e3e6ec;border-radius:6px;padding:12px}",
      ".big-value{font-size:30px;font-weight:600;font-variant-numeric:tabular-nums}.big-label{color:#5a6272;font-size:13px}",
      "div.assumptions{display:grid;grid-template-columns:1fr 1fr;gap:1px 16px;font-size:12px}",
      "div.assumptions .k{color:#5a6272}div.assumptions .v{overflow-wrap:anywhere}pre{font-size:12px;background:#f5f6f8;padding:8px;overflow:auto}",
      ".point{fill:#7f8c8d;fill-opacity:.45}.point-on{fill:#1f5fbf}",
      ".buy{fill:#1e8449}.sell{fill:#c0392b}.legend{stroke:none}.median.legend{fill:#1f5fbf}",
      "footer{margin-top:32px;color:#8a91a0;font-size:12px}");
}
