package dev.nanpin.store;

/** Which plugin a saved {@link dev.nanpin.Stateful} map belongs to; each kind has its own table. */
public enum StateKind {
  /** A strategy's state: ladder levels, anchors, cooldowns. */
  STRATEGY,
  /** A sizer's state: buy-count history, win-rate statistics. */
  SIZER
}
