package dev.nanpin.sim.montecarlo;

import java.time.Duration;

/**
 * Hears how far a run is. Called from the thread that started the run, about every
 * {@link #INTERVAL} and once at the end; never from the worker threads, so an implementation
 * needs no locking.
 */
@FunctionalInterface
public interface ProgressListener {
  /** How often progress is reported while a run is going. */
  Duration INTERVAL = Duration.ofMillis(250);

  /** A listener that ignores progress. */
  ProgressListener NONE = (done, total, elapsed) -> {};

  /**
   * @param done paths finished so far
   * @param total paths in the run
   * @param elapsed time since the run started (monotonic)
   */
  void onProgress(long done, long total, Duration elapsed);
}
