package dev.nanpin.http;

import java.time.Duration;
import java.util.Objects;

/**
 * How idempotent calls are retried after a transport failure, a 5xx or a 429: at most {@link
 * #maxAttempts()} attempts, waiting an exponential backoff with full jitter between them
 * ({@code random(0, min(maxDelay, baseDelay * 2^(attempt-1)))}, at least {@code baseDelay / 2}),
 * or the venue's {@code Retry-After} when it is longer. A {@code Retry-After} longer than
 * {@link #maxDelay()} is not waited for: the {@link dev.nanpin.RateLimitedException} goes to the
 * caller. Non-idempotent calls (placing an order) are never retried here.
 *
 * @param maxAttempts the number of attempts including the first, {@code >= 1}
 * @param baseDelay the first backoff ceiling, {@code >= 0}
 * @param maxDelay the largest wait between attempts, {@code >= baseDelay}
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {
  /** No retries. */
  public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO);

  /** Three attempts, 250 ms then 500 ms ceilings, waits capped at 5 s. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(5));

  /** Validates. */
  public RetryPolicy {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
    }
    Objects.requireNonNull(baseDelay, "baseDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
      throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay: %s, %s".formatted(baseDelay, maxDelay));
    }
  }

  /**
   * The wait before attempt {@code failedAttempt + 1}.
   *
   * @param failedAttempt the attempt that just failed, {@code >= 1}
   * @param random a uniform random number in {@code [0, 1)}
   * @return the wait, in {@code [ceiling/2, ceiling]}
   */
  public Duration backoff(int failedAttempt, double random) {
    long base = baseDelay.toNanos();
    int shift = Math.min(30, Math.max(0, failedAttempt - 1));
    long ceiling = base > (maxDelay.toNanos() >> shift) ? maxDelay.toNanos() : Math.min(maxDelay.toNanos(), base << shift);
    // "equal jitter": half fixed, half random, so retries from many clients spread out but a
    // retry never comes immediately
    return Duration.ofNanos(ceiling / 2 + (long) (random * (ceiling - ceiling / 2)));
  }
}
