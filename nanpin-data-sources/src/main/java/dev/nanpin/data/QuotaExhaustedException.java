package dev.nanpin.data;

import dev.nanpin.RateLimitedException;
import java.time.Duration;

/**
 * A daily or monthly credit cap is used up (CoinMarketCap 1009 and 1010). Unlike a per-minute
 * limit it clears only when the period rolls over, so {@link #retryAfter()} is
 * {@link Duration#ZERO} (unknown) unless the source said otherwise.
 */
public class QuotaExhaustedException extends RateLimitedException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param source the data source id
   * @param code the source's own error code
   * @param message what was exhausted
   */
  public QuotaExhaustedException(String source, String code, String message) {
    super(source, code, message, Duration.ZERO);
  }
}
