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
 * <p>This class is the public face; the drawing lives in one package-private class per concern:
 * the page frame and style sheet, the tables and notes, the assumptions block, the distribution
 * charts (fan, histogram, counts, scatter), the time charts (equity, price) and the grid charts
 * (heatmap, sensitivity), all on one SVG plotter.
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

  /**
   * A shaded span of bars on a {@link Builder#phaseChart phase chart}, e.g. a Wyckoff phase.
   *
   * @param fromIndex the first bar
   * @param toIndex the last bar (inclusive)
   * @param label a short label written at the span's top when it is wide enough, e.g. {@code acc. B}
   * @param kind the colour: {@code "up"} (green), {@code "down"} (red), anything else grey
   * @param hover the text shown on hover
   */
  public record Span(int fromIndex, int toIndex, String label, String kind, String hover) {
    /** Validates. */
    public Span {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(hover, "hover");
    }
  }

  /**
   * A labelled event on a {@link Builder#phaseChart phase chart}.
   *
   * @param index the bar
   * @param price where it is drawn
   * @param label a short label written beside the marker, e.g. {@code SPRING}
   * @param up a green marker pointing up (else red, pointing down)
   * @param hover the text shown on hover
   */
  public record Mark(int index, double price, String label, boolean up, String hover) {
    /** Validates. */
    public Mark {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(hover, "hover");
    }
  }

  /**
   * What a {@link Builder#phaseChart phase chart} shows over the price.
   *
   * @param title the chart title
   * @param note how to read it (what the spans and marks are, when each became known), shown under it
   * @param spans the shaded spans, in time order
   * @param marks the events, in time order
   */
  public record Phases(String title, String note, List<Span> spans, List<Mark> marks) {
    /** Validates and copies. */
    public Phases {
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(note, "note");
      spans = List.copyOf(spans);
      marks = List.copyOf(marks);
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
      sections.add(Tables.figures(heading, figures));
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
      sections.add(Tables.headline(figures));
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
      sections.add(AssumptionsBlock.render(entries, json));
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
      sections.add(Tables.table(heading, header, rows));
      return this;
    }

    /**
     * A paragraph of text.
     *
     * @param text the text
     * @return this builder
     */
    public Builder note(String text) {
      sections.add(Tables.note(text));
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
      String xt = xTitle(xIsTime ? "date" : "day");
      sections.add(DistributionCharts.fan(id, chartTitle, x, p5, p25, p50, p75, p95, xIsTime, xt, yTitle("equity")));
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
      String xt = xTitle("value");
      sections.add(DistributionCharts.histogram(id, chartTitle, values, bins, percent, mark, xt, yTitle("count")));
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
      sections.add(DistributionCharts.scatter(id, chartTitle, xs, ys, highlighted, labels, percent, legend));
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
      String xt = xTitle("category");
      sections.add(DistributionCharts.counts(id, chartTitle, counts, firstCategory, xt, yTitle("count")));
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
      String xt = xTitle("date");
      String yt = yTitle("price");
      sections.add(n < 2 ? Tables.note(chartTitle + ": not enough bars to draw.")
          : TimeCharts.price(id, chartTitle, time, close, n, segments, fillBars, fillPrices, fillIsBuy, xt, yt));
      return this;
    }

    /**
     * A phase chart: the closes over shaded spans of bars (market phases) with labelled event
     * markers and a note on how to read them (drawn by {@code PhaseChart}); e.g. the Wyckoff
     * phases and events of a backtest. At most 600 marks are drawn, evenly thinned.
     *
     * @param id a stable id of the chart
     * @param time the bars' open times in epoch milliseconds
     * @param close the closes
     * @param n the number of bars
     * @param phases the spans, marks, title and note
     * @return this builder
     */
    public Builder phaseChart(String id, long[] time, double[] close, int n, Phases phases) {
      String xt = xTitle("date");
      String yt = yTitle("price");
      sections.add(n < 2 ? Tables.note(phases.title() + ": not enough bars to draw.")
          : PhaseChart.html(id, time, close, n, phases, xt, yt));
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
      sections.add(GridCharts.heatmap(id, chartTitle, xName, xValues, yName, yValues, values, higherIsBetter));
      return this;
    }

    /**
     * A heatmap on a fixed colour scale, so that a colour means the same value in every report
     * (e.g. a correlation matrix on -1..1, where a scale fitted to the values would paint a
     * correlation of 0.8 green when it is the lowest of the matrix). Values outside the scale take
     * its end colours; missing ones ({@code NaN}) are grey.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param xName the parameter along x
     * @param xValues its values, left to right
     * @param yName the parameter along y
     * @param yValues its values, top to bottom
     * @param values {@code values[y][x]}
     * @param higherIsBetter whether larger values are coloured green
     * @param lo the value of one end of the scale
     * @param hi the value of the other end, {@code > lo}
     * @return this builder
     * @throws IllegalArgumentException if {@code lo >= hi} or either is not finite
     */
    public Builder heatmap(String id, String chartTitle, String xName, List<String> xValues, String yName,
        List<String> yValues, double[][] values, boolean higherIsBetter, double lo, double hi) {
      if (!(lo < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
        throw new IllegalArgumentException("a heatmap scale needs finite lo < hi: " + lo + ", " + hi);
      }
      sections.add(GridCharts.heatmap(id, chartTitle, xName, xValues, yName, yValues, values, higherIsBetter, lo, hi));
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
      sections.add(GridCharts.sensitivity(id, chartTitle, xName, labels, mean, best, yName));
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
      String yt = yTitle("equity (quote)");
      xTitle(null); // the x axis is always dates
      sections.add(n < 2 ? Tables.note(chartTitle + ": not enough bars to draw.")
          : TimeCharts.equity(id, chartTitle, time, equity, n, fillBars, fillIsBuy, fillCount, benchmark, benchmarkName,
              yt));
      return this;
    }

    /**
     * Several series over the same times, one coloured line each with its name in the legend
     * (e.g. each symbol's P&amp;L in a portfolio); six colours, repeated beyond six series.
     *
     * @param id a stable id of the chart
     * @param chartTitle the chart title
     * @param time the times in epoch milliseconds, increasing
     * @param n the number of points of each series
     * @param names each series' legend entry
     * @param series the series, each at least {@code n} finite values
     * @param percent whether the y axis is labelled in percent
     * @return this builder
     * @throws IllegalArgumentException if the names and series differ in number
     */
    public Builder lines(String id, String chartTitle, long[] time, int n, List<String> names, List<double[]> series,
        boolean percent) {
      if (names.size() != series.size()) {
        throw new IllegalArgumentException("%d names for %d series".formatted(names.size(), series.size()));
      }
      String yt = yTitle(percent ? "share" : "quote");
      xTitle(null); // the x axis is always dates
      sections.add(n < 2 || series.isEmpty() ? Tables.note(chartTitle + ": not enough points to draw.")
          : TimeCharts.lines(id, chartTitle, time, n, names, series, percent, yt));
      return this;
    }

    /** @return the report */
    public HtmlReport build() {
      return new HtmlReport(PageFrame.document(title, subtitle, sections));
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
}
