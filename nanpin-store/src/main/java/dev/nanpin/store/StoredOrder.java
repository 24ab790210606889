package dev.nanpin.store;

import dev.nanpin.OrderRequest;
import dev.nanpin.OrderType;
import dev.nanpin.Side;
import dev.nanpin.TimeInForce;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * An order as the store remembers it: what was asked for, and the latest known state.
 *
 * @param clientId our id of the order, an unsigned 32-bit value allocated by {@link
 *     StoreSession#allocateClientId()}
 * @param exchangeOrderId the venue's id, or {@code null} while it is not known
 * @param symbol the venue symbol
 * @param side buy or sell
 * @param type market or limit
 * @param quantity the base quantity, or {@code null} for an order by quote amount
 * @param quoteQuantity the quote amount, or {@code null}
 * @param limitPrice the limit price, or {@code null} for market orders
 * @param timeInForce the time in force
 * @param reduceOnly whether it only reduces a position
 * @param postOnly whether it only adds liquidity
 * @param tag the strategy's tag of the intent (e.g. the ladder level)
 * @param state the latest known state
 * @param filledQuantity the base quantity filled so far, {@code >= 0}
 * @param reason why the order is in its state (a rejection message, a reconciliation decision),
 *     or {@code null}
 * @param createdAt when the record was first written
 * @param updatedAt when the record last changed
 */
public record StoredOrder(
    long clientId,
    String exchangeOrderId,
    String symbol,
    Side side,
    OrderType type,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    BigDecimal limitPrice,
    TimeInForce timeInForce,
    boolean reduceOnly,
    boolean postOnly,
    int tag,
    OrderState state,
    BigDecimal filledQuantity,
    String reason,
    Instant createdAt,
    Instant updatedAt) {

  /** Validates. */
  public StoredOrder {
    if (clientId < 0 || clientId > OrderRequest.MAX_CLIENT_ID) {
      throw new IllegalArgumentException("clientId must be in [0, 4294967295]: " + clientId);
    }
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(timeInForce, "timeInForce");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(filledQuantity, "filledQuantity");
    if (filledQuantity.signum() < 0) {
      throw new IllegalArgumentException("filledQuantity must be >= 0: " + filledQuantity.toPlainString());
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /**
   * Rebuilds the request that was recorded, e.g. to query the venue by client id. Never send
   * it again blind: an order in {@link OrderState#SENDING} may already be at the venue.
   *
   * @return the request
   */
  public OrderRequest toRequest() {
    return new OrderRequest(symbol, side, type, quantity, quoteQuantity, limitPrice, timeInForce,
        reduceOnly, postOnly, clientId);
  }
}
