package dev.nanpin.exchange.backpack;

import dev.nanpin.Plausible;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Mark price, index price and the current funding rate of a market.
 *
 * @param symbol the market
 * @param markPrice the mark price, {@code (0, 1e12]} ({@link Plausible})
 * @param indexPrice the index price, {@code (0, 1e12]}, or {@code null}
 * @param fundingRate the estimated funding rate of the running interval, or {@code null} (spot)
 * @param nextFundingTime when the running funding interval ends (2009..2100), or {@code null}
 */
public record MarkPrice(String symbol, BigDecimal markPrice, BigDecimal indexPrice, BigDecimal fundingRate,
    Instant nextFundingTime) {
  /** Validates. */
  public MarkPrice {
    Objects.requireNonNull(symbol, "symbol");
    Plausible.price("backpack", "markPrice", markPrice);
    if (indexPrice != null) {
      Plausible.price("backpack", "indexPrice", indexPrice);
    }
    if (nextFundingTime != null) {
      Plausible.time("backpack", "nextFundingTime", nextFundingTime);
    }
  }
}
