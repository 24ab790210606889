package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One public trade of a market, as a venue's trade stream reports it.
 *
 * @param symbol the venue symbol
 * @param price the trade price, {@code > 0}
 * @param quantity the quantity in base units, {@code > 0}
 * @param aggressor the side of the taker: {@link Side#BUY} when the buyer lifted an ask (the maker
 *     was the seller), {@link Side#SELL} when the seller hit a bid
 * @param tradeId the venue's trade id, or {@code null} when the venue gives none
 * @param time when the venue matched the trade
 */
public record Trade(
    String symbol, BigDecimal price, BigDecimal quantity, Side aggressor, String tradeId, Instant time) {

  /** Validates the fields. */
  public Trade {
    notBlank(symbol, "symbol");
    price = positive(price, "price");
    quantity = positive(quantity, "quantity");
    notNull(aggressor, "aggressor");
    notNull(time, "time");
  }

  /**
   * The aggressor side from the flag most venues publish.
   *
   * @param buyerMaker whether the buyer was the maker (the resting order)
   * @return {@link Side#SELL} when the buyer was the maker, else {@link Side#BUY}
   */
  public static Side aggressorOf(boolean buyerMaker) {
    return buyerMaker ? Side.SELL : Side.BUY;
  }
}
