package dev.nanpin.engine;

import dev.nanpin.Side;
import dev.nanpin.risk.guard.Exposure;
import dev.nanpin.risk.guard.PortfolioExposure;
import dev.nanpin.risk.guard.PortfolioGuard;
import dev.nanpin.risk.guard.ProposedOrder;
import dev.nanpin.risk.guard.RiskDecision;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.SymbolExposure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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

  /**
   * Checks an order of one symbol of a portfolio against a {@link PortfolioGuard}, from the
   * engine's primitive state of every symbol (arrays indexed by symbol).
   *
   * @param guard the guard
   * @param symbols the symbols' names
   * @param symbol the index of the order's symbol
   * @param sign {@code +1} buy, {@code -1} sell
   * @param quantity the order's base quantity, on the instrument's grid, {@code > 0}
   * @param price the order's reference price, {@code > 0}
   * @param reduceOnly whether the order can only reduce the position
   * @param equity the portfolio's equity
   * @param collateral the collateral counted as margin ({@code max(0, ...)} is taken)
   * @param marks each symbol's mark price, {@code > 0}
   * @param positions each symbol's signed position
   * @param entries each symbol's average entry ({@code 0} when flat)
   * @param openOrderNotional each symbol's resting notional that would add to its position
   * @return {@code null} when accepted, else the guard's message
   */
  public static String refusal(PortfolioGuard guard, String[] symbols, int symbol, int sign, double quantity,
      double price, boolean reduceOnly, double equity, double collateral, double[] marks, double[] positions,
      double[] entries, double[] openOrderNotional) {
    List<SymbolExposure> all = new ArrayList<>(symbols.length);
    for (int i = 0; i < symbols.length; i++) {
      all.add(new SymbolExposure(symbols[i], Rounding.decimal(marks[i]), Rounding.decimal(positions[i]),
          Rounding.decimal(positions[i] == 0 ? 0 : Math.max(0, entries[i])),
          Rounding.decimal(Math.max(0, openOrderNotional[i]))));
    }
    PortfolioExposure exposure = new PortfolioExposure(Rounding.decimal(equity),
        Rounding.decimal(Math.max(0, collateral)), all);
    RiskDecision d = guard.check(new ProposedOrder(symbols[symbol], sign > 0 ? Side.BUY : Side.SELL,
        Rounding.decimal(quantity), Rounding.decimal(price), reduceOnly), exposure);
    return d.accepted() ? null : d.message();
  }
}
