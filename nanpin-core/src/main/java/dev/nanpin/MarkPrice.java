package dev.nanpin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Mark price, index price and the running funding rate of a market, as a venue publishes them
 * (by REST or on its mark-price stream). Venue-neutral.
 *
 * @param symbol the venue symbol
 * @param markPrice the mark price, {@code > 0} and plausible
 * @param indexPrice the index price, or {@code null} when the venue gives none
 * @param fundingRate the estimated funding rate of the running interval as a fraction (0.0001 =
 *     0.01%), or {@code null} (spot); at most 1 in magnitude
 * @param nextFundingTime when the running funding interval ends, or {@code null}
 * @param time when the venue produced these values
 */
public record MarkPrice(String symbol, BigDecimal markPrice, BigDecimal indexPrice, BigDecimal fundingRate,
    Instant nextFundingTime, Instant time) {
  /**
   * Validates.
   *
   * @throws DataException naming the field when a value is missing or implausible (a price of 0 or
   *     1e30, a time before 2010)
   */
  public MarkPrice {
    Plausible.symbol(symbol);
    markPrice = Plausible.price(markPrice, "markPrice", symbol);
    indexPrice = indexPrice == null ? null : Plausible.price(indexPrice, "indexPrice", symbol);
    fundingRate = Plausible.fundingRate(fundingRate, symbol);
    if (nextFundingTime != null) {
      Plausible.time(nextFundingTime, "nextFundingTime", symbol);
    }
    Plausible.time(time, "time", symbol);
  }
}
