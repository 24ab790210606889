package dev.nanpin;

/**
 * Turns market events into order intents. The same object runs in the simulator, in paper
 * trading and live: it sees the world only through its {@link StrategyContext}.
 *
 * <p>Callbacks arrive one at a time, in event order, on one thread per running strategy, so an
 * implementation needs no locking. Per-bar work should allocate nothing and cost O(1) (keep
 * running sums, not windows recomputed each bar): the simulator's speed is the strategy's speed.
 *
 * <p>Only {@link #onBar} must be implemented, which makes a lambda a valid strategy:
 * <pre>{@code
 * Strategy buyEveryMonday = ctx -> { if (isMonday(ctx.timeMillis())) ctx.submit(OrderIntent.buySized(1)); };
 * }</pre>
 * A strategy that keeps state across restarts also implements {@link Stateful}.
 */
@FunctionalInterface
public interface Strategy {
  /**
   * Called once before the first event, after the context is ready.
   *
   * @param ctx the context
   */
  default void onStart(StrategyContext ctx) {}

  /**
   * Called when a bar closes (the bar is the last one of {@code ctx.bars()}).
   *
   * @param ctx the context
   */
  void onBar(StrategyContext ctx);

  /**
   * Called live on a price update between bar closes; the simulator does not call it.
   *
   * @param ctx the context; {@link StrategyContext#price()} is the new price
   */
  default void onTick(StrategyContext ctx) {}

  /**
   * Called once per fill of one of this strategy's orders, after the account reflects it.
   *
   * @param ctx the context
   * @param fill the fill; valid only during this call
   */
  default void onFill(StrategyContext ctx, Execution fill) {}

  /**
   * Called when an order was refused before placement or rejected by the venue.
   *
   * @param ctx the context
   * @param orderId the id {@link StrategyContext#submit} returned, or {@code -1}
   * @param reason why, for a person
   */
  default void onOrderRejected(StrategyContext ctx, int orderId, String reason) {}

  /**
   * Called when a data signal arrives.
   *
   * @param ctx the context
   * @param signal the signal
   */
  default void onSignal(StrategyContext ctx, Signal signal) {}

  /**
   * Called once after the last event (end of data, or shutdown live).
   *
   * @param ctx the context
   */
  default void onStop(StrategyContext ctx) {}

  /**
   * The highest leverage this strategy may run at on a perpetual market; the risk guard
   * refuses more. {@code 1.0} means unleveraged.
   *
   * @return the leverage ceiling, {@code >= 1}
   */
  default double leverageCeiling() {
    return 1.0;
  }

  /**
   * The most entry fills one position may take (the number of ladder levels), so reports can
   * tell how often the ladder was exhausted. {@code 0} means no fixed limit.
   *
   * @return the maximum ladder depth, {@code >= 0}
   */
  default int maxEntries() {
    return 0;
  }
}
