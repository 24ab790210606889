package dev.nanpin.sim.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A self-contained HTML report: one file with inline CSS and inline SVG charts, no script and
 * no network access needed to view it.
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

  /** Assembles a report. */
  public static final class Builder {
    private final String title;
    private final List<String> sections = new ArrayList<>();
    private String subtitle;

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
          lo, hi, Svg.Format.NUMBER, Svg.HEIGHT);
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
          int b = Math.min(bins - 1, (int) ((v - lo) / width));
          maxCount = Math.max(maxCount, ++counts[b]);
        }
      }
      double xLo = Double.isNaN(mark) ? lo : Math.min(lo, mark);
      double xHi = Double.isNaN(mark) ? hi : Math.max(hi, mark);
      Svg.Chart c = new Svg.Chart(id, chartTitle, xLo, xHi, percent ? Svg.Format.PERCENT : Svg.Format.NUMBER,
          0, maxCount, Svg.Format.COUNT, Svg.HEIGHT);
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
          Svg.Format.COUNT, 0, max, Svg.Format.COUNT, Svg.HEIGHT);
      c.bars(lefts, 1.0, counts, "bar");
      sections.add("<section>" + c.done() + "</section>");
      return this;
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
      Svg.Chart eq = new Svg.Chart(id, chartTitle, x[0], x[n - 1], Svg.Format.DATE, min(equity, n), max(equity, n),
          Svg.Format.NUMBER, Svg.HEIGHT);
      eq.line(x, equity, n, "median");
      // at most ~400 markers: more would hide the curve; the fills CSV has them all
      int step = Math.max(1, fillCount / 400);
      for (int k = 0; k < fillCount; k += step) {
        int i = Math.min(Math.max(fillBars[k], 0), n - 1);
        eq.marker(x[i], equity[i], fillIsBuy[k], fillIsBuy[k] ? "buy" : "sell");
      }
      if (fillCount > 0) {
        eq.legend("buy", "buy", "sell", "sell");
      }
      double minDd = Math.min(min(dd, n), -0.0001);
      Svg.Chart ddc = new Svg.Chart(id + "-drawdown", "Drawdown", x[0], x[n - 1], Svg.Format.DATE, minDd, 0,
          Svg.Format.PERCENT, 180);
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

  private static final String CSS = String.join("",
      "body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:24px auto;max-width:800px;color:#1d2330;background:#fff}",
      "h1{font-size:22px;margin:0 0 4px}h2{font-size:16px;margin:24px 0 8px}",
      ".subtitle{color:#5a6272;margin:0 0 16px}.note{color:#5a6272}",
      "table.figures{border-collapse:collapse}table.figures th{text-align:left;font-weight:normal;color:#5a6272;padding:3px 16px 3px 0}",
      "table.figures td{font-variant-numeric:tabular-nums;padding:3px 0;text-align:right}",
      "table.grid{border-collapse:collapse;font-size:13px}table.grid th,table.grid td{border-bottom:1px solid #e3e6ec;padding:4px 8px;text-align:right}",
      "svg.chart{display:block;margin:8px 0;background:#fbfcfe;border:1px solid #e3e6ec;border-radius:4px}",
      ".title{font-size:14px;font-weight:600;fill:#1d2330}.tick{font-size:11px;fill:#5a6272}",
      ".grid{stroke:#e3e6ec;stroke-width:1}.axis{stroke:#9aa2b1;stroke-width:1}",
      ".median{fill:none;stroke:#1f5fbf;stroke-width:1.6}.band-outer{fill:#1f5fbf;fill-opacity:.15;stroke:none}",
      ".band-inner{fill:#1f5fbf;fill-opacity:.3;stroke:none}.bar{fill:#1f5fbf;fill-opacity:.75}",
      ".mark{stroke:#c0392b;stroke-width:1.5;stroke-dasharray:4 3}.drawdown{fill:#c0392b;fill-opacity:.35;stroke:#c0392b;stroke-width:.8}",
      ".point{fill:#7f8c8d;fill-opacity:.45}.point-on{fill:#1f5fbf}",
      ".buy{fill:#1e8449}.sell{fill:#c0392b}.legend{stroke:none}.median.legend{fill:#1f5fbf}",
      "footer{margin-top:32px;color:#8a91a0;font-size:12px}");
}
