package dev.nanpin.risk.guard;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Objects;

/**
 * Checks an order against {@link RiskLimits} before it is sent.
 *
 * <h2>What is checked, and why only orders that add risk</h2>
 * An order that only reduces the position (same or smaller absolute size, same direction) is
 * always accepted, whatever the limits: a guard must never stop a bot from getting out. An order
 * that opens, increases or flips a position is checked, in this order, and refused by the first
 * limit it breaks:
 * <ol>
 *   <li>{@link RiskLimit#REDUCE_ONLY}: it is flagged reduce-only;
 *   <li>{@link RiskLimit#MAX_ORDER_NOTIONAL}: {@code quantity * price};
 *   <li>{@link RiskLimit#MAX_POSITION_NOTIONAL}: {@code |position after| * mark + resting};
 *   <li>{@link RiskLimit#MAX_LEVERAGE}: that notional divided by equity (refused when equity
 *       is not positive);
 *   <li>{@link RiskLimit#MAX_CAPITAL_IN_USE}: {@code |position after| * average entry after +
 *       resting};
 *   <li>{@link RiskLimit#MIN_LIQUIDATION_DISTANCE}: {@code |mark - liquidation| / mark} of the
 *       position after the order, as estimated by the {@link LiquidationEstimator}.
 * </ol>
 * "Resting" is {@link Exposure#openOrderNotional()}: a ladder's unfilled levels count as if they
 * had filled, so the last level is checked against the worst case, not only the current
 * position.
 *
 * <p>Exact {@link BigDecimal} arithmetic; ratios use {@link MathContext#DECIMAL64}. Immutable and
 * thread-safe.
 */
public final class RiskGuard {
  private static final MathContext MC = MathContext.DECIMAL64;

  private final RiskLimits limits;
  private final LiquidationEstimator estimator;

