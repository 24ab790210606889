package dev.nanpin.sim.montecarlo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
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
 * <h2>Failures</h2>
 * A path that throws stops the run: the other workers stop taking paths and the exception is
 * rethrown from {@link #run()}, wrapped with the path index.
 */
public final class MonteCarlo {
  private final PathGenerator generator;
  private final Supplier<? extends PathEvaluator> evaluators;
  private final int paths;
  private final int bars;
  private final int threads;
  private final int curvePaths;
  private final int curvePoints;
  private final double initialEquity;
  private final ProgressListener progress;
  private final LongSupplier nanoTime;

  private MonteCarlo(Builder b) {
    this.generator = b.generator;
    this.evaluators = b.evaluators;
    this.paths = b.paths;
    this.bars = b.bars;
    this.threads = b.threads;
    this.curvePaths = Math.min(b.curvePaths, b.paths);
    this.curvePoints = Math.min(b.curvePoints, b.bars);
    this.initialEquity = b.initialEquity;
    this.progress = b.progress;
    this.nanoTime = b.nanoTime;
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
    PathSummary[] summaries = new PathSummary[paths];
    double[][] curves = new double[curvePaths][];
    AtomicLong next = new AtomicLong();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    long start = nanoTime.getAsLong();
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads());
    try {
      List<Future<?>> workers = new ArrayList<>(threads);
      for (int t = 0; t < threads; t++) {
        workers.add(pool.submit(() -> {
          PathEvaluator evaluator = evaluators.get();
          PathBuffer buffer = new PathBuffer();
          for (long p = next.getAndIncrement(); p < paths && !failed.get(); p = next.getAndIncrement()) {
            try {
              generator.generate(p, bars, buffer);
              double[] curve = p < curvePaths ? new double[curvePoints] : null;
              PathSummary s = Objects.requireNonNull(evaluator.evaluate(p, buffer, curve), "summary");
              summaries[(int) p] = s;
              if (curve != null) {
                curves[(int) p] = curve;
              }
              done.incrementAndGet();
            } catch (RuntimeException | Error e) {
              failed.set(true);
              throw new IllegalStateException("path " + p + " failed: " + e.getMessage(), e);
            }
          }
          return null;
        }));
      }
      awaitAll(workers, done, start);
    } finally {
      pool.shutdownNow();
    }
    Duration elapsed = Duration.ofNanos(nanoTime.getAsLong() - start);
    progress.onProgress(paths, paths, elapsed);
    return new MonteCarloResult(generator.id(), bars, generator.barMillis(), initialEquity, summaries, curves,
        elapsed, threads);
  }

  private void awaitAll(List<Future<?>> workers, AtomicInteger done, long start) {
    for (Future<?> f : workers) {
      while (true) {
        try {
          f.get(ProgressListener.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          progress.onProgress(done.get(), paths, Duration.ofNanos(nanoTime.getAsLong() - start));
        } catch (ExecutionException e) {
          workers.forEach(w -> w.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          workers.forEach(w -> w.cancel(true));
          throw new IllegalStateException("Monte Carlo run interrupted", e);
        }
      }
    }
  }

  private static ThreadFactory daemonThreads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "nanpin-montecarlo-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
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
     * @param n worker threads, {@code >= 1}; the result does not depend on it
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

    /** @return the configured run */
    public MonteCarlo build() {
      return new MonteCarlo(this);
    }
  }
}
