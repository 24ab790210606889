package dev.nanpin.sim.montecarlo;

import dev.nanpin.sim.run.CellTask;
import dev.nanpin.sim.run.Runner;
import java.io.Serializable;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Runs many synthetic paths in parallel, each through its own evaluator (its own engine), and
 * merges the per-path summaries in path order.
 *
 * <h2>Determinism</h2>
 * Path {@code p}'s bars depend only on the generator and {@code p}; each worker writes only to
 * the result slots of the paths it ran; the statistics are computed after the run from the slots
 * in path order. So the result, and every report written from it, is identical for any number of
 * threads and across runs.
 *
 * <h2>Memory</h2>
 * A run keeps one {@link PathSummary} per path and the equity curves of a bounded sample (the
 * first {@code curvePaths} paths, {@code curvePoints} points each) for the fan chart, never the
 * paths themselves: each worker reuses one {@link PathBuffer}.
 *
 * <h2>Where</h2>
 * The paths are the cells of a {@link CellTask} ({@link #task()}) computed by a {@link Runner}:
 * worker threads of this process by default, or e.g. Spark; {@link #merge} makes the result from
 * the outcomes in path order, so it is the same on every runner.
 *
 * <h2>Failures</h2>
 * A path that throws stops the run: the other workers stop taking paths and the exception is
 * rethrown from {@link #run()}, wrapped with the path index.
 */
public final class MonteCarlo {
  private final PathGenerator generator;
  private final Supplier<? extends PathEvaluator> evaluators;
  private final int paths;
  private final int bars;
  private final int curvePaths;
  private final int curvePoints;
  private final double initialEquity;
  private final ProgressListener progress;
  private final LongSupplier nanoTime;
  private final Runner runner;

  private MonteCarlo(Builder b) {
    this.generator = b.generator;
    this.evaluators = b.evaluators;
    this.paths = b.paths;
    this.bars = b.bars;
    this.curvePaths = Math.min(b.curvePaths, b.paths);
    this.curvePoints = Math.min(b.curvePoints, b.bars);
    this.initialEquity = b.initialEquity;
    this.progress = b.progress;
    this.nanoTime = b.nanoTime;
    this.runner = b.runner != null ? b.runner : Runner.local(b.threads);
  }

  /**
   * @param generator makes the paths
   * @param evaluators makes one evaluator per worker thread
   * @return a builder with 4000 paths of 8760 bars on all cores
   */
  public static Builder builder(PathGenerator generator, Supplier<? extends PathEvaluator> evaluators) {
    return new Builder(generator, evaluators);
  }

  /**
   * Runs every path and summarises the run.
   *
   * @return the result
   * @throws IllegalStateException wrapping the first failure of a path, naming it
   */
  public MonteCarloResult run() {
    long start = nanoTime.getAsLong();
    List<PathOutcome> outcomes = runner.run(task(), paths,
        done -> progress.onProgress(done, paths, Duration.ofNanos(nanoTime.getAsLong() - start)));
    Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
    progress.onProgress(paths, paths, elapsed);
    return merge(outcomes, elapsed, runner.parallelism());
  }

  /**
   * The run as a task of one cell per path, for a runner that is not this run's own (e.g. to
   * batch the paths of many runs into one job); {@link #merge} turns its results into the
   * result {@link #run()} would have given.
   *
   * @return the task: cell {@code p} generates path {@code p} and evaluates it
   */
  public CellTask<PathOutcome> task() {
    return new PathTask(generator, evaluators, bars, curvePaths, curvePoints);
  }

  /**
   * Merges per-path outcomes, computed anywhere, into this run's result.
   *
   * @param outcomes the outcome of every path, in path order
   * @param elapsed how long the run took (reported apart from the figures)
   * @param parallelism how many paths ran at once (reported apart from the figures)
   * @return the result
   * @throws IllegalArgumentException if there is not one outcome per path
   */
  public MonteCarloResult merge(List<PathOutcome> outcomes, Duration elapsed, int parallelism) {
    if (outcomes.size() != paths) {
      throw new IllegalArgumentException("expected " + paths + " path outcomes, got " + outcomes.size());
    }
    PathSummary[] summaries = new PathSummary[paths];
    double[][] curves = new double[curvePaths][];
    for (int p = 0; p < paths; p++) {
      PathOutcome o = outcomes.get(p);
      summaries[p] = o.summary();
      if (p < curvePaths) {
        curves[p] = Objects.requireNonNull(o.curve(), "the curve of sampled path " + p);
      }
    }
    return MonteCarloResult.of(generator.id(), bars, generator.barMillis(), initialEquity, summaries, curves, elapsed,
        parallelism);
  }

  /**
   * What one path leaves: its summary and, for the first sampled paths, its equity curve.
   *
   * @param summary the path's summary
   * @param curve the sampled equity curve, or {@code null} when the path is not sampled
   */
  public record PathOutcome(PathSummary summary, double[] curve) implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Validates. */
    public PathOutcome {
      Objects.requireNonNull(summary, "summary");
    }
  }

  /** Cell {@code p}: generate path {@code p} into the worker's buffer and evaluate it. */
  private record PathTask(PathGenerator generator, Supplier<? extends PathEvaluator> evaluators, int bars,
      int curvePaths, int curvePoints) implements CellTask<PathOutcome> {
    private static final long serialVersionUID = 1L;

    @Override
    public Worker<PathOutcome> worker() {
      PathEvaluator evaluator = evaluators.get();
      PathBuffer buffer = new PathBuffer();
      return p -> {
        try {
          generator.generate(p, bars, buffer);
          double[] curve = p < curvePaths ? new double[curvePoints] : null;
          PathSummary s = Objects.requireNonNull(evaluator.evaluate(p, buffer, curve), "summary");
          return new PathOutcome(s, curve);
        } catch (RuntimeException | Error e) {
          throw new IllegalStateException("path " + p + " failed: " + e.getMessage(), e);
        }
      };
    }
  }

  /** Configures a run. Each setting may be set any number of times; the last one wins. */
  public static final class Builder {
    private final PathGenerator generator;
    private final Supplier<? extends PathEvaluator> evaluators;
    private int paths = 4000;
    private int bars = 8760;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int curvePaths = 1000;
    private int curvePoints = 200;
    private double initialEquity = 10_000;
    private ProgressListener progress = ProgressListener.NONE;
    private LongSupplier nanoTime = System::nanoTime;
    private Runner runner;

    private Builder(PathGenerator generator, Supplier<? extends PathEvaluator> evaluators) {
      this.generator = Objects.requireNonNull(generator, "generator");
      this.evaluators = Objects.requireNonNull(evaluators, "evaluators");
    }

    /**
     * @param n the number of paths, {@code >= 1}
     * @return this builder
     */
    public Builder paths(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("paths must be >= 1: " + n);
      }
      this.paths = n;
      return this;
    }

    /**
     * @param n bars per path, {@code >= 2}
     * @return this builder
     */
    public Builder bars(int n) {
      if (n < 2) {
        throw new IllegalArgumentException("bars must be >= 2: " + n);
      }
      this.bars = n;
      return this;
    }

    /**
     * @param n worker threads of the default local runner, {@code >= 1}; the result does not depend on it
     * @return this builder
     */
    public Builder threads(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("threads must be >= 1: " + n);
      }
      this.threads = n;
      return this;
    }

    /**
     * How many paths' equity curves to keep for the fan chart, and at how many points.
     *
     * @param samplePaths the first this many paths are sampled, {@code >= 0}
     * @param points points per sampled curve, {@code >= 2}
     * @return this builder
     */
    public Builder curves(int samplePaths, int points) {
      if (samplePaths < 0 || points < 2) {
        throw new IllegalArgumentException("need samplePaths >= 0 and points >= 2");
      }
      this.curvePaths = samplePaths;
      this.curvePoints = points;
      return this;
    }

    /**
     * @param equity the equity each path starts with, for success and ruin figures
     * @return this builder
     */
    public Builder initialEquity(double equity) {
      if (!(equity > 0)) {
        throw new IllegalArgumentException("initial equity must be > 0: " + equity);
      }
      this.initialEquity = equity;
      return this;
    }

    /**
     * @param listener hears progress
     * @return this builder
     */
    public Builder progress(ProgressListener listener) {
      this.progress = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /**
     * @param monotonicNanos the clock for elapsed time (tests pass a fake)
     * @return this builder
     */
    public Builder nanoTime(LongSupplier monotonicNanos) {
      this.nanoTime = Objects.requireNonNull(monotonicNanos, "monotonicNanos");
      return this;
    }

    /**
     * Where the paths are computed: by default {@link Runner#local(int) worker threads of this
     * process} ({@link #threads}). A runner in another process (e.g. Spark) needs a
     * serialisable generator and evaluator factory (see {@link CellTask}). The result is the same
     * on every runner.
     *
     * @param runner the runner, which the caller closes; overrides {@link #threads}
     * @return this builder
     */
    public Builder runner(Runner runner) {
      this.runner = Objects.requireNonNull(runner, "runner");
      return this;
    }

    /** @return the configured run */
    public MonteCarlo build() {
      return new MonteCarlo(this);
    }
  }
}
