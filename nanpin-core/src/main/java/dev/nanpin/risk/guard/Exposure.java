package dev.nanpin.risk.guard;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The account and position an order is checked against, for one symbol.
 *
 * @param equity the account equity in quote units (may be zero or negative after losses)
 * @param collateral the collateral counted as margin, {@code >= 0} (what a liquidation estimate needs)
 * @param markPrice the current mark price of the symbol, {@code > 0}
 * @param positionQuantity the signed base quantity held: {@code > 0} long, {@code < 0} short
 * @param entryPrice the average entry price of the position, {@code >= 0} ({@code 0} when flat)
 * @param openOrderNotional the quote notional of resting orders that would add to the position
 *     if they filled (a ladder's unfilled levels), {@code >= 0}
 */
public record Exposure(
    BigDecimal equity, BigDecimal collateral, BigDecimal markPrice, BigDecimal positionQuantity,
    BigDecimal entryPrice, BigDecimal openOrderNotional) {

  /** Validates. */
  public Exposure {
    Objects.requireNonNull(equity, "equity");
    nonNegative(collateral, "collateral");
    Objects.requireNonNull(markPrice, "markPrice");
    if (markPrice.signum() <= 0) {
      throw new IllegalArgumentException("markPrice must be > 0: " + markPrice.toPlainString());
    }
    Objects.requireNonNull(positionQuantity, "positionQuantity");
    nonNegative(entryPrice, "entryPrice");
    nonNegative(openOrderNotional, "openOrderNotional");
    if (positionQuantity.signum() != 0 && entryPrice.signum() == 0) {
      throw new IllegalArgumentException("a position of " + positionQuantity.toPlainString() + " needs an entry price");
    }
  }

  private static void nonNegative(BigDecimal v, String name) {
    Objects.requireNonNull(v, name);
    if (v.signum() < 0) {
      throw new IllegalArgumentException(name + " must be >= 0: " + v.toPlainString());
    }
  }

  /**
   * A flat account with no resting orders.
   *
   * @param equity the equity, also taken as the collateral
   * @param markPrice the mark price
   * @return the exposure
   */
  public static Exposure flat(BigDecimal equity, BigDecimal markPrice) {
    return new Exposure(equity, equity.max(BigDecimal.ZERO), markPrice, BigDecimal.ZERO, BigDecimal.ZERO,
        BigDecimal.ZERO);
  }
}
