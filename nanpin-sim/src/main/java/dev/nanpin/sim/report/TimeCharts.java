package dev.nanpin.sim.report;

import java.util.List;

/**
 * The charts of one run over time: the equity curve with its drawdown underneath, the price chart
 * with the order levels, the average entry and the fills, zoomable to a date range, and several
 * series as coloured lines (e.g. each symbol of a portfolio). Each
 * answers its section's HTML, or a note when there is nothing to draw.
 *
 * <p>Stateless; thread-safe.
 */
final class TimeCharts {
  private TimeCharts() {}

  /** An equity curve, an optional benchmark line, fills marked, and the drawdown underneath. */
  static String equity(String id, String chartTitle, long[] time, double[] equity, int n, int[] fillBars,
      boolean[] fillIsBuy, int fillCount, double[] benchmark, String benchmarkName, String yTitle) {
    double[] x = new double[n];
    double[] dd = new double[n];
    double peak = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x[i] = time[i];
      peak = Math.max(peak, equity[i]);
      dd[i] = peak > 0 ? -(peak - equity[i]) / peak : 0;
    }
    double lo = Svg.min(equity, n);
    double hi = Svg.max(equity, n);
    if (benchmark != null) {
      lo = Math.min(lo, Svg.min(benchmark, n));
      hi = Math.max(hi, Svg.max(benchmark, n));
    }
    Svg.Chart eq = new Svg.Chart(id, chartTitle, x[0], x[n - 1], Svg.Format.DATE, lo, hi,
        Svg.Format.NUMBER, Svg.HEIGHT, "date", yTitle);
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
    double minDd = Math.min(Svg.min(dd, n), -0.0001);
    Svg.Chart ddc = new Svg.Chart(id + "-drawdown", "Drawdown", x[0], x[n - 1], Svg.Format.DATE, minDd, 0,
        Svg.Format.PERCENT, 180, "date", "below peak");
    double[] zero = new double[n];
    ddc.band(x, dd, zero, n, "drawdown");
    return "<section>" + eq.done() + ddc.done() + "</section>";
  }

  /** The series' line colours, in order; a chart with more series than colours repeats them. */
  static final int SERIES_COLOURS = 6;

  /** Several series over time, one coloured line each ({@code s0}, {@code s1}, ...), with a legend. */
  static String lines(String id, String chartTitle, long[] time, int n, List<String> names, List<double[]> series,
      boolean percent, String yTitle) {
    double[] x = new double[n];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x[i] = time[i];
    }
    for (double[] s : series) {
      lo = Math.min(lo, Svg.min(s, n));
      hi = Math.max(hi, Svg.max(s, n));
    }
    Svg.Chart c = new Svg.Chart(id, chartTitle, x[0], x[n - 1], Svg.Format.DATE, lo, hi,
        percent ? Svg.Format.PERCENT : Svg.Format.NUMBER, Svg.HEIGHT, "date", yTitle);
    String[] legend = new String[2 * series.size()];
    for (int k = 0; k < series.size(); k++) {
      String cls = "s" + (k % SERIES_COLOURS);
      c.line(x, series.get(k), n, "series " + cls);
      legend[2 * k] = cls;
      legend[2 * k + 1] = names.get(k);
    }
    c.legend(legend);
    return "<section>" + c.done() + "</section>";
  }

  /** The closes, the order levels and the average entry as segments, the fills, and the date-range zoom. */
  static String price(String id, String chartTitle, long[] time, double[] close, int n,
      List<HtmlReport.Segment> segments, int[] fillBars, double[] fillPrices, boolean[] fillIsBuy, String xTitle,
      String yTitle) {
    double[] x = new double[n];
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      x[i] = time[i];
      lo = Math.min(lo, close[i]);
      hi = Math.max(hi, close[i]);
    }
    for (HtmlReport.Segment sg : segments) {
      lo = Math.min(lo, sg.price());
      hi = Math.max(hi, sg.price());
    }
    for (double p : fillPrices) {
      lo = Math.min(lo, p);
      hi = Math.max(hi, p);
    }
    Svg.Chart c = new Svg.Chart(id, chartTitle, x[0], x[n - 1], Svg.Format.DATE, lo, hi, Svg.Format.NUMBER,
        Svg.HEIGHT + 60, xTitle, yTitle);
    c.line(x, close, n, "price");
    // at most ~1500 segments and ~400 fills: more would hide the price; the CSV files have them all
    int step = Math.max(1, segments.size() / 1500);
    for (int k = 0; k < segments.size(); k += step) {
      HtmlReport.Segment sg = segments.get(k);
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
    return "<section><div class=\"zoom\">Zoom: <input type=\"date\" id=\"" + Svg.esc(id) + "-from\" value=\""
        + day0 + "\"> to <input type=\"date\" id=\"" + Svg.esc(id) + "-to\" value=\"" + day1 + "\"></div>" + svg
        + "<script>" + ZOOM.replace("ID", id) + "</script></section>";
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
}
