package dev.nanpin.risk.guard;

import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.MarginMode;
import dev.nanpin.risk.RiskMath;
import java.math.BigDecimal;
import java.util.Objects;

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

  /**
   * Estimates with the perpetual liquidation maths of {@link RiskMath#liquidationPrice(MarginMode,
   * double, double, double, double, MaintenanceMargin)}: isolated margin is the position's
   * notional at entry divided by the leverage, cross margin is the account collateral (other
   * positions assumed flat). Computed in {@code double}, which is plenty for a distance check.
   *
   * @param mode isolated or cross
   * @param leverage the leverage positions are opened at, {@code >= 1}
   * @param mmf the venue's maintenance-margin function
   * @return the estimator; it answers {@code null} for a long that cannot be liquidated
   */
  static LiquidationEstimator perp(MarginMode mode, double leverage, MaintenanceMargin mmf) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(mmf, "mmf");
    if (!(leverage >= 1) || Double.isInfinite(leverage)) {
      throw new IllegalArgumentException("leverage must be >= 1 and finite: " + leverage);
    }
    return position -> {
      double price = RiskMath.liquidationPrice(mode, position.quantity().doubleValue(),
          position.entryPrice().doubleValue(), leverage, position.collateral().doubleValue(), mmf);
      return price > 0 ? BigDecimal.valueOf(price) : null;
    };
  }
}
