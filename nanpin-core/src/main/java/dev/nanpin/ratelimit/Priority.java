package dev.nanpin.ratelimit;

/**
 * How urgent a request is to a {@link RateLimiter}. When the window fills up, lower priorities
 * wait (or fail at their deadline) first, and a reserve of the capacity is kept for {@link
 * #CRITICAL}.
 */
public enum Priority {
  /** Orders and cancels: may use the whole capacity, including the reserve. */
  CRITICAL(0),
  /** Account, balances, positions: up to the capacity minus the reserve. */
  HIGH(4),
  /** Market data: up to the capacity minus 1.25 reserves. */
  MEDIUM(5),
  /** History and backfills: up to the capacity minus 1.5 reserves. */
  LOW(6);

  /** How many quarters of the reserve this priority leaves unused. */
  final int reserveQuarters;

  Priority(int reserveQuarters) {
    this.reserveQuarters = reserveQuarters;
  }
}
