package dev.nanpin.sim.optimize;

import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.report.HtmlReport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The HTML report of a parameter sweep: the in-sample warning with the walk-forward command that
 * would test the winner out of sample, the assumptions, the best candidates, a heatmap when the
 * grid has two parameters, a sensitivity chart per parameter and the distribution of the figure.
 *
 * <p>A sweep ranks candidates on the very data it evaluates them on: the winner's figure is an
 * in-sample maximum, biased upwards by the search itself. The report says so above everything else.
 * Stateless; thread-safe.
 */
public final class SweepReport {
  private SweepReport() {}

  /**
   * The warning every sweep report and printout carries.
   *
   * @param metric the figure ranked by
   * @return one sentence
   */
  public static String inSampleWarning(String metric) {
    return "Ranked in sample: every " + metric + " here was measured on the data the candidates were chosen on, so "
        + "the best one flatters itself. Judge the winner out of sample (walk-forward) before trusting it.";
  }

  /**
   * Builds the report.
   *
   * @param title the title
   * @param subtitle the run in one line
   * @param ranked the results, best first ({@link Sweep#run})
   * @param metric the figure ranked by
   * @param minimize whether smaller was better
   * @param assumptions the sweep's assumptions
   * @param walkForwardCommand the command that would test the winner out of sample, or {@code null}
   * @return the report
   */
  public static HtmlReport html(String title, String subtitle, List<Sweep.Result> ranked, String metric,
      boolean minimize, Assumptions assumptions, String walkForwardCommand) {
    HtmlReport.Builder b = HtmlReport.builder(title).subtitle(subtitle);
    b.note(inSampleWarning(metric));
    if (walkForwardCommand != null) {
      b.note("Out-of-sample test of this sweep: " + walkForwardCommand);
    }
    if (!assumptions.entries().isEmpty()) {
      b.assumptions(assumptions.entries(), assumptions.toJson(""));
    }
    List<String> params = ranked.isEmpty() ? List.of() : new ArrayList<>(ranked.get(0).parameters().keySet());
    List<String> header = new ArrayList<>(List.of("rank"));
    header.addAll(params);
    header.add(metric + " (in sample)");
    List<List<String>> rows = new ArrayList<>();
    for (int k = 0; k < Math.min(50, ranked.size()); k++) {
      Sweep.Result r = ranked.get(k);
      List<String> row = new ArrayList<>(List.of(Integer.toString(k + 1)));
      params.forEach(p -> row.add(r.parameters().getOrDefault(p, "")));
      row.add(r.error() == null ? fmt(r.figure(metric)) : "failed: " + r.error());
      rows.add(row);
    }
    b.table("Best candidates, ranked in sample by " + metric + (minimize ? " (smaller is better)" : ""), header, rows);
    if (params.size() == 2) {
      List<String> xs = values(ranked, params.get(0));
      List<String> ys = values(ranked, params.get(1));
      double[][] grid = new double[ys.size()][xs.size()];
      for (double[] row : grid) {
        java.util.Arrays.fill(row, Double.NaN);
      }
      for (Sweep.Result r : ranked) {
        int xi = xs.indexOf(r.parameters().get(params.get(0)));
        int yi = ys.indexOf(r.parameters().get(params.get(1)));
        grid[yi][xi] = best(grid[yi][xi], r.figure(metric), minimize);
      }
      b.heatmap("heatmap", metric + " (in sample) by " + params.get(0) + " and " + params.get(1), params.get(0), xs,
          params.get(1), ys, grid, !minimize);
    }
    for (String p : params) {
      List<String> vs = values(ranked, p);
      double[] sum = new double[vs.size()];
      int[] count = new int[vs.size()];
      double[] top = new double[vs.size()];
      java.util.Arrays.fill(top, Double.NaN);
      for (Sweep.Result r : ranked) {
        double v = r.figure(metric);
        if (Double.isFinite(v)) {
          int i = vs.indexOf(r.parameters().get(p));
          sum[i] += v;
          count[i]++;
          top[i] = best(top[i], v, minimize);
        }
      }
      double[] mean = new double[vs.size()];
      for (int i = 0; i < mean.length; i++) {
        mean[i] = count[i] == 0 ? Double.NaN : sum[i] / count[i];
      }
      b.sensitivity("sensitivity-" + p, metric + " (in sample) by " + p + ": mean and best over the other parameters",
          p, vs, mean, top, metric);
    }
    double[] values = ranked.stream().mapToDouble(r -> r.figure(metric)).filter(Double::isFinite).toArray();
    b.axes(metric + " (in sample)", "candidates");
    b.histogram("metric", metric + " across candidates", values, 30, false, Double.NaN);
    return b.build();
  }

  /** A parameter's distinct values in first-seen order, sorted numerically when they all are numbers. */
  private static List<String> values(List<Sweep.Result> ranked, String param) {
    Map<String, Boolean> seen = new LinkedHashMap<>();
    ranked.forEach(r -> seen.putIfAbsent(r.parameters().get(param), true));
    List<String> out = new ArrayList<>(seen.keySet());
    if (out.stream().allMatch(SweepReport::isNumber)) {
      out.sort((a, c) -> Double.compare(Double.parseDouble(a), Double.parseDouble(c)));
    }
    return out;
  }

  private static boolean isNumber(String s) {
    try {
      return s != null && Double.isFinite(Double.parseDouble(s));
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static double best(double current, double v, boolean minimize) {
    if (!Double.isFinite(v) && v != Double.POSITIVE_INFINITY) {
      return current;
    }
    if (Double.isNaN(current)) {
      return v;
    }
    return minimize ? Math.min(current, v) : Math.max(current, v);
  }

  private static String fmt(double v) {
    return v == Double.POSITIVE_INFINITY ? "no loss" : Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }
}
