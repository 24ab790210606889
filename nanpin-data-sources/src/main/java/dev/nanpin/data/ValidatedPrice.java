package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A price checked against several sources.
 *
 * @param price the accepted price, {@code > 0}
 * @param consensus {@code true} when at least two sources agreed within the allowed distance
 *     and the price is their median; {@code false} when it came from the priority fallback
 * @param used the sources whose prices made the result
 * @param rejected source to why it was not used (failed, too far from the median)
 * @param asOf the time of the oldest price used
 */
public record ValidatedPrice(BigDecimal price, boolean consensus, List<String> used, Map<String, String> rejected,
    Instant asOf) {
  /** Validates and copies. */
  public ValidatedPrice {
    if (requireNonNull(price, "price").signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0: " + price.toPlainString());
    }
    used = List.copyOf(used);
    rejected = Map.copyOf(rejected);
    requireNonNull(asOf, "asOf");
    if (used.isEmpty()) {
      throw new IllegalArgumentException("a validated price needs at least one source");
    }
  }
}
