package dev.nanpin.store;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of an order's status history, oldest first.
 *
 * @param clientId the order's client id
 * @param state the state entered
 * @param exchangeOrderId the venue's id at that point, or {@code null}
 * @param filledQuantity the filled base quantity at that point
 * @param reason why, or {@code null}
 * @param time when
 */
public record StatusChange(
    long clientId, OrderState state, String exchangeOrderId, BigDecimal filledQuantity,
    String reason, Instant time) {

  /** Validates. */
  public StatusChange {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(filledQuantity, "filledQuantity");
    Objects.requireNonNull(time, "time");
  }
}
