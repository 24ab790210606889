package dev.nanpin.risk;

/** How a perpetual position is margined. */
public enum MarginMode {
  /**
   * The position has its own margin: the initial margin posted with each fill (notional divided
   * by the leverage). Only that margin can be lost.
   */
  ISOLATED,
  /** The whole account collateral backs the position (Backpack's default for perps). */
  CROSS
}
