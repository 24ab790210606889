package dev.nanpin.exchange.backpack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One settled funding interval of a perpetual market.
 *
 * @param symbol the market
 * @param rate the funding rate (positive: longs pay shorts)
 * @param intervalEnd when the interval ended
 */
public record FundingRate(String symbol, BigDecimal rate, Instant intervalEnd) {
  /** Validates. */
  public FundingRate {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(rate, "rate");
    Objects.requireNonNull(intervalEnd, "intervalEnd");
  }
}
