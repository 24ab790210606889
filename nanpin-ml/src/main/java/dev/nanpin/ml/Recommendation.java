package dev.nanpin.ml;

/** The ensemble's advice, from its probability that the price rises over the label horizon. */
public enum Recommendation {
  /** probability {@code >= 0.70}. */
  STRONG_BUY,
  /** probability in {@code [0.55, 0.70)}. */
  BUY,
  /** probability in {@code (0.45, 0.55)}, or a stale model. */
  NEUTRAL,
  /** probability in {@code (0.30, 0.45]}. */
  SELL,
  /** probability {@code <= 0.30}. */
  STRONG_SELL;

  /**
   * @param probability the ensemble's probability of "up"
   * @return the recommendation
   */
  public static Recommendation of(double probability) {
    if (probability >= 0.70) {
      return STRONG_BUY;
    }
    if (probability >= 0.55) {
      return BUY;
    }
    if (probability > 0.45) {
      return NEUTRAL;
    }
    if (probability > 0.30) {
      return SELL;
    }
    return STRONG_SELL;
  }
}
