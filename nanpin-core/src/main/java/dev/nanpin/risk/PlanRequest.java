package dev.nanpin.risk;

import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import dev.nanpin.InstrumentKind;

/**
 * What a ladder plan is computed for: the account, the market and its margin rules.
 *
 * @param balance the quote balance (spot) or collateral (perps), {@code > 0}
 * @param price the current price, the step ladder's entry, {@code > 0}
 * @param baseQuote the quote notional of level 1, or {@code NaN} to spend the whole budget
 *     ({@code balance}, or {@code maxCapitalFraction} of it) over the fully filled ladder
 * @param kind spot or perpetual
 * @param marginMode how a perpetual position is margined (ignored on spot)
 * @param mmf the maintenance-margin function of the perpetual market (ignored on spot)
 * @param makerFee the maker fee rate, for the resting levels, {@code >= 0}
 * @param takerFee the taker fee rate, for the market base order and the exit, {@code >= 0}
 * @param swingHigh the swing high for Fibonacci levels, or {@code NaN} in step mode
 * @param swingLow the swing low for Fibonacci levels, or {@code NaN} in step mode
 */
public record PlanRequest(double balance, double price, double baseQuote, InstrumentKind kind,
    MarginMode marginMode, MaintenanceMargin mmf, double makerFee, double takerFee,
    double swingHigh, double swingLow) {

  /** Validates. */
  public PlanRequest {
    positive(balance, "balance");
    positive(price, "price");
    if (!Double.isNaN(baseQuote)) {
      positive(baseQuote, "baseQuote");
    }
    notNull(kind, "kind");
    notNull(marginMode, "marginMode");
    notNull(mmf, "mmf");
    if (!(makerFee >= 0 && makerFee < 1) || !(takerFee >= 0 && takerFee < 1)) {
      throw new IllegalArgumentException("fee rates must be in [0, 1): maker %s, taker %s".formatted(makerFee, takerFee));
    }
  }

  /**
   * A spot plan without fees.
   *
   * @param balance the quote balance
   * @param price the current price
   * @return the request
   */
  public static PlanRequest spot(double balance, double price) {
    return new PlanRequest(balance, price, Double.NaN, InstrumentKind.SPOT, MarginMode.CROSS,
        MaintenanceMargin.constant(0), 0, 0, Double.NaN, Double.NaN);
  }

  /**
   * A perpetual plan without fees.
   *
   * @param balance the collateral
   * @param price the current price
   * @param marginMode isolated or cross
   * @param mmf the maintenance-margin function
   * @return the request
   */
  public static PlanRequest perp(double balance, double price, MarginMode marginMode, MaintenanceMargin mmf) {
    return new PlanRequest(balance, price, Double.NaN, InstrumentKind.PERP, marginMode, mmf, 0, 0, Double.NaN, Double.NaN);
  }

  /**
   * @param quote the quote notional of level 1, or {@code NaN} for the whole budget
   * @return a copy with that base size
   */
  public PlanRequest withBaseQuote(double quote) {
    return new PlanRequest(balance, price, quote, kind, marginMode, mmf, makerFee, takerFee, swingHigh, swingLow);
  }

  /**
   * @param maker the maker fee rate
   * @param taker the taker fee rate
   * @return a copy with those fees
   */
  public PlanRequest withFees(double maker, double taker) {
    return new PlanRequest(balance, price, baseQuote, kind, marginMode, mmf, maker, taker, swingHigh, swingLow);
  }

  /**
   * @param high the swing high
   * @param low the swing low
   * @return a copy with that swing, for Fibonacci levels
   */
  public PlanRequest withSwing(double high, double low) {
    return new PlanRequest(balance, price, baseQuote, kind, marginMode, mmf, makerFee, takerFee, high, low);
  }

  /** @return whether the plan is for a perpetual market */
  public boolean perp() {
    return kind == InstrumentKind.PERP;
  }
}
