package dev.nanpin;

/**
 * Receives stream events from an {@link Exchange}. Every method has an empty default, so a
 * listener overrides only what it needs.
 *
 * <p>Callbacks never run on a connection's reader thread: the exchange hands events to its own
 * dispatch thread, one event at a time, in arrival order. A slow listener delays only later
 * events of the same subscription (see the exchange's overflow policy).
 */
public interface ExchangeListener {
  /**
   * A new ticker.
   *
   * @param ticker the ticker
   */
  default void onTicker(Ticker ticker) {}

  /**
   * A public trade of a subscribed market.
   *
   * @param trade the trade
   */
  default void onTrade(Trade trade) {}

  /**
   * A new mark price, index price and funding estimate.
   *
   * @param markPrice the values
   */
  default void onMarkPrice(MarkPrice markPrice) {}

  /**
   * A forced order of someone's position (the venue's public liquidation feed).
   *
   * @param liquidation the liquidation
   */
  default void onLiquidation(Liquidation liquidation) {}

  /**
   * A new open-interest figure.
   *
   * @param openInterest the figure
   */
  default void onOpenInterest(OpenInterest openInterest) {}

  /**
   * A bar closed.
   *
   * @param symbol the market
   * @param bar the closed bar
   */
  default void onBar(String symbol, Bar bar) {}

  /**
   * An order changed status.
   *
   * @param order the order as the venue now reports it
   */
  default void onOrder(Order order) {}

  /**
   * One of the account's orders filled (partly).
   *
   * @param fill the fill
   */
  default void onFill(Fill fill) {}

  /**
   * A position changed.
   *
   * @param position the position as the venue now reports it
   */
  default void onPosition(Position position) {}

  /**
   * The stream was re-established after a drop: events may have been missed, so a caller that
   * tracks orders reconciles them by REST now.
   */
  default void onReconnected() {}

  /**
   * The stream failed and will retry; informational.
   *
   * @param error what happened
   */
  default void onStreamError(Throwable error) {}
}
