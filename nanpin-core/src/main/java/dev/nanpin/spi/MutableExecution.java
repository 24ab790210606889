package dev.nanpin.spi;

import dev.nanpin.Execution;
import dev.nanpin.Side;

/**
 * A reusable {@link Execution} for engines that drive strategies (the simulator, the live engine,
 * test harnesses): the engine keeps one, {@link #set sets} it for each fill and hands it to
 * {@code Strategy.onFill} and {@code Sizer.onFill}, so a fill allocates nothing.
 *
 * <p>Not thread-safe: one per engine thread.
 */
public final class MutableExecution implements Execution {
  private int orderId;
  private int tag;
  private Side side = Side.BUY;
  private double price;
  private double quantity;
  private double fee;
  private boolean maker;
  private boolean orderComplete;
  private long timeMillis;

  /** Creates an empty execution; {@link #set} it before handing it out. */
  public MutableExecution() {}

  /**
   * Describes the next fill.
   *
   * @param orderId the engine's order id
   * @param tag the intent's tag
   * @param side buy or sell
   * @param price the execution price
   * @param quantity the executed base quantity
   * @param fee the fee in quote units
   * @param maker whether the fill added liquidity
   * @param orderComplete whether this fill completed the order
   * @param timeMillis when the fill happened, epoch milliseconds
   * @return this execution
   */
  public MutableExecution set(int orderId, int tag, Side side, double price, double quantity, double fee,
      boolean maker, boolean orderComplete, long timeMillis) {
    this.orderId = orderId;
    this.tag = tag;
    this.side = side;
    this.price = price;
    this.quantity = quantity;
    this.fee = fee;
    this.maker = maker;
    this.orderComplete = orderComplete;
    this.timeMillis = timeMillis;
    return this;
  }

  @Override
  public int orderId() {
    return orderId;
  }

  @Override
  public int tag() {
    return tag;
  }

  @Override
  public Side side() {
    return side;
  }

  @Override
  public double price() {
    return price;
  }

  @Override
  public double quantity() {
    return quantity;
  }

  @Override
  public double fee() {
    return fee;
  }

  @Override
  public boolean maker() {
    return maker;
  }

  @Override
  public boolean orderComplete() {
    return orderComplete;
  }

  @Override
  public long timeMillis() {
    return timeMillis;
  }

  @Override
  public String toString() {
    return "Execution[order=%d, tag=%d, %s %s @ %s, fee %s]".formatted(orderId, tag, side, quantity, price, fee);
  }
}
