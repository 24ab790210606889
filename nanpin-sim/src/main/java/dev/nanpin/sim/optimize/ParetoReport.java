package dev.nanpin.sim.optimize;

import dev.nanpin.sim.report.HtmlReport;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The table (CSV) and the self-contained HTML scatter of a {@link ParetoOptimizer} search: every
 * front point with its parameters, its figures and a command that tests it out of sample.
 * Stateless; the output depends only on the input.
 */
public final class ParetoReport {
  private ParetoReport() {}

  /**
   * The front as CSV: {@code point}, the parameters, the goals' figures, {@code command}.
   *
   * @param r the search
   * @param command the out-of-sample command of a front point (e.g. a walk-forward run)
   * @return the CSV text
   */
  public static String csv(ParetoOptimizer.Result r, Function<Sweep.Result, String> command) {
    List<String> params = r.front().isEmpty() ? List.of() : new ArrayList<>(r.front().get(0).parameters().keySet());
    StringBuilder sb = new StringBuilder("point");
    params.forEach(p -> sb.append(',').append(p));
    r.goals().forEach(g -> sb.append(',').append(g.metric()));
    sb.append(",command\n");
    int k = 1;
    for (Sweep.Result p : r.front()) {
      sb.append(k++);
      params.forEach(name -> sb.append(',').append(p.parameters().get(name)));
      r.goals().forEach(g -> sb.append(',').append(p.figure(g.metric())));
      sb.append(",\"").append(command.apply(p).replace("\"", "\"\"")).append("\"\n");
    }
    return sb.toString();
  }

  /**
   * The HTML report: the scatter of every evaluation in the first two goals with the front
   * highlighted, and the front as a table with each point's command.
   *
   * @param title the report title
   * @param subtitle the assumptions (strategy, simulation, paths, seeds, budget)
   * @param r the search
   * @param percent whether the first two goals are fractions to show in percent
   * @param command the out-of-sample command of a front point
   * @return the report
   */
  public static HtmlReport html(String title, String subtitle, ParetoOptimizer.Result r, boolean percent,
      Function<Sweep.Result, String> command) {
    ParetoOptimizer.Goal gx = r.goals().get(0);
    ParetoOptimizer.Goal gy = r.goals().get(1);
    Set<Integer> onFront = new HashSet<>();
    r.front().forEach(p -> onFront.add(p.index()));
    int n = r.evaluated().size();
    double[] xs = new double[n];
    double[] ys = new double[n];
    boolean[] front = new boolean[n];
    String[] labels = new String[n];
    for (int i = 0; i < n; i++) {
      Sweep.Result e = r.evaluated().get(i);
      xs[i] = e.figure(gx.metric());
      ys[i] = e.figure(gy.metric());
      front[i] = onFront.contains(e.index());
      labels[i] = e.parameters() + (e.error() == null ? "" : " failed: " + e.error());
    }
    List<String> header = new ArrayList<>(List.of("point", "parameters"));
    r.goals().forEach(g -> header.add(g.toString()));
    header.add("out-of-sample test");
    List<List<String>> rows = new ArrayList<>();
    int k = 1;
    for (Sweep.Result p : r.front()) {
      List<String> row = new ArrayList<>(List.of(Integer.toString(k++), p.parameters().toString()));
      r.goals().forEach(g -> row.add(String.format(Locale.ROOT, "%.4f", p.figure(g.metric()))));
      row.add(command.apply(p));
      rows.add(row);
    }
    long failed = r.evaluated().stream().filter(e -> e.error() != null).count();
    return HtmlReport.builder(title).subtitle(subtitle)
        .figures("Search", List.of(
            new HtmlReport.Figure("Evaluations", Integer.toString(n), "candidates evaluated, each once"),
            new HtmlReport.Figure("Generations", Integer.toString(r.generations()), "bred after the first population"),
            new HtmlReport.Figure("Front", Integer.toString(r.front().size()), "non-dominated candidates"),
            new HtmlReport.Figure("Failed", Long.toString(failed), "candidates whose evaluation failed")))
        .scatter("pareto", gx + " (x) against " + gy + " (y)", xs, ys, front, labels, percent, "evaluated", "front")
        .table("Pareto front", header, rows)
        .note("Figures are in-sample for the simulated paths; test a point out of sample before trusting it.")
        .build();
  }
}
