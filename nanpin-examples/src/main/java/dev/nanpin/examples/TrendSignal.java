package dev.nanpin.examples;

import java.time.Instant;

/**
 * The trend reading of {@link SmaTrendGenerator}: whether the close is above its simple moving
 * average. Read it in a strategy with {@code ctx.signal(TrendSignal.class)}.
 *
 * @param up whether the close is above the average
 * @param average the moving average at the bar
 * @param asOf the open time of the bar the reading belongs to (it is delivered at that bar's close)
 */
public record TrendSignal(boolean up, double average, Instant asOf) implements dev.nanpin.Signal {
  /** Validates. */
  public TrendSignal {
    java.util.Objects.requireNonNull(asOf, "asOf");
    if (!Double.isFinite(average)) {
      throw new IllegalArgumentException("average must be finite: " + average);
    }
  }
}
