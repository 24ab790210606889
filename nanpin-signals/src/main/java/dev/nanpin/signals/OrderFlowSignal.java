package dev.nanpin.signals;

import dev.nanpin.SignalView;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The order flow of one bar. Two families of fields:
 * <ul>
 *   <li><b>Exact</b>, from the bar's public trades and their aggressor flags ({@code NaN} or
 *       {@link FlowBias#NONE} when no trade arrived for the bar): taker buy and sell volume, delta,
 *       cumulative delta, the least and greatest running delta inside the bar, diagonal and
 *       stacked imbalances of the footprint, absorption and exhaustion.</li>
 *   <li><b>Estimates</b> from OHLCV only, prefixed {@code est}: the close-location-value delta
 *       {@code V * (2 * (C - L) / (H - L) - 1)}, the bulk-volume-classification delta {@code V *
 *       (2 * Phi(dP / sigma_dP) - 1)}, their cumulative sums, the price/CVD divergence (on the CVD
 *       the generator's {@code cvdSource} names) and effort versus result. They are models of who
 *       traded, not measurements.</li>
 * </ul>
 *
 * @param asOf when the reading became known: the close of bar {@code bar} (its open time plus the
 *     spacing to the bar before; the open time for the first bar)
 * @param bar the bar index
 * @param trades the number of trades received for the bar
 * @param buyVolume taker buy volume (base units), NaN without trades
 * @param sellVolume taker sell volume, NaN without trades
 * @param delta {@code buyVolume - sellVolume}, NaN without trades
 * @param cumulativeDelta the sum of the trade deltas of all bars so far (0 before any trade)
 * @param minDelta the least running delta inside the bar, NaN without trades
 * @param maxDelta the greatest running delta inside the bar, NaN without trades
 * @param buyImbalances footprint levels whose ask volume beats the bid volume one level below by the ratio
 * @param sellImbalances footprint levels whose bid volume beats the ask volume one level above by the ratio
 * @param stackedBuy whether at least {@code stackLevels} consecutive levels are buy-imbalanced
 * @param stackedSell whether at least {@code stackLevels} consecutive levels are sell-imbalanced
 * @param absorption heavy aggression without follow-through: bullish when sellers dominated but the
 *     bar closed in its upper half, bearish for the mirror
 * @param exhaustion a new extreme on fading delta: bearish at a new high, bullish at a new low
 * @param estClvDelta the close-location-value delta estimate
 * @param estBvcDelta the bulk-volume-classification delta estimate (0 until two price changes are known)
 * @param estCvdClv the cumulative CLV delta
 * @param estCvdBvc the cumulative BVC delta
 * @param divergence price at a new lookback high while the CVD is not (bearish), or the mirror
 * @param effortRatio volume per unit of range relative to the average of the previous bars, NaN
 *     while the averages warm up or the range is zero
 * @param effort churn (high effort, little result), climax (record effort and result) or normal
 */
public record OrderFlowSignal(Instant asOf, int bar, int trades, double buyVolume, double sellVolume, double delta,
    double cumulativeDelta, double minDelta, double maxDelta, int buyImbalances, int sellImbalances,
    boolean stackedBuy, boolean stackedSell, FlowBias absorption, FlowBias exhaustion,
    double estClvDelta, double estBvcDelta, double estCvdClv, double estCvdBvc, FlowBias divergence,
    double effortRatio, Effort effort) implements SignalView {

  /** Effort (volume) against result (range). */
  public enum Effort {
    /** Nothing unusual. */
    NORMAL,
    /** Much volume for little range: a fight, often at a turn. */
    CHURN,
    /** Record volume and record range together. */
    CLIMAX
  }

  private static final List<String> FIELDS = List.of("trades", "buyVolume", "sellVolume", "delta",
      "cumulativeDelta", "minDelta", "maxDelta", "buyImbalances", "sellImbalances", "stackedBuy", "stackedSell",
      "absorption", "exhaustion", "estClvDelta", "estBvcDelta", "estCvdClv", "estCvdBvc", "divergence",
      "effortRatio", "effort");

  /** Validates. */
  public OrderFlowSignal {
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(absorption, "absorption");
    Objects.requireNonNull(exhaustion, "exhaustion");
    Objects.requireNonNull(divergence, "divergence");
    Objects.requireNonNull(effort, "effort");
  }

  @Override
  public String source() {
    return OrderFlowGenerator.ID;
  }

  @Override
  public List<String> fieldNames() {
    return FIELDS;
  }

  /** {@inheritDoc} The booleans read as 1 or 0. */
  @Override
  public double number(String field) {
    return switch (field) {
      case "trades" -> trades;
      case "buyVolume" -> buyVolume;
      case "sellVolume" -> sellVolume;
      case "delta" -> delta;
      case "cumulativeDelta" -> cumulativeDelta;
      case "minDelta" -> minDelta;
      case "maxDelta" -> maxDelta;
      case "buyImbalances" -> buyImbalances;
      case "sellImbalances" -> sellImbalances;
      case "stackedBuy" -> stackedBuy ? 1 : 0;
      case "stackedSell" -> stackedSell ? 1 : 0;
      case "estClvDelta" -> estClvDelta;
      case "estBvcDelta" -> estBvcDelta;
      case "estCvdClv" -> estCvdClv;
      case "estCvdBvc" -> estCvdBvc;
      case "effortRatio" -> effortRatio;
      default -> Double.NaN;
    };
  }

  @Override
  public String text(String field) {
    Enum<?> e = switch (field) {
      case "absorption" -> absorption;
      case "exhaustion" -> exhaustion;
      case "divergence" -> divergence;
      case "effort" -> effort;
      default -> null;
    };
    return e == null ? null : e.name();
  }
}
