package dev.nanpin.strategy;

/** How the nanpin ladder places its levels. */
public enum LevelMode {
  /**
   * Fixed percentage steps, 3Commas style: level 1 is the entry at the reference price, level
   * {@code k} sits {@code step * stepScale^(k-2)} below level {@code k-1}.
   */
  STEP,
  /**
   * Fibonacci retracements of the swing from the lowest low to the highest high over a lookback
   * window, each level scored for significance (nearby swing pivots and traded volume).
   */
  FIBONACCI
}
