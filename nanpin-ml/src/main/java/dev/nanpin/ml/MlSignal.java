package dev.nanpin.ml;

import dev.nanpin.SignalView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The ML ensemble's reading at a bar close.
 *
 * @param asOf the close time of the bar the reading is for
 * @param probability the ensemble's probability that the label is "up" over its horizon, in [0, 1]
 * @param recommendation the advice; {@link Recommendation#NEUTRAL} while {@code stale}
 * @param drift the drift state
 * @param stale whether the model is stale (drift detected, retraining pending): gates must then
 *     fall back to neutral
 * @param trainedTo the open time of the last bar the model was trained on
 *
 * <p>As a {@link SignalView} (source {@code ml}) it exposes {@code probability}, {@code
 * recommendation}, {@code drift} and {@code stale} to the ladder's gate expressions, e.g. {@code
 * ml.recommendation != STRONG_SELL} vetoes levels when the ensemble strongly disagrees.
 */
public record MlSignal(Instant asOf, double probability, Recommendation recommendation, DriftState drift,
    boolean stale, Instant trainedTo) implements SignalView {
  private static final List<String> FIELDS = List.of("probability", "recommendation", "drift", "stale");

  /** Validates the fields. */
  public MlSignal {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(recommendation, "recommendation");
    Objects.requireNonNull(drift, "drift");
    Objects.requireNonNull(trainedTo, "trainedTo");
    if (!(probability >= 0 && probability <= 1)) {
      throw new IllegalArgumentException("probability must be in [0, 1], was " + probability);
    }
    if (stale && recommendation != Recommendation.NEUTRAL) {
      throw new IllegalArgumentException("a stale reading must recommend NEUTRAL");
    }
  }

  /** @return whether a gate should veto a buy: the ensemble says strong sell and is not stale */
  public boolean vetoesBuy() {
    return !stale && recommendation == Recommendation.STRONG_SELL;
  }

  @Override
  public String source() {
    return "ml";
  }

  @Override
  public List<String> fieldNames() {
    return FIELDS;
  }

  @Override
  public double number(String field) {
    return switch (field) {
      case "probability" -> probability;
      case "stale" -> stale ? 1 : 0;
      default -> Double.NaN;
    };
  }

  @Override
  public String text(String field) {
    return switch (field) {
      case "recommendation" -> recommendation.name();
      case "drift" -> drift.name();
      case "stale" -> Boolean.toString(stale);
      default -> null;
    };
  }
}
