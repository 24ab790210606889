package dev.nanpin.risk.guard;

import java.math.BigDecimal;

/**
 * The limits a {@link RiskGuard} enforces. Each is optional: {@code null} means no limit.
 *
 * @param maxOrderNotional the largest quote notional of one order, {@code > 0}
 * @param maxPositionNotional the largest quote notional of the position at the mark price,
 *     counting resting orders that add to it as if they had filled, {@code > 0}
 * @param maxLeverage the largest ratio of that notional to equity, {@code > 0} (e.g. {@code 3})
 * @param maxCapitalInUse the most quote capital tied up in the position (at cost) and in resting
 *     orders that add to it, {@code > 0}
 * @param minLiquidationDistance the smallest distance from the mark price to the estimated
 *     liquidation price, as a fraction of the mark price, in {@code (0, 1)} (e.g. {@code 0.25});
 *     needs a {@link LiquidationEstimator}
 */
public record RiskLimits(
    BigDecimal maxOrderNotional,
    BigDecimal maxPositionNotional,
    BigDecimal maxLeverage,
    BigDecimal maxCapitalInUse,
    BigDecimal minLiquidationDistance) {

  private static final RiskLimits NONE = new RiskLimits(null, null, null, null, null);

  /** Validates: every limit that is set is positive; the liquidation distance is below 1. */
  public RiskLimits {
    positiveOrNull(maxOrderNotional, "maxOrderNotional");
    positiveOrNull(maxPositionNotional, "maxPositionNotional");
    positiveOrNull(maxLeverage, "maxLeverage");
    positiveOrNull(maxCapitalInUse, "maxCapitalInUse");
    positiveOrNull(minLiquidationDistance, "minLiquidationDistance");
    if (minLiquidationDistance != null && minLiquidationDistance.compareTo(BigDecimal.ONE) >= 0) {
      throw new IllegalArgumentException("minLiquidationDistance is a fraction of the price and must be < 1: "
          + minLiquidationDistance.toPlainString());
    }
  }

  private static void positiveOrNull(BigDecimal v, String name) {
    if (v != null && v.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be > 0 when set: " + v.toPlainString());
    }
  }

  /** @return limits that allow everything */
  public static RiskLimits none() {
    return NONE;
  }

  /**
   * @param v the limit, or {@code null} for none
   * @return a copy with that maximum order notional
   */
  public RiskLimits withMaxOrderNotional(BigDecimal v) {
    return new RiskLimits(v, maxPositionNotional, maxLeverage, maxCapitalInUse, minLiquidationDistance);
  }

  /**
   * @param v the limit, or {@code null} for none
   * @return a copy with that maximum position notional
   */
  public RiskLimits withMaxPositionNotional(BigDecimal v) {
    return new RiskLimits(maxOrderNotional, v, maxLeverage, maxCapitalInUse, minLiquidationDistance);
  }

  /**
   * @param v the limit, or {@code null} for none
   * @return a copy with that maximum leverage
   */
  public RiskLimits withMaxLeverage(BigDecimal v) {
    return new RiskLimits(maxOrderNotional, maxPositionNotional, v, maxCapitalInUse, minLiquidationDistance);
  }

  /**
   * @param v the limit, or {@code null} for none
   * @return a copy with that maximum capital in use
   */
  public RiskLimits withMaxCapitalInUse(BigDecimal v) {
    return new RiskLimits(maxOrderNotional, maxPositionNotional, maxLeverage, v, minLiquidationDistance);
  }

  /**
   * @param v the fraction, or {@code null} for none
   * @return a copy with that minimum liquidation distance
   */
  public RiskLimits withMinLiquidationDistance(BigDecimal v) {
    return new RiskLimits(maxOrderNotional, maxPositionNotional, maxLeverage, maxCapitalInUse, v);
  }
}
