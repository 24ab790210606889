package dev.nanpin.sim.montecarlo;

/**
 * Runs one path and summarises it, e.g. a backtest of a strategy on the path's bars.
 *
 * <p>A run asks its factory for one evaluator per worker thread, so an evaluator may keep
 * reusable buffers and need not be thread-safe. It must be deterministic: the summary depends
 * only on the path's bars and the path index.
 */
@FunctionalInterface
public interface PathEvaluator {
  /**
   * @param path the path index
   * @param bars the path's bars (valid during the call only)
   * @param curve where to write the equity sampled at {@code curve.length} evenly spaced bars
   *     (the last one being the final bar), or {@code null} when the run does not sample this path
   * @return the path's summary
   */
  PathSummary evaluate(long path, PathBuffer bars, double[] curve);
}
