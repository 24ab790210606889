package dev.nanpin.sim.run;

import dev.nanpin.sim.internal.LocalRunner;
import java.io.Serializable;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Computes the cells of a {@link CellTask} somewhere (worker threads of this process, a Spark
 * cluster, ...) and returns their results in cell order, so whatever merges them (a Monte Carlo
 * result, a sweep ranking, an optimiser generation) is identical on every runner.
 *
 * <p>A cell that throws fails the whole run: the runner stops handing out cells and rethrows the
 * first failure (a {@link RuntimeException} as it is; anything else wrapped in an {@link
 * IllegalStateException}). A runner may hold resources (a Spark context): close it when done.
 * Implementations are safe to use from one thread at a time.
 */
public interface Runner extends AutoCloseable {
  /**
   * Runs every cell.
   *
   * @param task the task
   * @param cells the number of cells, {@code >= 0}
   * @param progress hears the number of cells finished so far, from the calling thread only, now
   *     and then and not necessarily at the end; {@code n -> {}} to ignore
   * @param <R> the cell result
   * @return the results, element {@code i} being cell {@code i}'s
   * @throws RuntimeException the first failure of a cell
   */
  <R extends Serializable> List<R> run(CellTask<R> task, int cells, IntConsumer progress);

  /** @return how many cells this runner computes at once (threads, or a cluster's default parallelism) */
  int parallelism();

  /** @return a short description for reports and logs, e.g. {@code local, 8 threads} */
  String describe();

  /** Releases the runner's resources; the default does nothing. */
  @Override
  default void close() {}

  /**
   * Worker threads of this process; tasks are not serialised.
   *
   * @param threads worker threads, {@code >= 1}
   * @return the runner (holds no threads between runs; closing it is optional)
   */
  static Runner local(int threads) {
    return new LocalRunner(threads);
  }

  /** @return a {@link #local(int) local} runner on every available processor */
  static Runner local() {
    return local(Runtime.getRuntime().availableProcessors());
  }
}
