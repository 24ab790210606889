package dev.nanpin.sim;

/**
 * The price path the simulated broker assumes inside one bar, to decide which resting limit
 * orders (and liquidations) fill and in what order. Every path starts at the open and ends at
 * the close and visits both extremes; several orders can fill along it in one bar.
 */
public enum IntrabarPath {
  /**
   * Open, then the extreme nearer to the open, then the other extreme, then close (ties go to
   * the low first). The usual assumption of bar-based simulators.
   */
  NEARER_EXTREME_FIRST,
  /**
   * Open, then the extreme adverse to the position held at the open (the low for a long or a flat
   * account, the high for a short), then the other extreme, then close: a liquidation or a
   * protective order is reached before a take-profit on the same bar, and an order placed during
   * the bar that would reduce the position (the take-profit of a ladder level that just filled)
   * waits for the next bar ({@link dev.nanpin.engine.FillRules#mayFillInBarOfPlacement}).
   */
  PESSIMISTIC
}
