package dev.nanpin.http;

import dev.nanpin.ratelimit.Priority;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * One logical call: how to build its request, whether it may be retried, and which rate
 * limiters admit it.
 *
 * <p>The request factory is called <em>after</em> every limiter has admitted the attempt, and
 * again for every retry, so a signed request gets a fresh timestamp each time and time spent
 * waiting for a permit never eats into its validity window.
 *
 * @param requestFactory builds the request of one attempt
 * @param idempotent whether repeating the call is harmless (reads, cancels by id); only those
 *     are retried
 * @param limiters the limiters that must each admit every attempt, in order
 * @param priority the priority at the limiters ({@link Priority#MEDIUM} when {@code null})
 * @param maxWait the longest wait at each limiter, or {@code null} for the limiter's default
 */
public record HttpCall(Supplier<Request> requestFactory, boolean idempotent, List<RateLimiter> limiters,
    Priority priority, Duration maxWait) {

  /** Validates. */
  public HttpCall {
    Objects.requireNonNull(requestFactory, "requestFactory");
    limiters = List.copyOf(limiters);
    priority = priority == null ? Priority.MEDIUM : priority;
  }

  /**
   * A call of priority {@link Priority#MEDIUM} with the limiters' default deadline.
   *
   * @param requestFactory builds the request of one attempt
   * @param idempotent whether repeating the call is harmless
   * @param limiters the limiters that must each admit every attempt
   */
  public HttpCall(Supplier<Request> requestFactory, boolean idempotent, List<RateLimiter> limiters) {
    this(requestFactory, idempotent, limiters, Priority.MEDIUM, null);
  }

  /**
   * @param p the priority at the limiters
   * @return this call with that priority
   */
  public HttpCall withPriority(Priority p) {
    return new HttpCall(requestFactory, idempotent, limiters, p, maxWait);
  }

  /**
   * @param wait the longest wait at each limiter
   * @return this call with that deadline
   */
  public HttpCall withMaxWait(Duration wait) {
    return new HttpCall(requestFactory, idempotent, limiters, priority, wait);
  }

  /**
   * An idempotent GET of a fixed URL.
   *
   * @param url the URL
   * @param limiters the limiters that admit it
   * @return the call
   */
  public static HttpCall get(HttpUrl url, RateLimiter... limiters) {
    Objects.requireNonNull(url, "url");
    return new HttpCall(() -> new Request.Builder().url(url).get().build(), true, List.of(limiters));
  }

  /**
   * An idempotent call built by a factory.
   *
   * @param factory builds the request of each attempt
   * @param limiters the limiters that admit it
   * @return the call
   */
  public static HttpCall idempotent(Supplier<Request> factory, RateLimiter... limiters) {
    return new HttpCall(factory, true, List.of(limiters));
  }

  /**
   * A call that is attempted once and never retried (it may change state at the venue).
   *
   * @param factory builds the request
   * @param limiters the limiters that admit it
   * @return the call
   */
  public static HttpCall once(Supplier<Request> factory, RateLimiter... limiters) {
    return new HttpCall(factory, false, List.of(limiters));
  }
}
