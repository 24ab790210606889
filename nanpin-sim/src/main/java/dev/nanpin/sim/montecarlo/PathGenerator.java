package dev.nanpin.sim.montecarlo;

/**
 * Makes synthetic price paths for a Monte Carlo run.
 *
 * <p>Path {@code p} depends only on the generator's parameters (seed included) and {@code p},
 * never on which thread made it or which paths were made before: a run is identical with 1 or
 * N threads and across runs. Every bar satisfies {@code low > 0}, {@code high >= max(open,
 * close)} and {@code low <= min(open, close)}.
 *
 * <p>Implementations are immutable and thread-safe; the buffer is the caller's. They are
 * {@link java.io.Serializable} so that a run can be computed in other processes (e.g. on Spark).
 */
public interface PathGenerator extends java.io.Serializable {
  /** @return the generator's id, e.g. {@code gbm} */
  String id();

  /** @return the bar length of the paths in milliseconds (the step between open times) */
  long barMillis();

  /**
   * Writes one path.
   *
   * @param path the path index, {@code >= 0}
   * @param bars the number of bars, {@code >= 1}
   * @param out the buffer to write into (resized to {@code bars})
   */
  void generate(long path, int bars, PathBuffer out);
}
