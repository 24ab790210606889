package dev.nanpin;

/**
 * A fill as the engine hands it to a strategy or a sizer: primitive values, no allocation.
 *
 * <p>The object may be reused by the engine for the next fill: it is valid only during the
 * callback that received it. Copy the values you need to keep. The durable record of a fill is
 * {@link Fill}.
 */
public interface Execution {
  /** @return the engine's id of the order, as returned by {@link StrategyContext#submit} */
  int orderId();

  /** @return the tag of the intent that created the order */
  int tag();

  /** @return buy or sell */
  Side side();

  /** @return the execution price */
  double price();

  /** @return the executed base quantity, {@code > 0} */
  double quantity();

  /** @return the fee in quote units, {@code >= 0} */
  double fee();

  /** @return whether the fill added liquidity */
  boolean maker();

  /** @return whether this fill completed the order */
  boolean orderComplete();

  /** @return when the fill happened, epoch milliseconds (event time in a simulation) */
  long timeMillis();
}
