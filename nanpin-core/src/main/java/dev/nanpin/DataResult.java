package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;

import java.time.Duration;
import java.time.Instant;

/**
 * An answer of a {@link DataSource} with where and when it came from.
 *
 * <p>When a source fails and has an earlier good answer to the same query, it may serve that
 * answer with {@code stale = true} and the failure in {@code failure}: the caller decides
 * whether an answer of that age is still good enough.
 *
 * @param value the answer
 * @param source the id of the source that produced it
 * @param fetchedAt when the source produced it (for a stale answer: the original fetch)
 * @param stale whether this is a cached answer served because a fresh fetch failed
 * @param failure why the fresh fetch failed, or {@code null} when not stale
 * @param <T> the type of the answer
 */
public record DataResult<T>(T value, String source, Instant fetchedAt, boolean stale, String failure) {
  /** Validates. */
  public DataResult {
    notNull(value, "value");
    notBlank(source, "source");
    notNull(fetchedAt, "fetchedAt");
    if (stale && failure == null) {
      throw new IllegalArgumentException("a stale result must say why the fresh fetch failed");
    }
  }

  /**
   * A fresh answer.
   *
   * @param value the answer
   * @param source the source id
   * @param fetchedAt when it was fetched
   * @param <T> the type of the answer
   * @return the result
   */
  public static <T> DataResult<T> fresh(T value, String source, Instant fetchedAt) {
    return new DataResult<>(value, source, fetchedAt, false, null);
  }

  /**
   * Returns this answer marked stale because of a failure.
   *
   * @param why the failure of the fresh fetch
   * @return the stale copy
   */
  public DataResult<T> asStale(String why) {
    return new DataResult<>(value, source, fetchedAt, true, notNull(why, "why"));
  }

  /**
   * @param now the current time
   * @return how old the answer is at {@code now}
   */
  public Duration age(Instant now) {
    return Duration.between(fetchedAt, now);
  }
}
