package dev.nanpin.signals;

/** The direction an order-flow reading points to. */
public enum FlowBias {
  /** Nothing found. */
  NONE,
  /** Points up: e.g. sellers absorbed at a low, selling exhausted, CVD rising against a falling price. */
  BULLISH,
  /** Points down: buyers absorbed at a high, buying exhausted, CVD falling against a rising price. */
  BEARISH
}
