package dev.nanpin;

import java.time.Duration;

/**
 * A venue or data source answered that the caller is over its rate limit (HTTP 429 or a venue
 * code), or a local limiter refused to wait that long.
 */
public class RateLimitedException extends ExchangeException {
  private static final long serialVersionUID = 1L;
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param venue the exchange or data source id
   * @param venueCode the venue's own error code, or {@code null}
   * @param message what went wrong
   * @param retryAfter how long to wait before trying again; {@link Duration#ZERO} when unknown
   */
  public RateLimitedException(String venue, String venueCode, String message, Duration retryAfter) {
    super(venue, venueCode, message, null);
    this.retryAfter = retryAfter == null ? Duration.ZERO : retryAfter;
  }

  /** @return how long to wait before the next attempt; {@link Duration#ZERO} when unknown */
  public Duration retryAfter() {
    return retryAfter;
  }
}
