package dev.nanpin.sim;

/** When a market order of the simulated broker fills. */
public enum FillTiming {
  /**
   * At the close of the bar whose {@code onBar} produced the intent, as ta4j's default
   * execution model does. Optimistic (the strategy decides on a close and trades at that same
   * close), but it is what the benchmark workloads specify.
   */
  SIGNAL_CLOSE,
  /** At the open of the next bar, the first price a live order could actually get. */
  NEXT_OPEN
}
