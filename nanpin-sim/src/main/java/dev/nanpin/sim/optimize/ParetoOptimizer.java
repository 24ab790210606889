package dev.nanpin.sim.optimize;

import dev.nanpin.sim.run.Runner;
import io.jenetics.DoubleChromosome;
import io.jenetics.DoubleGene;
import io.jenetics.Genotype;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.TournamentSelector;
import io.jenetics.engine.Engine;
import io.jenetics.engine.Evaluator;
import io.jenetics.ext.SimulatedBinaryCrossover;
import io.jenetics.ext.moea.NSGA2Selector;
import io.jenetics.ext.moea.Vec;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import io.jenetics.util.Seq;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Multi-objective search of a {@link ParameterSpace} with NSGA-II (Deb et al. 2002) on Jenetics:
 * e.g. maximise the median annual return of a Monte Carlo run while minimising its 95th-percentile
 * drawdown, where a grid would need far more evaluations for a ladder with many parameters.
 *
 * <h2>How</h2>
 * A candidate is a point of {@code [0, 1)^n} decoded by {@link ParameterSpace#at}. Each generation,
 * offspring are chosen by binary tournament on Pareto dominance, bred by simulated binary
 * crossover and mutation ({@code 1 / n} per gene), and the next population is kept by
 * non-dominated rank and crowding distance ({@link NSGA2Selector}). All new candidates of a
 * generation are evaluated in one batch on a {@link Runner} (local threads or Spark), one cell per
 * candidate; a candidate seen before is not evaluated again. The search stops before a
 * generation would exceed the evaluation budget. The returned front is the non-dominated set of
 * <em>every</em> candidate evaluated, not only of the last population.
 *
 * <h2>Determinism</h2>
 * Every random draw of the search comes from one generator seeded by {@link Builder#seed} on the
 * calling thread (Jenetics runs with a same-thread executor), and evaluations are merged in
 * candidate order; so the front is the same for a seed on every runner, as long as the objective
 * is deterministic (a Monte Carlo objective derives its paths from its own seed).
 *
 * <p>Failed evaluations and NaN figures rank worst in every goal and are never on the front.
 * Not thread-safe; {@link #run()} may be called again and gives the same result.
 */
public final class ParetoOptimizer {
  private final ParameterSpace space;
  private final Function<Map<String, String>, Map<String, Double>> objective;
  private final List<Goal> goals;
  private final int population;
  private final int evaluations;
  private final long seed;
  private final Runner runner;

  private ParetoOptimizer(Builder b) {
    this.space = b.space;
    this.objective = b.objective;
    this.goals = b.goals;
    this.population = b.population;
    this.evaluations = b.evaluations;
    this.seed = b.seed;
    this.runner = b.runner;
  }

  /**
   * One objective: a figure of the evaluation and its direction.
   *
   * @param metric the figure's name, e.g. {@code medianAnnualReturn}
   * @param minimize whether smaller is better
   */
  public record Goal(String metric, boolean minimize) {
    /** Validates. */
    public Goal {
      Objects.requireNonNull(metric, "metric");
    }

    /**
     * @param text {@code metric:max} or {@code metric:min}
     * @return the goal
     * @throws IllegalArgumentException naming the text when it is neither
     */
    public static Goal parse(String text) {
      int colon = text.lastIndexOf(':');
      String dir = colon < 0 ? "" : text.substring(colon + 1).trim();
      if (colon <= 0 || !(dir.equals("max") || dir.equals("min"))) {
        throw new IllegalArgumentException("a goal is METRIC:max or METRIC:min, not '" + text + "'");
      }
      return new Goal(text.substring(0, colon).trim(), dir.equals("min"));
    }

    /**
     * @param r an evaluated candidate
     * @return its figure oriented so that larger is better, {@code -infinity} when missing or failed
     */
    public double oriented(Sweep.Result r) {
      double v = r.figure(metric);
      if (r.error() != null || Double.isNaN(v)) {
        return Double.NEGATIVE_INFINITY;
      }
      return minimize ? -v : v;
    }

    @Override
    public String toString() {
      return metric + (minimize ? ":min" : ":max");
    }
  }

  /**
   * What a search found.
   *
   * @param evaluated every candidate evaluated, in evaluation order ({@link Sweep.Result#index()})
   * @param front the non-dominated candidates, best first in the first goal
   * @param goals the goals
   * @param generations the generations bred after the first population
   */
  public record Result(List<Sweep.Result> evaluated, List<Sweep.Result> front, List<Goal> goals, int generations) {
    /** Copies. */
    public Result {
      evaluated = List.copyOf(evaluated);
      front = List.copyOf(front);
      goals = List.copyOf(goals);
    }
  }

  /**
   * @param space the parameters to search (ranges and lists)
   * @param objective evaluates one candidate to its figures (see {@link Sweep#task}); serialisable
   *     for a runner in another process ({@link BacktestObjective}, {@link MonteCarloObjective})
   * @param goals two or more goals
   * @return a builder: population 24, budget 240 evaluations, seed 42, local threads
   */
  public static Builder builder(ParameterSpace space, Function<Map<String, String>, Map<String, Double>> objective,
      List<Goal> goals) {
    return new Builder(space, objective, goals);
  }

  /**
   * Searches.
   *
   * @return the front and every evaluation
   */
  public Result run() {
    int dims = space.dimensions().size();
    Map<Map<String, String>, Sweep.Result> seen = new LinkedHashMap<>();
    Evaluator<DoubleGene, Vec<double[]>> evaluator = pop -> evaluate(pop, seen);
    int offspring = (int) Math.round(population * 0.6); // Jenetics' default offspring fraction
    int[] generations = {0};
    RandomRegistry.using(new SplittableRandom(seed), random -> {
      Engine<DoubleGene, Vec<double[]>> engine = new Engine.Builder<>(evaluator,
              Genotype.of(DoubleChromosome.of(0, 1, dims)))
          .populationSize(population)
          .offspringSize(offspring)
          .offspringSelector(new TournamentSelector<>(2))
          .survivorsSelector(NSGA2Selector.ofVec())
          .alterers(new SimulatedBinaryCrossover<>(0.9), new Mutator<>(1.0 / dims))
          .maximalPhenotypeAge(Integer.MAX_VALUE)
          .executor(Runnable::run)
          .build();
      engine.stream()
          .limit(r -> seen.size() + offspring <= evaluations)
          .forEach(r -> generations[0]++);
    });
    List<Sweep.Result> all = new ArrayList<>(seen.values());
    // the stream's first element is the evaluated initial population, not a bred generation
    return new Result(all, front(all, goals), goals, Math.max(0, generations[0] - 1));
  }

  private ISeq<Phenotype<DoubleGene, Vec<double[]>>> evaluate(Seq<Phenotype<DoubleGene, Vec<double[]>>> pop,
      Map<Map<String, String>, Sweep.Result> seen) {
    List<Map<String, String>> todo = new ArrayList<>();
    for (Phenotype<DoubleGene, Vec<double[]>> p : pop) {
      if (!p.isEvaluated()) {
        Map<String, String> c = decode(p.genotype());
        if (!seen.containsKey(c) && !todo.contains(c)) {
          todo.add(c);
        }
      }
    }
    List<Sweep.Result> done = runner.run(Sweep.task(todo, objective), todo.size(), n -> {});
    for (Sweep.Result r : done) {
      seen.put(todo.get(r.index()), new Sweep.Result(seen.size(), r.parameters(), r.figures(), r.error()));
    }
    return pop.map(p -> p.isEvaluated() ? p : p.withFitness(fitness(seen.get(decode(p.genotype())))))
        .asISeq();
  }

  private Map<String, String> decode(Genotype<DoubleGene> g) {
    double[] u = new double[space.dimensions().size()];
    for (int k = 0; k < u.length; k++) {
      u[k] = g.get(0).get(k).doubleValue();
    }
    return space.at(u);
  }

  private Vec<double[]> fitness(Sweep.Result r) {
    double[] v = new double[goals.size()];
    for (int k = 0; k < v.length; k++) {
      // a finite worst value: the crowding distance of infinite values is NaN
      v[k] = Math.max(-Double.MAX_VALUE, goals.get(k).oriented(r));
    }
    return Vec.of(v);
  }

  /**
   * The non-dominated results: no other result is at least as good in every goal and better in
   * one. Failed results and NaN figures are never on the front.
   *
   * @param results evaluated candidates (of a search, a grid, anything)
   * @param goals the goals
   * @return the front, best first in the first goal, ties by index
   */
  public static List<Sweep.Result> front(List<Sweep.Result> results, List<Goal> goals) {
    List<Sweep.Result> front = new ArrayList<>();
    for (Sweep.Result a : results) {
      if (goals.stream().anyMatch(g -> g.oriented(a) == Double.NEGATIVE_INFINITY)) {
        continue;
      }
      boolean dominated = false;
      for (Sweep.Result b : results) {
        if (b != a && dominates(b, a, goals)) {
          dominated = true;
          break;
        }
      }
      if (!dominated) {
        front.add(a);
      }
    }
    front.sort(Sweep.ranking(goals.get(0).metric(), goals.get(0).minimize()));
    return front;
  }

  /**
   * @param a a result
   * @param b another
   * @param goals the goals
   * @return whether {@code a} is at least as good as {@code b} in every goal and better in one
   */
  public static boolean dominates(Sweep.Result a, Sweep.Result b, List<Goal> goals) {
    boolean better = false;
    for (Goal g : goals) {
      double x = g.oriented(a);
      double y = g.oriented(b);
      if (x < y) {
        return false;
      }
      better |= x > y;
    }
    return better;
  }

  /**
   * The area (two goals) that a front dominates above a reference point: larger is better, and
   * comparing two fronts on the same reference says which covers more of the trade-off.
   *
   * @param front a front (dominated points are harmless)
   * @param goals exactly two goals
   * @param reference the reference point in the goals' own units and directions (e.g. the worst
   *     return and the worst drawdown of everything compared)
   * @return the hypervolume, {@code >= 0}
   */
  public static double hypervolume(List<Sweep.Result> front, List<Goal> goals, double[] reference) {
    if (goals.size() != 2 || reference.length != 2) {
      throw new IllegalArgumentException("the hypervolume is computed for two goals");
    }
    double rx = goals.get(0).minimize() ? -reference[0] : reference[0];
    double ry = goals.get(1).minimize() ? -reference[1] : reference[1];
    List<double[]> pts = new ArrayList<>();
    for (Sweep.Result r : front) {
      double x = goals.get(0).oriented(r);
      double y = goals.get(1).oriented(r);
      if (x > rx && y > ry) {
        pts.add(new double[] {x, y});
      }
    }
    pts.sort((p, q) -> Double.compare(q[0], p[0])); // best first in goal 0
    double area = 0;
    double top = ry;
    for (double[] p : pts) {
      if (p[1] > top) {
        area += (p[0] - rx) * (p[1] - top);
        top = p[1];
      }
    }
    return area;
  }

  /** Configures a search. */
  public static final class Builder {
    private final ParameterSpace space;
    private final Function<Map<String, String>, Map<String, Double>> objective;
    private final List<Goal> goals;
    private int population = 24;
    private int evaluations = 240;
    private long seed = 42;
    private Runner runner;

    private Builder(ParameterSpace space, Function<Map<String, String>, Map<String, Double>> objective,
        List<Goal> goals) {
      this.space = Objects.requireNonNull(space, "space");
      this.objective = Objects.requireNonNull(objective, "objective");
      this.goals = List.copyOf(goals);
      if (this.goals.size() < 2) {
        throw new IllegalArgumentException("a Pareto search needs at least two goals, got " + this.goals);
      }
      if (space.dimensions().isEmpty()) {
        throw new IllegalArgumentException("nothing to search: no parameters");
      }
    }

    /**
     * @param n candidates per generation, {@code >= 4}
     * @return this builder
     */
    public Builder population(int n) {
      if (n < 4) {
        throw new IllegalArgumentException("population must be >= 4: " + n);
      }
      this.population = n;
      return this;
    }

    /**
     * @param n the most candidates evaluated, {@code >= population}
     * @return this builder
     */
    public Builder evaluations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("evaluations must be >= 1: " + n);
      }
      this.evaluations = n;
      return this;
    }

    /**
     * @param seed the seed of the search (not of the objective)
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /**
     * @param runner where each generation's candidates are evaluated (not closed here)
     * @return this builder
     */
    public Builder runner(Runner runner) {
      this.runner = Objects.requireNonNull(runner, "runner");
      return this;
    }

    /** @return the search */
    public ParetoOptimizer build() {
      if (evaluations < population) {
        throw new IllegalArgumentException("evaluations (" + evaluations + ") must be >= population (" + population + ")");
      }
      if (runner == null) {
        runner = Runner.local();
      }
      return new ParetoOptimizer(this);
    }
  }
}
