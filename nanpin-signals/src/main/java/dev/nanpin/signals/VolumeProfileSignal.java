package dev.nanpin.signals;

import dev.nanpin.SignalView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A volume profile reading: where the volume of the window traded.
 *
 * <p>Prices are bin centres (the geometric middle of a bin of the generator's log grid).
 *
 * @param asOf when the reading became known: the close of bar {@code bar} (its open time plus the
 *     spacing to the bar before; the open time for the first bar)
 * @param bar the index of that bar
 * @param poc the point of control: the centre of the heaviest bin
 * @param valueAreaLow the lower edge of the value area (the lower bound of its lowest bin)
 * @param valueAreaHigh the upper edge of the value area (the upper bound of its highest bin)
 * @param valueAreaShare the share of the window's volume inside the value area, {@code >=} the target
 * @param totalVolume the window's volume
 * @param highVolumeNodes the centres of the high-volume nodes, ascending
 * @param lowVolumeNodes the centres of the low-volume nodes, ascending
 */
public record VolumeProfileSignal(Instant asOf, int bar, double poc, double valueAreaLow, double valueAreaHigh,
    double valueAreaShare, double totalVolume, List<Double> highVolumeNodes, List<Double> lowVolumeNodes)
    implements SignalView {

  private static final List<String> FIELDS = List.of(
      "poc", "valueAreaLow", "valueAreaHigh", "valueAreaShare", "totalVolume", "hvnCount", "lvnCount",
      "nearestHvnBelow", "hvn", "lvn");

  /** Validates and copies the lists. */
  public VolumeProfileSignal {
    Objects.requireNonNull(asOf, "asOf");
    highVolumeNodes = List.copyOf(highVolumeNodes);
    lowVolumeNodes = List.copyOf(lowVolumeNodes);
    if (!(valueAreaLow <= poc && poc <= valueAreaHigh)) {
      throw new IllegalArgumentException("value area [%s, %s] does not contain the POC %s"
          .formatted(valueAreaLow, valueAreaHigh, poc));
    }
  }

  @Override
  public String source() {
    return VolumeProfileGenerator.ID;
  }

  @Override
  public List<String> fieldNames() {
    return FIELDS;
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code nearestHvnBelow} is the highest high-volume node at or below the POC, NaN if none.
   */
  @Override
  public double number(String field) {
    return switch (field) {
      case "poc" -> poc;
      case "valueAreaLow" -> valueAreaLow;
      case "valueAreaHigh" -> valueAreaHigh;
      case "valueAreaShare" -> valueAreaShare;
      case "totalVolume" -> totalVolume;
      case "hvnCount" -> highVolumeNodes.size();
      case "lvnCount" -> lowVolumeNodes.size();
      case "nearestHvnBelow" -> nearestHvnBelow();
      default -> Double.NaN;
    };
  }

  private double nearestHvnBelow() {
    double best = Double.NaN;
    for (double p : highVolumeNodes) {
      if (p <= poc) {
        best = p;
      }
    }
    return best;
  }

  /** {@inheritDoc} {@code hvn} and {@code lvn} are the node prices joined by {@code ;}. */
  @Override
  public String text(String field) {
    return switch (field) {
      case "hvn" -> join(highVolumeNodes);
      case "lvn" -> join(lowVolumeNodes);
      default -> null;
    };
  }

  private static String join(List<Double> prices) {
    StringBuilder sb = new StringBuilder();
    for (double p : prices) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(Fmt.price(p));
    }
    return sb.toString();
  }

  /** @return the high-volume nodes: the prices a ladder snaps its levels to */
  @Override
  public double[] priceLevels() {
    double[] out = new double[highVolumeNodes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = highVolumeNodes.get(i);
    }
    return out;
  }
}
