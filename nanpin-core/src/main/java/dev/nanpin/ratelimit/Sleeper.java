package dev.nanpin.ratelimit;

import java.time.Duration;

/**
 * Waits for a duration. Injected wherever code waits (rate limiting, retry backoff) so that
 * tests advance a fake clock instead of sleeping.
 */
@FunctionalInterface
public interface Sleeper {
  /** Sleeps with {@link Thread#sleep(long, int)}. */
  Sleeper SYSTEM = d -> {
    long nanos = d.toNanos();
    if (nanos > 0) {
      Thread.sleep(nanos / 1_000_000L, (int) (nanos % 1_000_000L));
    }
  };

  /**
   * Waits at least {@code duration} (a non-positive duration returns at once).
   *
   * @param duration how long to wait
   * @throws InterruptedException if the waiting thread is interrupted
   */
  void sleep(Duration duration) throws InterruptedException;
}
