package dev.nanpin.ml.internal;

import dev.nanpin.ml.MemberKind;

/** A trained ensemble member: a raw probability of class 1 from a scaled row. Immutable. */
public interface Member {
  /** @return what kind of member this is */
  MemberKind kind();

  /**
   * @param scaledRow a row scaled by the ensemble's standardizer
   * @return the raw (uncalibrated) probability of class 1
   */
  double predict(double[] scaledRow);

  /** @return the member's trained state, for the model file */
  byte[] payload();
}
