package dev.nanpin.signals;

import dev.nanpin.SignalView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A Wyckoff reading: the range being tracked, its phase and the event of this bar, each with the
 * index of the bar that is its evidence. An event whose evidence is a swing pivot is reported
 * when the pivot is confirmed, {@code pivotRight} bars after it: {@code eventBar < bar} then, and
 * the event was not known before {@code bar}.
 *
 * @param asOf when the reading became known: the close of bar {@code bar} (its open time plus the
 *     spacing to the bar before; the open time for the first bar)
 * @param bar the index of that bar
 * @param bias accumulation, distribution or none
 * @param phase the phase of the range
 * @param phaseBar the evidence bar of the current phase (e.g. the climax for phase A), -1 for none
 * @param event the event found at this bar, or {@code null}
 * @param eventBar the evidence bar of {@code event}, -1 when there is no event
 * @param rangeLow the range's support, NaN before it is known
 * @param rangeHigh the range's resistance, NaN before it is known
 * @param volumeRatio the short over the long volume average at this bar
 * @param climaxBar the evidence bar of the range's climax, -1 for none
 * @param springBar the evidence bar of the spring (accumulation) or UTAD (distribution) of the
 *     current range, -1 for none
 */
public record WyckoffSignal(Instant asOf, int bar, WyckoffBias bias, WyckoffPhase phase, int phaseBar,
    WyckoffEvent event, int eventBar, double rangeLow, double rangeHigh, double volumeRatio, int climaxBar,
    int springBar) implements SignalView {

  private static final List<String> FIELDS = List.of("bias", "phase", "phaseBar", "event", "eventBar", "rangeLow",
      "rangeHigh", "volumeRatio", "climaxBar", "springBar");

  /** Validates. */
  public WyckoffSignal {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(bias, "bias");
    Objects.requireNonNull(phase, "phase");
    if (event != null && (eventBar < 0 || eventBar > bar)) {
      throw new IllegalArgumentException("event " + event + " at bar " + eventBar + " reported at bar " + bar);
    }
  }

  @Override
  public String source() {
    return WyckoffGenerator.ID;
  }

  @Override
  public List<String> fieldNames() {
    return FIELDS;
  }

  /** {@inheritDoc} Bar indexes read as NaN when they are -1. */
  @Override
  public double number(String field) {
    return switch (field) {
      case "phaseBar" -> index(phaseBar);
      case "eventBar" -> index(eventBar);
      case "rangeLow" -> rangeLow;
      case "rangeHigh" -> rangeHigh;
      case "volumeRatio" -> volumeRatio;
      case "climaxBar" -> index(climaxBar);
      case "springBar" -> index(springBar);
      default -> Double.NaN;
    };
  }

  private static double index(int i) {
    return i < 0 ? Double.NaN : i;
  }

  @Override
  public String text(String field) {
    return switch (field) {
      case "bias" -> bias.name();
      case "phase" -> phase.name();
      case "event" -> event == null ? null : event.name();
      default -> null;
    };
  }
}
