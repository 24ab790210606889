package dev.nanpin.ml;

/** Whether the model still describes the market it is applied to. */
public enum DriftState {
  /** No drift detected since the last training. */
  NONE,
  /** A feature's distribution moved away from the training data's (PSI above its threshold). */
  FEATURE_DRIFT,
  /** The prediction errors grew (ADWIN or Page-Hinkley signalled a change). */
  ERROR_DRIFT
}