  /**
   * Creates a guard.
   *
   * @param limits the limits
   * @param estimator the liquidation estimate used by the minimum-distance check
   * @throws IllegalArgumentException if a minimum liquidation distance is set without an
   *     estimator (a limit that cannot be checked would silently allow everything)
   */
  public RiskGuard(RiskLimits limits, LiquidationEstimator estimator) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.estimator = Objects.requireNonNull(estimator, "estimator");
    if (limits.minLiquidationDistance() != null && estimator == LiquidationEstimator.NONE) {
      throw new IllegalArgumentException(
          "minLiquidationDistance is set but no LiquidationEstimator is given: the limit could not be checked");
    }
  }

  /**
   * A guard without a liquidation-distance check.
   *
   * @param limits the limits; {@code minLiquidationDistance} must be unset
   * @return the guard
   */
  public static RiskGuard of(RiskLimits limits) {
    return new RiskGuard(limits, LiquidationEstimator.NONE);
  }

  /** @return the limits */
  public RiskLimits limits() {
    return limits;
  }

  /**
   * Checks an order.
   *
   * @param order the order
   * @param exposure the account and position on the order's symbol
   * @return accepted, or refused by the first limit broken, with the numbers
   */
  public RiskDecision check(ProposedOrder order, Exposure exposure) {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(exposure, "exposure");
    BigDecimal before = exposure.positionQuantity();
    BigDecimal after = positionAfter(order, before);
    boolean flips = flips(before, after);
    if (!addsRisk(before, after)) {
      return RiskDecision.accept();
    }
    String what = what(order);
    if (order.reduceOnly()) {
      return RiskDecision.refuse(RiskLimit.REDUCE_ONLY, after.abs(), before.abs(),
          "REDUCE_ONLY: %s is reduce-only but would take the position from %s to %s"
              .formatted(what, plain(before), plain(after)));
    }
    BigDecimal orderNotional = order.notional();
    if (limits.maxOrderNotional() != null && orderNotional.compareTo(limits.maxOrderNotional()) > 0) {
      return RiskDecision.refuse(RiskLimit.MAX_ORDER_NOTIONAL, orderNotional, limits.maxOrderNotional(),
          "MAX_ORDER_NOTIONAL: %s is %s notional, limit %s".formatted(what, money(orderNotional),
              money(limits.maxOrderNotional())));
    }
    BigDecimal resting = exposure.openOrderNotional();
    BigDecimal positionNotional = after.abs().multiply(exposure.markPrice()).add(resting);
    if (limits.maxPositionNotional() != null && positionNotional.compareTo(limits.maxPositionNotional()) > 0) {
      return RiskDecision.refuse(RiskLimit.MAX_POSITION_NOTIONAL, positionNotional, limits.maxPositionNotional(),
          "MAX_POSITION_NOTIONAL: after %s the position would be %s notional (%s at mark %s + %s resting), limit %s"
              .formatted(what, money(positionNotional), plain(after), plain(exposure.markPrice()), money(resting),
                  money(limits.maxPositionNotional())));
    }
    if (limits.maxLeverage() != null) {
      if (exposure.equity().signum() <= 0) {
        return RiskDecision.refuse(RiskLimit.MAX_LEVERAGE, null, limits.maxLeverage(),
            "MAX_LEVERAGE: equity is %s, so %s cannot be levered within %sx".formatted(money(exposure.equity()), what,
                plain(limits.maxLeverage())));
      }
      BigDecimal leverage = positionNotional.divide(exposure.equity(), MC);
      if (leverage.compareTo(limits.maxLeverage()) > 0) {
        return RiskDecision.refuse(RiskLimit.MAX_LEVERAGE, leverage, limits.maxLeverage(),
            "MAX_LEVERAGE: after %s leverage would be %sx (%s notional / %s equity), limit %sx".formatted(what,
                ratio(leverage), money(positionNotional), money(exposure.equity()), plain(limits.maxLeverage())));
      }
    }
    BigDecimal entryAfter = entryAfter(exposure, order, before, after, flips);
    if (limits.maxCapitalInUse() != null) {
      BigDecimal capital = after.abs().multiply(entryAfter).add(resting);
      if (capital.compareTo(limits.maxCapitalInUse()) > 0) {
        return RiskDecision.refuse(RiskLimit.MAX_CAPITAL_IN_USE, capital, limits.maxCapitalInUse(),
            "MAX_CAPITAL_IN_USE: after %s capital in use would be %s (%s at average entry %s + %s resting), limit %s"
                .formatted(what, money(capital), plain(after), ratio(entryAfter), money(resting),
                    money(limits.maxCapitalInUse())));
      }
    }
    if (limits.minLiquidationDistance() != null) {
      ProjectedPosition projected = new ProjectedPosition(order.symbol(), after, entryAfter, exposure.markPrice(),
          exposure.collateral());
      BigDecimal liquidation = estimator.liquidationPrice(projected);
      if (liquidation != null) {
        BigDecimal distance = exposure.markPrice().subtract(liquidation).abs().divide(exposure.markPrice(), MC);
        if (distance.compareTo(limits.minLiquidationDistance()) < 0) {
          return RiskDecision.refuse(RiskLimit.MIN_LIQUIDATION_DISTANCE, distance, limits.minLiquidationDistance(),
              "MIN_LIQUIDATION_DISTANCE: after %s the estimated liquidation price %s would be %s%% from mark %s, minimum %s%%"
                  .formatted(what, ratio(liquidation), percent(distance), plain(exposure.markPrice()),
                      percent(limits.minLiquidationDistance())));
        }
      }
    }
    return RiskDecision.accept();
  }

  /** The signed position after {@code order} fills on {@code before}. */
  static BigDecimal positionAfter(ProposedOrder order, BigDecimal before) {
    return before.add(order.side() == dev.nanpin.Side.BUY ? order.quantity() : order.quantity().negate());
  }

  /** Whether going from {@code before} to {@code after} turns the position to the other side. */
  static boolean flips(BigDecimal before, BigDecimal after) {
    return before.signum() != 0 && after.signum() != 0 && before.signum() != after.signum();
  }

  /** Whether going from {@code before} to {@code after} opens, increases or flips the position. */
  static boolean addsRisk(BigDecimal before, BigDecimal after) {
    return flips(before, after) || after.abs().compareTo(before.abs()) > 0;
  }

  /** The order as the refusal messages name it. */
  static String what(ProposedOrder order) {
    return "%s %s %s at %s".formatted(order.side(), plain(order.quantity()), order.symbol(), plain(order.price()));
  }

  /** The average entry price after the fill: averaged when adding, the order's price when opening or flipping. */
  static BigDecimal entryAfter(Exposure e, ProposedOrder order, BigDecimal before, BigDecimal after,
      boolean flips) {
    if (before.signum() == 0 || flips) {
      return order.price();
    }
    BigDecimal cost = before.abs().multiply(e.entryPrice()).add(order.quantity().multiply(order.price()));
    return cost.divide(after.abs(), MC);
  }

  static String plain(BigDecimal v) {
    return v.stripTrailingZeros().toPlainString();
  }

  static String money(BigDecimal v) {
    return v.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  static String ratio(BigDecimal v) {
    return v.round(new MathContext(6, RoundingMode.HALF_UP)).stripTrailingZeros().toPlainString();
  }

  static String percent(BigDecimal fraction) {
    return fraction.movePointRight(2).setScale(2, RoundingMode.HALF_UP).toPlainString();
  }
}
