package dev.nanpin;

import static dev.nanpin.internal.Checks.nonNegative;
import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An order as the venue reports it.
 *
 * @param orderId the venue's id
 * @param clientId the caller's id, or {@code -1} when the venue reports none
 * @param symbol the venue symbol
 * @param side buy or sell
 * @param type market or limit
 * @param status where the order is in its life cycle
 * @param quantity the ordered base quantity, or {@code null} for a market order by quote
 * @param filledQuantity the base quantity filled so far, {@code >= 0}
 * @param limitPrice the limit price, or {@code null} for market orders
 * @param reduceOnly whether it only reduces a position
 * @param createdAt when the venue accepted it
 */
public record Order(
    String orderId,
    long clientId,
    String symbol,
    Side side,
    OrderType type,
    OrderStatus status,
    BigDecimal quantity,
    BigDecimal filledQuantity,
    BigDecimal limitPrice,
    boolean reduceOnly,
    Instant createdAt) {

  /** Validates and normalises. */
  public Order {
    notBlank(orderId, "orderId");
    notBlank(symbol, "symbol");
    notNull(side, "side");
    notNull(type, "type");
    notNull(status, "status");
    quantity = quantity == null ? null : positive(quantity, "quantity");
    filledQuantity = nonNegative(filledQuantity, "filledQuantity");
    limitPrice = limitPrice == null ? null : positive(limitPrice, "limitPrice");
    notNull(createdAt, "createdAt");
    if (quantity != null && filledQuantity.compareTo(quantity) > 0) {
      throw new IllegalArgumentException("filledQuantity %s exceeds quantity %s of order %s"
          .formatted(filledQuantity.toPlainString(), quantity.toPlainString(), orderId));
    }
  }

  /**
   * Returns the base quantity still open, or zero when the order is terminal or sized by quote.
   *
   * @return the remaining base quantity
   */
  public BigDecimal remainingQuantity() {
    if (status.isTerminal() || quantity == null) {
      return BigDecimal.ZERO;
    }
    return quantity.subtract(filledQuantity);
  }
}
