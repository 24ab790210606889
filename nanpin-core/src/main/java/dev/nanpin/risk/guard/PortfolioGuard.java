package dev.nanpin.risk.guard;

import static dev.nanpin.risk.guard.RiskGuard.money;
import static dev.nanpin.risk.guard.RiskGuard.percent;
import static dev.nanpin.risk.guard.RiskGuard.ratio;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Checks an order of one symbol of a portfolio: first against the per-symbol {@link RiskGuard}
 * (its {@link RiskLimits} apply to each symbol on its own, with the portfolio's equity and
 * collateral), then against the {@link PortfolioLimits} over all symbols, in this order:
 * <ol>
 *   <li>{@link RiskLimit#MAX_ACTIVE_LADDERS}: the order would make its symbol active (a position
 *       or resting orders that add to it) while the limit's number of other symbols already are;
 *   <li>{@link RiskLimit#MAX_TOTAL_CAPITAL_IN_USE}: the sum over symbols of {@code |position| *
 *       average entry + resting}, the order's symbol taken after the order;
 *   <li>{@link RiskLimit#MAX_EQUITY_SHARE}: {@code (|position after| * mark + resting) / equity}
 *       of the order's symbol (refused when equity is not positive);
 *   <li>{@link RiskLimit#MAX_TOTAL_LEVERAGE}: the sum over symbols of {@code |position| * mark +
 *       resting}, the order's symbol after the order, divided by equity.
 * </ol>
 * As in {@link RiskGuard}, an order that only reduces its position is always accepted, and
 * "resting" counts a ladder's unfilled levels as if they had filled.
 *
 * <p>Exact {@link BigDecimal} arithmetic; ratios use {@link MathContext#DECIMAL64}. Immutable and
 * thread-safe.
 */
public final class PortfolioGuard {
  private static final MathContext MC = MathContext.DECIMAL64;

  private final RiskGuard perSymbol;
  private final PortfolioLimits limits;

  /**
   * Creates a guard.
   *
   * @param perSymbol the guard each symbol's orders pass first
   * @param limits the limits over all symbols
   */
  public PortfolioGuard(RiskGuard perSymbol, PortfolioLimits limits) {
    this.perSymbol = Objects.requireNonNull(perSymbol, "perSymbol");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /** @return the per-symbol guard */
  public RiskGuard perSymbol() {
    return perSymbol;
  }

  /** @return the limits over all symbols */
  public PortfolioLimits limits() {
    return limits;
  }

  /**
   * Checks an order.
   *
   * @param order the order; its symbol must be one of the portfolio's
   * @param portfolio the account and every symbol's position
   * @return accepted, or refused by the first limit broken, with the numbers
   */
  public RiskDecision check(ProposedOrder order, PortfolioExposure portfolio) {
    Objects.requireNonNull(order, "order");
    Objects.requireNonNull(portfolio, "portfolio");
    SymbolExposure own = portfolio.symbol(order.symbol());
    RiskDecision single = perSymbol.check(order, portfolio.exposure(order.symbol()));
    BigDecimal before = own.positionQuantity();
    BigDecimal after = RiskGuard.positionAfter(order, before);
    if (!single.accepted() || !RiskGuard.addsRisk(before, after)) {
      return single;
    }
    String what = RiskGuard.what(order);
    // The order's symbol as it would be if the order filled.
    BigDecimal entryAfter = RiskGuard.entryAfter(portfolio.exposure(order.symbol()), order, before, after,
        RiskGuard.flips(before, after));
    SymbolExposure mine = new SymbolExposure(own.symbol(), own.markPrice(), after, entryAfter,
        own.openOrderNotional());
    if (limits.maxActiveLadders() != null && !own.active()) {
      List<String> active = new ArrayList<>();
      for (SymbolExposure s : portfolio.symbols()) {
        if (s.active()) {
          active.add(s.symbol());
        }
      }
      if (active.size() >= limits.maxActiveLadders()) {
        return RiskDecision.refuse(RiskLimit.MAX_ACTIVE_LADDERS, BigDecimal.valueOf(active.size() + 1L),
            BigDecimal.valueOf(limits.maxActiveLadders()),
            "MAX_ACTIVE_LADDERS: %s would open ladder %d while %d are active %s, limit %d".formatted(what,
                active.size() + 1, active.size(), active, limits.maxActiveLadders()));
      }
    }
    BigDecimal capital = BigDecimal.ZERO;
    BigDecimal notional = BigDecimal.ZERO;
    for (SymbolExposure s : portfolio.symbols()) {
      SymbolExposure x = s.symbol().equals(order.symbol()) ? mine : s;
      capital = capital.add(x.capitalInUse());
      notional = notional.add(x.notional());
    }
    if (limits.maxTotalCapitalInUse() != null && capital.compareTo(limits.maxTotalCapitalInUse()) > 0) {
      return RiskDecision.refuse(RiskLimit.MAX_TOTAL_CAPITAL_IN_USE, capital, limits.maxTotalCapitalInUse(),
          "MAX_TOTAL_CAPITAL_IN_USE: after %s capital in use over %d symbols would be %s (%s on %s), limit %s"
              .formatted(what, portfolio.symbols().size(), money(capital), money(mine.capitalInUse()),
                  order.symbol(), money(limits.maxTotalCapitalInUse())));
    }
    boolean needsEquity = limits.maxEquityShare() != null || limits.maxTotalLeverage() != null;
    if (needsEquity && portfolio.equity().signum() <= 0) {
      RiskLimit limit = limits.maxEquityShare() != null ? RiskLimit.MAX_EQUITY_SHARE : RiskLimit.MAX_TOTAL_LEVERAGE;
      return RiskDecision.refuse(limit, null, limit == RiskLimit.MAX_EQUITY_SHARE ? limits.maxEquityShare()
          : limits.maxTotalLeverage(), "%s: equity is %s, so %s cannot be checked against a share of it"
              .formatted(limit, money(portfolio.equity()), what));
    }
    if (limits.maxEquityShare() != null) {
      BigDecimal share = mine.notional().divide(portfolio.equity(), MC);
      if (share.compareTo(limits.maxEquityShare()) > 0) {
        return RiskDecision.refuse(RiskLimit.MAX_EQUITY_SHARE, share, limits.maxEquityShare(),
            "MAX_EQUITY_SHARE: after %s %s would be %s%% of equity (%s notional / %s equity), limit %s%%"
                .formatted(what, order.symbol(), percent(share), money(mine.notional()), money(portfolio.equity()),
                    percent(limits.maxEquityShare())));
      }
    }
    if (limits.maxTotalLeverage() != null) {
      BigDecimal leverage = notional.divide(portfolio.equity(), MC);
      if (leverage.compareTo(limits.maxTotalLeverage()) > 0) {
        return RiskDecision.refuse(RiskLimit.MAX_TOTAL_LEVERAGE, leverage, limits.maxTotalLeverage(),
            "MAX_TOTAL_LEVERAGE: after %s total leverage would be %sx (%s notional over %d symbols / %s equity), limit %sx"
                .formatted(what, ratio(leverage), money(notional), portfolio.symbols().size(),
                    money(portfolio.equity()), ratio(limits.maxTotalLeverage())));
      }
    }
    return RiskDecision.accept();
  }
}
