package dev.nanpin.signals;

/** Whether a Wyckoff trading range is read as accumulation or distribution. */
public enum WyckoffBias {
  /** No range. */
  NONE,
  /** A range after a downtrend, started by a selling climax. */
  ACCUMULATION,
  /** A range after an uptrend, started by a buying climax. */
  DISTRIBUTION
}
