package dev.nanpin.risk.guard;

import java.math.BigDecimal;

/**
 * Estimates where a position would be liquidated, for the minimum-distance check of {@link
 * RiskGuard}. The liquidation maths of the margin model (isolated or cross, maintenance margin
 * tiers) implements it; the guard only compares the answer with the mark price.
 *
 * <p>Implementations must be thread-safe and fast: the guard calls it for every order that adds
 * to a position.
 */
@FunctionalInterface
public interface LiquidationEstimator {
  /** Estimates nothing: for spot, or when no margin model is configured. */
  LiquidationEstimator NONE = position -> null;

  /**
   * Estimates the liquidation price of a position.
   *
   * @param position the position after the order would fill
   * @return the estimated liquidation price, {@code >= 0}, or {@code null} when the position
   *     cannot be liquidated (spot, fully collateralised)
   */
  BigDecimal liquidationPrice(ProjectedPosition position);
}
