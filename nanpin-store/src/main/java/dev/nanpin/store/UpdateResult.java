package dev.nanpin.store;

/** What {@link StoreSession#updateOrder(OrderUpdate)} did. */
public enum UpdateResult {
  /** The order changed and a status-history row was written. */
  APPLIED,
  /** The update repeated what the store already had; nothing was written. */
  UNCHANGED,
  /**
   * The update was older than what the store has (a terminal order told it is open again, or a
   * filled quantity that went down) and was ignored. Events arriving out of order cause this.
   */
  STALE
}
