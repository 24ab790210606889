package dev.nanpin.sim.run;

import java.io.Serializable;

/**
 * A unit of parallel work: cell {@code i}'s result is a pure function of the task (its shared
 * inputs: simulation settings, bars, generator, strategy and sizer factories) and {@code i}.
 *
 * <p>A runner ships the task once to every worker (on Spark: one broadcast), asks it for one
 * {@link Worker} per worker thread or partition, and calls the worker with each cell index. A
 * worker may keep reusable buffers (an engine, a path buffer) and need not be thread-safe; the
 * task itself must be immutable. Every random stream a cell uses must be derived from the task's
 * seed and the cell index, never from a generator shared between cells, so that the results do
 * not depend on which worker ran which cell.
 *
 * <p>To run outside this process the task, and everything it holds, must be {@link
 * Serializable}; {@link Runner#local(int) local} runs never serialise it.
 *
 * @param <R> the result of one cell
 */
@FunctionalInterface
public interface CellTask<R extends Serializable> extends Serializable {
  /**
   * Makes a worker: called once per worker thread or partition, on that worker.
   *
   * @return a new worker
   */
  Worker<R> worker();

  /**
   * Computes cells one at a time, reusing its own buffers. Not thread-safe.
   *
   * @param <R> the result of one cell
   */
  @FunctionalInterface
  interface Worker<R> {
    /**
     * @param cell the cell index, {@code 0 <= cell < cells}
     * @return the cell's result, never {@code null}
     */
    R apply(int cell);
  }
}
