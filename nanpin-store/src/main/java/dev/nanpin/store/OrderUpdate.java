package dev.nanpin.store;

import dev.nanpin.Order;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A change to a stored order, from the venue's answer, a stream event or reconciliation.
 *
 * @param clientId the order's client id
 * @param state the new state
 * @param exchangeOrderId the venue's id, or {@code null} to keep the stored one
 * @param filledQuantity the filled base quantity so far, or {@code null} to keep the stored one
 * @param reason why (a rejection message, a reconciliation decision), or {@code null}
 * @param time when the change happened
 */
public record OrderUpdate(
    long clientId, OrderState state, String exchangeOrderId, BigDecimal filledQuantity,
    String reason, Instant time) {

  /** Validates. */
  public OrderUpdate {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(time, "time");
    if (filledQuantity != null && filledQuantity.signum() < 0) {
      throw new IllegalArgumentException("filledQuantity must be >= 0: " + filledQuantity.toPlainString());
    }
    if (exchangeOrderId != null && exchangeOrderId.isBlank()) {
      throw new IllegalArgumentException("exchangeOrderId must not be blank");
    }
  }

  /**
   * The update that brings a stored order to the venue's view of it.
   *
   * @param order the venue's order, carrying our client id
   * @param reason why, or {@code null}
   * @param time when
   * @return the update
   */
  public static OrderUpdate from(Order order, String reason, Instant time) {
    return new OrderUpdate(order.clientId(), OrderState.of(order.status()), order.orderId(),
        order.filledQuantity(), reason, time);
  }
}
