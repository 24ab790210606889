package dev.nanpin.engine;

import dev.nanpin.Side;
import dev.nanpin.risk.guard.Exposure;
import dev.nanpin.risk.guard.ProposedOrder;
import dev.nanpin.risk.guard.RiskDecision;
import dev.nanpin.risk.guard.RiskGuard;
import java.math.BigDecimal;

/**
 * The {@link RiskGuard} hook every engine calls before an order is placed, from the engine's
 * primitive account state. Allocates the guard's value objects: engines call it per order, never
 * per bar. Thread-safe as the guard is.
 */
public final class RiskCheck {
  private RiskCheck() {}

  /**
   * Checks an order against the guard.
   *
   * @param guard the guard
   * @param symbol the instrument's symbol
   * @param sign {@code +1} buy, {@code -1} sell
   * @param quantity the order's rounded base quantity, {@code > 0}
   * @param price the order's reference price (its limit, or the mark for a market order), {@code > 0}
   * @param reduceOnly whether the order can only reduce the position
   * @param equity the account equity
   * @param collateral the collateral counted as margin ({@code max(0, ...)} is taken)
   * @param mark the mark price, {@code > 0}
   * @param positionQuantity the signed position
   * @param entry the average entry ({@code 0} when flat)
   * @param openOrderNotional the notional of resting orders that would add to the position
   * @return {@code null} when accepted, else the guard's message
   */
  public static String refusal(RiskGuard guard, String symbol, int sign, double quantity, double price,
      boolean reduceOnly, double equity, double collateral, double mark, double positionQuantity, double entry,
      double openOrderNotional) {
    return refusal(guard, symbol, sign, Rounding.decimal(quantity), Rounding.decimal(price), reduceOnly, equity,
        collateral, mark, positionQuantity, entry, openOrderNotional);
  }

  /**
   * Checks an order whose quantity and price are already on the instrument's grid.
   *
   * @param guard the guard
   * @param symbol the instrument's symbol
   * @param sign {@code +1} buy, {@code -1} sell
   * @param quantity the order's base quantity
   * @param price the order's reference price
   * @param reduceOnly whether the order can only reduce the position
   * @param equity the account equity
   * @param collateral the collateral counted as margin
   * @param mark the mark price
   * @param positionQuantity the signed position
   * @param entry the average entry
   * @param openOrderNotional the notional of resting orders that would add to the position
   * @return {@code null} when accepted, else the guard's message
   */
  public static String refusal(RiskGuard guard, String symbol, int sign, BigDecimal quantity,
      BigDecimal price, boolean reduceOnly, double equity, double collateral, double mark,
      double positionQuantity, double entry, double openOrderNotional) {
    Exposure exposure = new Exposure(Rounding.decimal(equity), Rounding.decimal(Math.max(0, collateral)),
        Rounding.decimal(mark), Rounding.decimal(positionQuantity),
        Rounding.decimal(positionQuantity == 0 ? 0 : Math.max(0, entry)),
        Rounding.decimal(Math.max(0, openOrderNotional)));
    RiskDecision d = guard.check(new ProposedOrder(symbol, sign > 0 ? Side.BUY : Side.SELL, quantity, price,
        reduceOnly), exposure);
    return d.accepted() ? null : d.message();
  }
}
