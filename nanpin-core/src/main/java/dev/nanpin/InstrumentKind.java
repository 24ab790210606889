package dev.nanpin;

/** What kind of market an instrument trades on. */
public enum InstrumentKind {
  /** Spot: buys spend quote, sells need base; no leverage. */
  SPOT,
  /** Perpetual future: margined, leveraged, funding every interval. */
  PERP
}
