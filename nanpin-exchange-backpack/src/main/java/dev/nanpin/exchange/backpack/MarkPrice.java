package dev.nanpin.exchange.backpack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Mark price, index price and the current funding rate of a market.
 *
 * @param symbol the market
 * @param markPrice the mark price
 * @param indexPrice the index price, or {@code null}
 * @param fundingRate the estimated funding rate of the running interval, or {@code null} (spot)
 * @param nextFundingTime when the running funding interval ends, or {@code null}
 */
public record MarkPrice(String symbol, BigDecimal markPrice, BigDecimal indexPrice, BigDecimal fundingRate,
    Instant nextFundingTime) {
  /** Validates. */
  public MarkPrice {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(markPrice, "markPrice");
  }
}
