package dev.nanpin.risk.guard;

import java.math.BigDecimal;

/**
 * The limits a {@link PortfolioGuard} enforces over all the symbols of one account, on top of the
 * per-symbol {@link RiskLimits} (whose {@link RiskLimits#maxCapitalInUse()} is the capital limit
 * per symbol). Each is optional: {@code null} means no limit.
 *
 * @param maxActiveLadders the most symbols with an open position or resting orders that add to it
 *     (active ladders, "deals") at once, {@code >= 1}
 * @param maxTotalCapitalInUse the most quote capital tied up over all symbols, each counted as
 *     {@link RiskGuard} counts one ({@code |position| * average entry + resting}), {@code > 0}
 * @param maxEquityShare the largest share of the portfolio's equity one symbol's notional ({@code
 *     |position| * mark + resting}) may reach, a fraction {@code > 0} (e.g. {@code 0.4})
 * @param maxTotalLeverage the largest ratio of the notional over all symbols to the portfolio's
 *     equity, {@code > 0}
 */
public record PortfolioLimits(
    Integer maxActiveLadders, BigDecimal maxTotalCapitalInUse, BigDecimal maxEquityShare,
    BigDecimal maxTotalLeverage) {

  private static final PortfolioLimits NONE = new PortfolioLimits(null, null, null, null);

  /** Validates: every limit that is set is positive. */
  public PortfolioLimits {
    if (maxActiveLadders != null && maxActiveLadders < 1) {
      throw new IllegalArgumentException("maxActiveLadders must be >= 1 when set: " + maxActiveLadders);
    }
    positiveOrNull(maxTotalCapitalInUse, "maxTotalCapitalInUse");
    positiveOrNull(maxEquityShare, "maxEquityShare");
    positiveOrNull(maxTotalLeverage, "maxTotalLeverage");
  }

  private static void positiveOrNull(BigDecimal v, String name) {
    if (v != null && v.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be > 0 when set: " + v.toPlainString());
    }
  }

  /** @return limits that allow everything */
  public static PortfolioLimits none() {
    return NONE;
  }

  /**
   * @param v the limit, or {@code null} for none
   * @return a copy with that maximum of active ladders
   */
  public PortfolioLimits withMaxActiveLadders(Integer v) {
    return new PortfolioLimits(v, maxTotalCapitalInUse, maxEquityShare, maxTotalLeverage);
  }

  /**
   * @param v the limit, or {@code null} for none
   * @return a copy with that maximum total capital in use
   */
  public PortfolioLimits withMaxTotalCapitalInUse(BigDecimal v) {
    return new PortfolioLimits(maxActiveLadders, v, maxEquityShare, maxTotalLeverage);
  }

  /**
   * @param v the fraction, or {@code null} for none
   * @return a copy with that maximum share of equity per symbol
   */
  public PortfolioLimits withMaxEquityShare(BigDecimal v) {
    return new PortfolioLimits(maxActiveLadders, maxTotalCapitalInUse, v, maxTotalLeverage);
  }

  /**
   * @param v the limit, or {@code null} for none
   * @return a copy with that maximum total leverage
   */
  public PortfolioLimits withMaxTotalLeverage(BigDecimal v) {
    return new PortfolioLimits(maxActiveLadders, maxTotalCapitalInUse, maxEquityShare, v);
  }
}
