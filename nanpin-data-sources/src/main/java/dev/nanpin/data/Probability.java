package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A prediction-market price: the probability the market gives an outcome, between 0 and 1.
 *
 * @param tokenId the outcome token
 * @param value the price, {@code 0 <= value <= 1}
 * @param time when it was observed
 */
public record Probability(String tokenId, BigDecimal value, Instant time) {
  /** Validates. */
  public Probability {
    requireNonNull(tokenId, "tokenId");
    requireNonNull(time, "time");
    if (requireNonNull(value, "value").signum() < 0 || value.compareTo(BigDecimal.ONE) > 0) {
      throw new IllegalArgumentException("a probability must be in [0, 1]: " + value.toPlainString());
    }
  }
}
