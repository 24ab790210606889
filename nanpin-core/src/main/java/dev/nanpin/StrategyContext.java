package dev.nanpin;

import java.time.Instant;
import java.util.List;

/**
 * What a strategy sees and the only way it acts. The simulator, paper trading and the live
 * engine each implement it; a strategy written against it runs unchanged in all three.
 *
 * <p>Time is event time: the open time of the current bar in a simulation, the wall clock
 * live. The position and the account belong to the engine; the strategy reads them and emits
 * {@link OrderIntent}s, which the engine sizes ({@link Sizer}), checks against its risk limits,
 * rounds to the instrument's grid and places. A strategy never calls an exchange.
 *
 * <p>The primitive accessors allocate nothing, so the simulator can drive a strategy over
 * millions of bars without garbage. Not thread-safe: the engine calls a strategy from one thread
 * at a time and the context is valid only inside the callback.
 */
public interface StrategyContext {
  /** @return the instrument the strategy trades */
  Instrument instrument();

  /** @return the bars seen so far, the current one last */
  BarSeries bars();

  /**
   * The symbols of the run, in the run's order: the legs of a portfolio backtest or the ladders of
   * a multi-symbol bot in the order they were given, so every strategy of one run sees the same
   * list. A single-symbol run gives just its own symbol, {@code instrument().symbol()}. These are
   * the names {@link #bars(String)} accepts.
   *
   * @return the run's symbols, an unmodifiable list that does not change during the run
   */
  default List<String> symbols() {
    return List.of(instrument().symbol());
  }

  /**
   * The bars of a symbol of the run, as this strategy may see them now.
   *
   * <p>For its own symbol this is {@link #bars()}. For another symbol of the run it is that
   * symbol's bars <b>whose close time (open time plus the bar length) is strictly before the close
   * time of this symbol's newest bar in {@link #bars()}</b>, oldest first; none while {@link
   * #bars()} is empty. The other symbol's bar that closes at the same instant as this symbol's
   * bar is not visible yet: engines hear the bars of one instant in any order (a live venue
   * streams each symbol on its own), and this rule gives the same answer whatever that order, so
   * a backtest and a live bot see the same bars. It becomes visible with this symbol's next bar.
   *
   * <p>The view never repaints: a bar, once visible, keeps its values and its index, and the
   * view only grows as this symbol's bars advance. It is valid inside the callback that asked for
   * it, like {@link #bars()}; reads allocate nothing. Not thread-safe: the engine's thread only.
   *
   * @param symbol one of {@link #symbols()}
   * @return the visible bars of {@code symbol}
   * @throws UnknownSymbolException if {@code symbol} is not one of {@link #symbols()}
   */
  default BarSeries bars(String symbol) {
    if (instrument().symbol().equals(symbol)) {
      return bars();
    }
    throw new UnknownSymbolException(symbol, symbols());
  }

  /** @return the current event time in epoch milliseconds */
  long timeMillis();

  /** @return the current event time as an {@link Instant} (allocates; prefer {@link #timeMillis()} per bar) */
  default Instant time() {
    return Instant.ofEpochMilli(timeMillis());
  }

  /** @return the index of the current bar in {@link #bars()}, {@code bars().size() - 1} */
  default int index() {
    return bars().size() - 1;
  }

  /** @return the latest price: the close of the current bar, or the latest tick live */
  double price();

  /** @return the engine's account view, including the position on {@link #instrument()} */
  AccountView account();

  /**
   * Submits an intent. The engine sizes it, checks it and places it; a market order in the
   * simulator fills according to the configured fill timing.
   *
   * @param intent what to trade
   * @return the engine's id of the order, {@code >= 0}, or {@code -1} when it was refused
   *     before placement (zero size, risk limit, not enough cash or margin); a refusal is also
   *     reported through {@link Strategy#onOrderRejected}
   */
  int submit(OrderIntent intent);

  /**
   * Submits an order given by the fields of an {@link OrderIntent}, in the record's order: the
   * same as {@code submit(new OrderIntent(side, type, sizing, amount, limitPrice, reduceOnly,
   * postOnly, tag))}, with the same validation, answer, refusals and callbacks. An engine may
   * place the order without building the intent; the simulator does, so that a strategy placing
   * orders on many bars of many Monte Carlo paths makes no garbage per order (a {@link Sizer}
   * that sizes the order is still handed an intent with these fields). Every other engine builds
   * the intent and calls {@link #submit(OrderIntent)}.
   *
   * @param side buy or sell
   * @param type market or limit
   * @param sizing how {@code amount} is read
   * @param amount the size in the unit {@code sizing} names, {@code > 0} and finite
   * @param limitPrice the limit price for {@link OrderType#LIMIT}, {@code NaN} for market orders
   * @param reduceOnly only reduce the position
   * @param postOnly only add liquidity (limit orders)
   * @param tag a number the strategy chooses, echoed in fills
   * @return as {@link #submit(OrderIntent)}
   * @throws NullPointerException if {@code side}, {@code type} or {@code sizing} is {@code null}
   * @throws IllegalArgumentException if the fields break another rule of {@link OrderIntent#validate}
   */
  default int submit(Side side, OrderType type, Sizing sizing, double amount, double limitPrice, boolean reduceOnly,
      boolean postOnly, int tag) {
    return submit(new OrderIntent(side, type, sizing, amount, limitPrice, reduceOnly, postOnly, tag));
  }

  /**
   * Cancels a resting order.
   *
   * @param orderId an id returned by {@link #submit}
   * @return {@code true} if the order was open and is now cancelled
   */
  boolean cancel(int orderId);

  /** Cancels every resting order of this strategy. */
  void cancelAll();

  /** @return the number of this strategy's orders that are resting, not yet filled or cancelled */
  int openOrderCount();

  /**
   * Returns the latest signal of a type, or {@code null} if none has arrived.
   *
   * @param type the signal type, e.g. {@code MacroRegime.class}
   * @param <S> the signal type
   * @return the latest signal of that type, or {@code null}
   */
  <S extends Signal> S signal(Class<S> type);
}
