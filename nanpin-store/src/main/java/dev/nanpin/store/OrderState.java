package dev.nanpin.store;

import dev.nanpin.OrderStatus;
import java.util.Objects;

/**
 * Where a stored order is in its life cycle. The venue's {@link OrderStatus} plus two states only
 * the store knows: {@link #SENDING} (the record is durable, the venue may or may not have it) and
 * {@link #FAILED} (it never reached the venue).
 */
public enum OrderState {
  /** Recorded before the send; the venue's answer is not known yet. */
  SENDING,
  /** Accepted and resting, nothing filled yet. */
  NEW,
  /** Partly filled and still resting. */
  PARTIALLY_FILLED,
  /** Completely filled. Terminal. */
  FILLED,
  /** Cancelled, possibly after partial fills. Terminal. */
  CANCELLED,
  /** Expired by its time in force or a venue rule. Terminal. */
  EXPIRED,
  /** Rejected by the venue. Terminal. */
  REJECTED,
  /**
   * Never reached the venue (the send failed, or reconciliation found no venue record once the
   * signing window had passed). Terminal, but the venue's view wins if it later shows the order.
   */
  FAILED;

  /** @return whether no further fill is expected */
  public boolean isTerminal() {
    return this == FILLED || this == CANCELLED || this == EXPIRED || this == REJECTED || this == FAILED;
  }

  /** @return whether the order may still be (or become) resting at the venue */
  public boolean isOpen() {
    return !isTerminal();
  }

  /**
   * Maps a venue status.
   *
   * @param status the venue's status
   * @return the same state
   */
  public static OrderState of(OrderStatus status) {
    Objects.requireNonNull(status, "status");
    return switch (status) {
      case NEW -> NEW;
      case PARTIALLY_FILLED -> PARTIALLY_FILLED;
      case FILLED -> FILLED;
      case CANCELLED -> CANCELLED;
      case EXPIRED -> EXPIRED;
      case REJECTED -> REJECTED;
    };
  }
}
