package dev.nanpin.sim.internal;

import dev.nanpin.BarSeries;
import dev.nanpin.engine.BookAccountView;
import java.util.List;

/**
 * The shared pool of capital that a simulator engine ({@link LegEngine}) books into when it runs
 * one symbol of a portfolio backtest: the pool's side of the one order-handling mechanism. The
 * engine keeps its symbol's orders, position ({@link LegEngine#book()}, read by the pool's {@code
 * PortfolioBook}) and records; it asks the pool for what depends on every symbol: the account
 * figures its strategy sees ({@link BookAccountView.VenueAccount}), the quote free for an order or a
 * fill, the cross-margin liquidation price, the risk guard, the capital in use over all symbols,
 * and the other symbols' bars. Every call is made at the engine's current mark ({@link
 * LegEngine#price()}), which the pool reads as this symbol's mark.
 *
 * <p>Not part of the library's API (an internal package). Not thread-safe: one portfolio run per
 * thread.
 */
public interface SharedPool extends BookAccountView.VenueAccount {
  /**
   * The quote free for a new order ({@code own == 0}) or for the fill of a resting order of this
   * symbol, by {@code PortfolioBook.available}.
   *
   * @param own the filling order's own reservation, {@code 0} for a new order
   * @return the free quote
   */
  double available(double own);

  /**
   * This symbol's cross-margin liquidation price, the other symbols' marks held.
   *
   * @return the price, {@code 0} for a long that cannot be liquidated, {@code NaN} when flat or spot
   */
  double liquidationPrice();

  /**
   * The guard's answer for an order of this symbol.
   *
   * @param sign {@code +1} buy, {@code -1} sell
   * @param qty the order's quantity
   * @param price its price
   * @param reduceOnly whether it may only reduce the position
   * @return {@code null} when the order may go on, else why it is refused
   */
  String riskRefusal(int sign, double qty, double price, boolean reduceOnly);

  /** Notes the capital in use over all symbols after this symbol's position or reservations grew. */
  void notePeakCapital();

  /** @return the run's symbols in leg order ({@link dev.nanpin.StrategyContext#symbols()}) */
  List<String> symbols();

  /**
   * Another symbol's bars as this symbol's strategy may see them ({@link
   * dev.nanpin.StrategyContext#bars(String)}).
   *
   * @param symbol the symbol asked for, not this one
   * @param newestClose the close time of this symbol's newest visible bar, {@code Long.MIN_VALUE}
   *     while none is visible
   * @return the bars that closed strictly before {@code newestClose}
   * @throws dev.nanpin.UnknownSymbolException if {@code symbol} is not one of the run
   */
  BarSeries bars(String symbol, long newestClose);
}
