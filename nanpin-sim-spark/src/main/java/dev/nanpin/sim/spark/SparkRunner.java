package dev.nanpin.sim.spark;

import dev.nanpin.sim.run.CellTask;
import dev.nanpin.sim.run.Runner;
import java.io.NotSerializableException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Computes the cells of a {@link CellTask} on Apache Spark, so sweeps, Monte Carlo runs and
 * optimiser generations that outgrow one machine run on a cluster with the same results as in
 * this process.
 *
 * <h2>How</h2>
 * The task (its shared inputs: settings, bars, generator, strategy and sizer factories) is
 * broadcast once per run; the cell indices are split into contiguous, even slices, one per
 * partition ({@link #partitions()}); each partition asks the task for one worker and computes its
 * slice in order; the results are collected in partition order, which is cell order. Every random
 * stream is derived from the run's seed and the cell index (see {@link CellTask}), so the result
 * does not depend on the partitioning, the executors or retried tasks.
 *
 * <p>Tasks must be {@link Serializable} (Java serialisation, Spark's default for closures and
 * broadcasts); a task that is not is refused with an error naming the class that is not.
 *
 * <p>Use from one thread at a time. {@link #close()} stops the Spark context only if this runner
 * started it.
 */
public final class SparkRunner implements Runner {
  /**
   * The settings a local Spark run gets unless given others: no web UI, and the driver bound to
   * the loopback interface, so that a run on one machine opens no port beyond it.
   */
  public static final Map<String, String> LOCAL_DEFAULTS = Map.of(
      "spark.ui.enabled", "false",
      "spark.driver.host", "127.0.0.1",
      "spark.driver.bindAddress", "127.0.0.1");

  /**
   * Default slices per unit of parallelism: cells differ in cost (a deep ladder trades more), and a
   * few slices per core let a core that finished early take another slice instead of waiting.
   */
  static final int SLICES_PER_CORE = 4;

  private final JavaSparkContext context;
  private final boolean owned;
  private final int partitions;

  private SparkRunner(JavaSparkContext context, boolean owned, int partitions) {
    this.context = Objects.requireNonNull(context, "context");
    this.owned = owned;
    if (partitions < 0) {
      throw new IllegalArgumentException("partitions must be >= 0 (0: 4 per unit of the default parallelism): "
          + partitions);
    }
    this.partitions = partitions;
  }

  /**
   * A runner on a context the caller owns (and stops).
   *
   * @param context the Spark context
   * @param partitions how many partitions a run's cells are split into, or {@code 0} for the
   *     4 slices per unit of the context's default parallelism (capped at the number of cells)
   * @return the runner; closing it leaves the context running
   */
  public static SparkRunner on(JavaSparkContext context, int partitions) {
    return new SparkRunner(context, false, partitions);
  }

  /**
   * Starts a Spark context and a runner on it, which stops the context when closed.
   *
   * @param master the master URL ({@code local[2]}, {@code local[*]}, {@code spark://host:7077},
   *     {@code yarn}, ...), or {@code null} to take {@code spark.master} from the environment (as
   *     set by {@code spark-submit})
   * @param settings further Spark settings; for a {@code local} master, {@link #LOCAL_DEFAULTS}
   *     apply to the keys not given
   * @param partitions as in {@link #on}
   * @return the runner
   * @throws IllegalArgumentException if no master is given or set
   */
  public static SparkRunner start(String master, Map<String, String> settings, int partitions) {
    SparkConf conf = new SparkConf().setAppName("nanpin");
    if (master != null) {
      conf.setMaster(master);
    }
    if (!conf.contains("spark.master")) {
      throw new IllegalArgumentException("no Spark master: give one (e.g. local[*], spark://host:7077, yarn) "
          + "or run under spark-submit --master ...");
    }
    Map<String, String> all = new LinkedHashMap<>();
    if (conf.get("spark.master").startsWith("local")) {
      all.putAll(LOCAL_DEFAULTS);
    }
    all.putAll(settings);
    all.forEach(conf::set);
    return new SparkRunner(new JavaSparkContext(conf), true, partitions);
  }

  @Override
  public <R extends Serializable> List<R> run(CellTask<R> task, int cells, IntConsumer progress) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(progress, "progress");
    if (cells < 0) {
      throw new IllegalArgumentException("cells must be >= 0: " + cells);
    }
    if (cells == 0) {
      return List.of();
    }
    Broadcast<CellTask<R>> shared = broadcast(task);
    try {
      List<Integer> indices = IntStream.range(0, cells).boxed().toList();
      int slices = Math.min(cells, partitions > 0 ? partitions : SLICES_PER_CORE * context.defaultParallelism());
      // parallelize cuts a list into contiguous, even slices, and collect returns the partitions in
      // order: the result list is in cell order
      List<R> results = context.parallelize(indices, slices)
          .mapPartitions((Iterator<Integer> it) -> {
            CellTask.Worker<R> worker = shared.value().worker();
            List<R> out = new ArrayList<>();
            while (it.hasNext()) {
              int cell = it.next();
              out.add(Objects.requireNonNull(worker.apply(cell), "the result of cell " + cell));
            }
            return out.iterator();
          })
          .collect();
      progress.accept(cells);
      return new ArrayList<>(results);
    } catch (RuntimeException e) {
      throw failure(e);
    } finally {
      shared.destroy();
    }
  }

  private <R extends Serializable> Broadcast<CellTask<R>> broadcast(CellTask<R> task) {
    try {
      return context.broadcast(task);
    } catch (Exception e) { // Scala code throws NotSerializableException unchecked
      for (Throwable t = e; t != null; t = t.getCause()) {
        if (t instanceof NotSerializableException n) {
          // Spark appends the path to the culprit ("Serialization stack: ..."): keep it, it names the field
          throw new IllegalArgumentException("the task cannot be shipped to Spark: " + n.getMessage()
              + "\n(not serializable; make strategies, sizers and evaluators with serialisable factories such as "
              + "PluginFactory and BacktestEvaluator.factory)", e);
        }
      }
      if (e instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException("broadcasting the task failed: " + e, e);
    }
  }

  /**
   * A failed cell reaches the driver wrapped in Spark's exceptions: surface the cell's own message
   * (e.g. "path 37 failed: ...") and keep the whole chain as the cause.
   */
  private static RuntimeException failure(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof RuntimeException && !t.getClass().getName().startsWith("org.apache.spark.")) {
        return t == e ? e : new IllegalStateException(t.getMessage(), e);
      }
    }
    return e;
  }

  /** @return the partitions a run is split into, {@code 0} for 4 per unit of the default parallelism */
  public int partitions() {
    return partitions;
  }

  @Override
  public int parallelism() {
    return context.defaultParallelism();
  }

  @Override
  public String describe() {
    return "spark, master " + context.master() + ", parallelism " + parallelism();
  }

  @Override
  public void close() {
    if (owned) {
      context.stop();
    }
  }
}
