package dev.nanpin.sim.optimize;

import dev.nanpin.sim.run.CellTask;
import dev.nanpin.sim.run.Runner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Evaluates parameter candidates in parallel and ranks them by one figure.
 *
 * <p>Each candidate is evaluated independently (its own strategy, its own engine); results are
 * kept by candidate index and ranked with ties broken by that index, so the ranking is identical
 * for any thread count. A candidate that fails (e.g. a parameter its strategy refuses) is kept
 * with its error and ranked last, so one bad corner of a grid does not lose the others. The
 * candidates are the cells of a {@link CellTask} ({@link #task}), evaluated by a {@link Runner}
 * (worker threads of this process, or e.g. Spark) and ranked by {@link #rank}.
 */
public final class Sweep {
  private Sweep() {}

  /**
   * One evaluated candidate.
   *
   * @param index the candidate's position in the input list
   * @param parameters the candidate
   * @param figures the figures its evaluation produced (empty when it failed)
   * @param error why the evaluation failed, or {@code null}
   */
  public record Result(int index, Map<String, String> parameters, Map<String, Double> figures, String error)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Copies. */
    public Result {
      parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
      figures = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /**
     * @param metric a figure name
     * @return the figure, {@code NaN} when missing or failed
     */
    public double figure(String metric) {
      Double v = figures.get(metric);
      return v == null ? Double.NaN : v;
    }
  }

  /**
   * Evaluates and ranks.
   *
   * @param candidates the candidates
   * @param objective evaluates one candidate to its figures; called from worker threads, once per
   *     candidate, so it must not share mutable state between calls
   * @param metric the figure to rank by
   * @param minimize whether smaller is better (e.g. {@code maxDrawdown})
   * @param threads worker threads, {@code >= 1}
   * @return the results, best first; failed candidates and NaN figures last
   */
  public static List<Result> run(List<Map<String, String>> candidates,
      Function<Map<String, String>, Map<String, Double>> objective, String metric, boolean minimize, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    return run(candidates, objective, metric, minimize, Runner.local(threads));
  }

  /**
   * Evaluates on a runner and ranks; the ranking is the same on every runner.
   *
   * @param candidates the candidates
   * @param objective evaluates one candidate to its figures, once per candidate; it must not share
   *     mutable state between calls, and must be {@link java.io.Serializable} for a runner in
   *     another process (e.g. {@link BacktestObjective})
   * @param metric the figure to rank by
   * @param minimize whether smaller is better
   * @param runner where the candidates are evaluated (not closed here)
   * @return the results, best first; failed candidates and NaN figures last
   */
  public static List<Result> run(List<Map<String, String>> candidates,
      Function<Map<String, String>, Map<String, Double>> objective, String metric, boolean minimize, Runner runner) {
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(metric, "metric");
    List<Result> results = runner.run(task(candidates, objective), candidates.size(), done -> {});
    return rank(results, metric, minimize);
  }

  /**
   * The sweep as a task of one cell per candidate: cell {@code i} evaluates candidate {@code i}
   * and keeps a failure as the result's error.
   *
   * @param candidates the candidates
   * @param objective evaluates one candidate (see {@link #run(List, Function, String, boolean, Runner)})
   * @return the task
   */
  public static CellTask<Result> task(List<Map<String, String>> candidates,
      Function<Map<String, String>, Map<String, Double>> objective) {
    List<Map<String, String>> copy = new ArrayList<>(candidates.size());
    for (Map<String, String> c : candidates) {
      copy.add(new LinkedHashMap<>(c));
    }
    return new CandidateTask(copy, Objects.requireNonNull(objective, "objective"));
  }

  /**
   * Ranks results computed anywhere (e.g. merged from a cluster's parts) in the order of {@link
   * #run}.
   *
   * @param results the results
   * @param metric the figure to rank by
   * @param minimize whether smaller is better
   * @return a new list, best first
   */
  public static List<Result> rank(List<Result> results, String metric, boolean minimize) {
    List<Result> ranked = new ArrayList<>(results);
    ranked.sort(ranking(metric, minimize));
    return ranked;
  }

  private record CandidateTask(List<Map<String, String>> candidates,
      Function<Map<String, String>, Map<String, Double>> objective) implements CellTask<Result> {
    private static final long serialVersionUID = 1L;

    @Override
    public Worker<Result> worker() {
      return i -> {
        Map<String, String> c = candidates.get(i);
        try {
          return new Result(i, c, objective.apply(c), null);
        } catch (RuntimeException e) {
          return new Result(i, c, Map.of(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
      };
    }
  }

  /**
   * The order of {@link #run}: valid figures best first, then NaN or failed, ties by index.
   *
   * @param metric the figure
   * @param minimize whether smaller is better
   * @return the comparator
   */
  public static Comparator<Result> ranking(String metric, boolean minimize) {
    return (a, b) -> {
      double x = a.figure(metric);
      double y = b.figure(metric);
      boolean xBad = Double.isNaN(x);
      boolean yBad = Double.isNaN(y);
      if (xBad != yBad) {
        return xBad ? 1 : -1;
      }
      if (!xBad) {
        int c = minimize ? Double.compare(x, y) : Double.compare(y, x);
        if (c != 0) {
          return c;
        }
      }
      return Integer.compare(a.index(), b.index());
    };
  }

  /**
   * Writes ranked results as CSV: {@code rank}, the parameters, the figures (union of names in
   * first-seen order), {@code error}.
   *
   * @param ranked the ranked results
   * @return the CSV text
   */
  public static String toCsv(List<Result> ranked) {
    List<String> params = new ArrayList<>();
    List<String> figures = new ArrayList<>();
    for (Result r : ranked) {
      r.parameters().keySet().forEach(k -> {
        if (!params.contains(k)) {
          params.add(k);
        }
      });
      r.figures().keySet().forEach(k -> {
        if (!figures.contains(k)) {
          figures.add(k);
        }
      });
    }
    StringBuilder sb = new StringBuilder("rank");
    params.forEach(p -> sb.append(',').append(p));
    figures.forEach(f -> sb.append(',').append(f));
    sb.append(",error\n");
    int rank = 1;
    for (Result r : ranked) {
      sb.append(rank++);
      params.forEach(p -> sb.append(',').append(csv(r.parameters().getOrDefault(p, ""))));
      figures.forEach(f -> {
        double v = r.figure(f);
        sb.append(',').append(Double.isNaN(v) ? "" : Double.toString(v));
      });
      sb.append(',').append(r.error() == null ? "" : csv(r.error())).append('\n');
    }
    return sb.toString();
  }

  private static String csv(String s) {
    if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
      return "\"" + s.replace("\"", "\"\"") + "\"";
    }
    return s;
  }
}
