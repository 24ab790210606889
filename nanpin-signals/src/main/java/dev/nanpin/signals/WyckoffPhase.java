package dev.nanpin.signals;

/** The phase of a Wyckoff trading range. */
public enum WyckoffPhase {
  /** No trading range is being tracked. */
  NONE,
  /** Stopping the prior trend: from the climax to the automatic rally/reaction. */
  A,
  /** Building the cause: tests inside the range. */
  B,
  /** The test: a spring (accumulation) or an upthrust after distribution. */
  C,
  /** Leaving the range: sign of strength/weakness and the last point of support/supply. */
  D,
  /** The trend out of the range: markup or markdown. */
  E
}
