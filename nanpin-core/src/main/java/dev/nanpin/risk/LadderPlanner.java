package dev.nanpin.risk;

import static dev.nanpin.internal.Checks.notNull;

import dev.nanpin.strategy.LevelMode;
import dev.nanpin.strategy.NanpinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Computes the {@link LadderPlan} of a nanpin configuration: every level filled in turn, with the
 * position's average entry, break-even, take-profit, liquidation price and capital in use after
 * each fill, then checks it.
 *
 * <p>The checks, in order, for each level {@code k}:
 * <ol>
 *   <li>funding: the capital in use after level {@code k} must not exceed the balance (or
 *       {@code maxCapitalFraction} of it when set);</li>
 *   <li>liquidation (perpetuals): the liquidation price after level {@code k} must lie at least
 *       {@code liquidationBuffer} below the next level's price, and after the last level at least
 *       that far below the last level's price. Otherwise the position would be liquidated before
 *       the ladder could average it down.</li>
 * </ol>
 * Level 1 of a step ladder is a market order (taker fee); the other levels are resting limits
 * (maker fee). With no base size given, the base is chosen so that the fully filled ladder uses
 * the whole budget.
 *
 * <p>Stateless and thread-safe.
 */
public final class LadderPlanner {
  private LadderPlanner() {}

  /**
   * Plans a ladder.
   *
   * @param config the strategy settings (levels, steps, scales, take-profit, leverage, buffer)
   * @param request the account, market and margin rules
   * @return the plan, accepted or with the reason it is refused
   * @throws IllegalArgumentException if a Fibonacci plan lacks its swing
   */
  public static LadderPlan plan(NanpinConfig config, PlanRequest request) {
    notNull(config, "config");
    notNull(request, "request");
    boolean perp = request.perp();
    double leverage = perp ? config.leverage() : 1;
    double[] prices = levelPrices(config, request);
    int m = prices.length;
    if (m == 0) {
      return new LadderPlan(request, leverage, Double.NaN, List.of(), Optional.of(new LadderPlan.Rejection(1,
          Double.NaN, Double.NaN, "no Fibonacci level lies below the price %s".formatted(fmt(request.price())))));
    }
    boolean marketFirst = config.levelMode() == LevelMode.STEP;
    double budgetFraction = Double.isNaN(config.maxCapitalFraction()) ? 1 : config.maxCapitalFraction();
    double budget = request.balance() * budgetFraction;
    double base = request.baseQuote();
    if (Double.isNaN(base)) {
      // Capital per unit of base quote, summed over the levels: margin (or cost) plus the fee.
      double perUnit = 0;
      double scale = 1;
      for (int k = 0; k < m; k++) {
        double fee = feeOf(request, marketFirst, k);
        perUnit += scale * ((perp ? 1 / leverage : 1) + fee);
        scale *= config.volumeScale();
      }
      base = budget / perUnit;
    }
    List<LadderPlan.Level> levels = new ArrayList<>(m);
    LadderPlan.Rejection rejection = null;
    double qty = 0;
    double cost = 0;
    double fees = 0;
    double scale = 1;
    boolean tp = config.exitsEnabled() && config.takeProfit() > 0;
    for (int k = 0; k < m; k++) {
      double quote = base * scale;
      scale *= config.volumeScale();
      double q = quote / prices[k];
      qty += q;
      cost += quote;
      fees += quote * feeOf(request, marketFirst, k);
      double avg = cost / qty;
      double breakEven = RiskMath.breakEvenPrice(qty, cost, fees, request.takerFee());
      double tpPrice = tp ? avg * (1 + config.takeProfit()) : Double.NaN;
      double liq = Double.NaN;
      if (perp) {
        double margin = request.marginMode() == MarginMode.ISOLATED
            ? cost / leverage
            : Math.max(0, request.balance() - fees);
        liq = RiskMath.liquidationPrice(qty, avg, margin, request.mmf());
      }
      double capital = RiskMath.capitalInUse(perp, cost, fees, leverage);
      levels.add(new LadderPlan.Level(k + 1, prices[k], quote, q, qty, cost, avg, breakEven, tpPrice, liq, capital));
      if (rejection == null) {
        rejection = check(config, request, prices, k, liq, capital, budget, budgetFraction);
      }
    }
    return new LadderPlan(request, leverage, base, levels, Optional.ofNullable(rejection));
  }

  private static LadderPlan.Rejection check(NanpinConfig config, PlanRequest request, double[] prices, int k,
      double liq, double capital, double budget, double budgetFraction) {
    // A relative tolerance so that an auto-sized ladder, which uses the budget exactly, passes.
    if (capital > budget * (1 + 1e-9)) {
      return new LadderPlan.Rejection(k + 1, prices[k], Double.NaN,
          "level %d at %s needs capital %s in use, more than the budget %s (%s of the balance %s)".formatted(
              k + 1, fmt(prices[k]), fmt(capital), fmt(budget), fmt(budgetFraction), fmt(request.balance())));
    }
    if (!request.perp()) {
      return null;
    }
    double buffer = config.liquidationBuffer();
    boolean last = k == prices.length - 1;
    double guarded = last ? prices[k] : prices[k + 1];
    if (liq >= guarded * (1 - buffer)) {
      String message = last
          ? ("fully filled at level %d (%s), the position would be liquidated at %s, within %s of that level;"
              + " lower the leverage or the sizes, or widen the steps").formatted(
                  k + 1, fmt(prices[k]), fmt(liq), pct(buffer))
          : ("after level %d fills at %s, the position would be liquidated at %s, before (or within %s of) level"
              + " %d at %s; lower the leverage or the sizes, or narrow the steps").formatted(
                  k + 1, fmt(prices[k]), fmt(liq), pct(buffer), k + 2, fmt(prices[k + 1]));
      return new LadderPlan.Rejection(last ? k + 1 : k + 2, guarded, liq, message);
    }
    return null;
  }

  private static double[] levelPrices(NanpinConfig config, PlanRequest request) {
    if (config.levelMode() == LevelMode.STEP) {
      return config.stepLevelPrices(request.price());
    }
    if (Double.isNaN(request.swingHigh()) || Double.isNaN(request.swingLow())) {
      throw new IllegalArgumentException("a Fibonacci ladder plan needs the swing high and low");
    }
    double[] all = config.fibonacciLevelPrices(request.swingHigh(), request.swingLow());
    int count = 0;
    for (double p : all) {
      if (p < request.price()) {
        count++;
      }
    }
    double[] below = new double[count];
    int i = 0;
    for (double p : all) {
      if (p < request.price()) {
        below[i++] = p;
      }
    }
    return below;
  }

  private static double feeOf(PlanRequest request, boolean marketFirst, int k) {
    return marketFirst && k == 0 ? request.takerFee() : request.makerFee();
  }

  private static String fmt(double v) {
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%.2f" : "%.6g", v);
  }

  private static String pct(double fraction) {
    return String.format(Locale.ROOT, "%.2f %%", fraction * 100);
  }
}
