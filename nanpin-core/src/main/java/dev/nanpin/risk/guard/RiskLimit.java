package dev.nanpin.risk.guard;

/** The limit that refused an order. */
public enum RiskLimit {
  /** The order's own notional ({@code quantity * price}) is above {@link RiskLimits#maxOrderNotional()}. */
  MAX_ORDER_NOTIONAL,
  /** The position's notional after the order, plus resting orders that add to it, is too large. */
  MAX_POSITION_NOTIONAL,
  /** That notional divided by equity is above {@link RiskLimits#maxLeverage()}, or equity is not positive. */
  MAX_LEVERAGE,
  /** The capital tied up in the position at cost plus resting orders is above {@link RiskLimits#maxCapitalInUse()}. */
  MAX_CAPITAL_IN_USE,
  /** The estimated liquidation price would be nearer to the mark price than {@link RiskLimits#minLiquidationDistance()}. */
  MIN_LIQUIDATION_DISTANCE,
  /** A reduce-only order would open or increase a position. */
  REDUCE_ONLY,
  /** The order would open a ladder on a further symbol while {@link PortfolioLimits#maxActiveLadders()} are active. */
  MAX_ACTIVE_LADDERS,
  /** The capital in use over all symbols would exceed {@link PortfolioLimits#maxTotalCapitalInUse()}. */
  MAX_TOTAL_CAPITAL_IN_USE,
  /** One symbol's notional would exceed {@link PortfolioLimits#maxEquityShare()} of the portfolio's equity. */
  MAX_EQUITY_SHARE,
  /** The notional over all symbols divided by equity would exceed {@link PortfolioLimits#maxTotalLeverage()}. */
  MAX_TOTAL_LEVERAGE
}
