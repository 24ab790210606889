package dev.nanpin.sim.optimize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Evaluates parameter candidates in parallel and ranks them by one figure.
 *
 * <p>Each candidate is evaluated independently (its own strategy, its own engine); results are
 * kept by candidate index and ranked with ties broken by that index, so the ranking is identical
 * for any thread count. A candidate that fails (e.g. a parameter its strategy refuses) is kept
 * with its error and ranked last, so one bad corner of a grid does not lose the others.
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
  public record Result(int index, Map<String, String> parameters, Map<String, Double> figures, String error) {
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
    Objects.requireNonNull(objective, "objective");
    Objects.requireNonNull(metric, "metric");
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    Result[] results = new Result[candidates.size()];
    AtomicInteger next = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "nanpin-sweep");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          for (int i = next.getAndIncrement(); i < results.length; i = next.getAndIncrement()) {
            Map<String, String> c = candidates.get(i);
            try {
              results[i] = new Result(i, c, objective.apply(c), null);
            } catch (RuntimeException e) {
              results[i] = new Result(i, c, Map.of(), e.getMessage() == null ? e.toString() : e.getMessage());
            }
          }
        }));
      }
      for (Future<?> f : workers) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("sweep interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("sweep worker failed: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
    List<Result> ranked = new ArrayList<>(List.of(results));
    ranked.sort(ranking(metric, minimize));
    return ranked;
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
