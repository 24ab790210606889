package dev.nanpin;

import static dev.nanpin.internal.Checks.nonNegative;
import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One execution of (part of) an order, as the venue and the ledger record it.
 *
 * @param fillId the venue's unique id of this fill (trade id); fills are deduplicated by it
 * @param orderId the venue's order id
 * @param clientId the caller's order id, or {@code -1} when unknown
 * @param symbol the venue symbol
 * @param side buy or sell
 * @param price the execution price, {@code > 0}
 * @param quantity the executed base quantity, {@code > 0}
 * @param fee the fee charged, {@code >= 0}
 * @param feeAsset the asset the fee was charged in
 * @param maker whether the fill added liquidity
 * @param time when it executed
 */
public record Fill(
    String fillId,
    String orderId,
    long clientId,
    String symbol,
    Side side,
    BigDecimal price,
    BigDecimal quantity,
    BigDecimal fee,
    String feeAsset,
    boolean maker,
    Instant time) {

  /** Validates and normalises. */
  public Fill {
    notBlank(fillId, "fillId");
    notBlank(orderId, "orderId");
    notBlank(symbol, "symbol");
    notNull(side, "side");
    price = positive(price, "price");
    quantity = positive(quantity, "quantity");
    fee = nonNegative(fee, "fee");
    notBlank(feeAsset, "feeAsset");
    notNull(time, "time");
  }

  /** @return {@code price * quantity}, the quote value of the fill */
  public BigDecimal notional() {
    return price.multiply(quantity);
  }
}
