package dev.nanpin;

/** The life cycle of an order at the venue. */
public enum OrderStatus {
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
  REJECTED;

  /** @return whether no further fill can happen */
  public boolean isTerminal() {
    return this == FILLED || this == CANCELLED || this == EXPIRED || this == REJECTED;
  }
}
