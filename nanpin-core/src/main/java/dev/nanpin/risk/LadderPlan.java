package dev.nanpin.risk;

import static dev.nanpin.internal.Checks.notNull;

import java.util.List;
import java.util.Optional;

/**
 * The table of a nanpin ladder filled level by level, and whether it is safe: made by {@link
 * LadderPlanner#plan}.
 *
 * @param request what the plan was computed for
 * @param leverage the leverage used ({@code 1} on spot)
 * @param baseQuote the quote notional of level 1
 * @param levels the levels, highest price first
 * @param rejection why the plan is refused, or empty when it is accepted
 */
public record LadderPlan(PlanRequest request, double leverage, double baseQuote, List<Level> levels,
    Optional<Rejection> rejection) {

  /** Validates and copies. */
  public LadderPlan {
    notNull(request, "request");
    levels = List.copyOf(notNull(levels, "levels"));
    notNull(rejection, "rejection");
  }

  /** @return whether the plan passed the funding and liquidation checks */
  public boolean accepted() {
    return rejection.isEmpty();
  }

  /**
   * Returns this plan if it was accepted.
   *
   * @return this plan
   * @throws LadderRejectedException naming the level and the prices if it was refused
   */
  public LadderPlan requireAccepted() {
    if (rejection.isPresent()) {
      Rejection r = rejection.get();
      throw new LadderRejectedException(r.level(), r.levelPrice(), r.liquidationPrice(), r.message());
    }
    return this;
  }

  /**
   * One level of the plan, the state of the position right after its fill.
   *
   * @param level the 1-based level
   * @param price the fill price
   * @param orderQuote the quote notional of the level's order
   * @param orderQuantity the base quantity of the order
   * @param cumulativeQuantity the position after the fill
   * @param cumulativeQuote the quote spent on all fills so far, fees excluded
   * @param averageEntry the average entry after the fill
   * @param breakEven the price that returns the cost and entry fees after the exit's taker fee
   * @param takeProfitPrice the take-profit price from the average entry, {@code NaN} when off
   * @param liquidationPrice the liquidation price after the fill, {@code NaN} on spot, {@code 0}
   *     when the position cannot be liquidated
   * @param capitalInUse the capital the position ties up after the fill, fees included
   */
  public record Level(int level, double price, double orderQuote, double orderQuantity, double cumulativeQuantity,
      double cumulativeQuote, double averageEntry, double breakEven, double takeProfitPrice, double liquidationPrice,
      double capitalInUse) {}

  /**
   * Why a plan was refused.
   *
   * @param level the 1-based level at fault
   * @param levelPrice its price
   * @param liquidationPrice the liquidation price that breaks it, {@code NaN} for a funding problem
   * @param message the reason, naming the level and the prices
   */
  public record Rejection(int level, double levelPrice, double liquidationPrice, String message) {
    /** Validates. */
    public Rejection {
      notNull(message, "message");
    }
  }
}
