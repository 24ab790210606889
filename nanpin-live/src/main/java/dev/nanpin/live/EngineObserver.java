package dev.nanpin.live;

/**
 * What the engine tells its bot about itself beyond {@link EngineStatus}: the outcome of each
 * reconciliation, the liquidation distance the venue's position shows, and how long an order took
 * from the market event that caused it. Called on the engine thread: implementations must be
 * quick, must not block and must not throw.
 */
interface EngineObserver {
  /** Hears nothing. */
  EngineObserver NONE = new EngineObserver() {};

  /**
   * A reconciliation with the venue finished.
   *
   * @param corrections what it changed: missed fills applied, orders adopted, settled or failed,
   *     the position corrected
   */
  default void reconciled(int corrections) {}

  /** A reconciliation failed (the venue did not answer); it is retried next period. */
  default void reconcileFailed() {}

  /**
   * The venue reported the position.
   *
   * @param distance {@code |mark - liquidation| / mark}, or {@code NaN} when flat or unknown
   */
  default void liquidationDistance(double distance) {}

  /**
   * An order request is about to leave for the venue because of a market event.
   *
   * @param nanos the monotonic time from the event's arrival to now
   */
  default void tickToOrder(long nanos) {}
}
