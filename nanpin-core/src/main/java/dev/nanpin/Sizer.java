package dev.nanpin;

/**
 * Turns an intent sized {@link Sizing#SIZER} into a quote amount under the account's state.
 *
 * <p>The answer is the quote notional of the order before the {@code amount} multiplier of the
 * intent is applied; it is never negative, and {@code 0} refuses the order. A sizer that needs
 * history (win rate, recent buys) learns it through {@link #onFill} and {@link #onTradeClosed};
 * one whose history must survive a restart also implements {@link Stateful}.
 *
 * <p>Called on the strategy's thread; implementations need no locking.
 */
@FunctionalInterface
public interface Sizer {
  /**
   * Returns the quote amount for one unit of an intent.
   *
   * @param intent the intent being sized (side, type, tag)
   * @param price the price the order is expected to fill at
   * @param account the account view
   * @param timeMillis the event time
   * @return the quote notional, {@code >= 0} and finite
   */
  double quoteSize(OrderIntent intent, double price, AccountView account, long timeMillis);

  /**
   * Called for every fill, after the account reflects it.
   *
   * @param fill the fill; valid only during this call
   * @param account the account view
   */
  default void onFill(Execution fill, AccountView account) {}

  /**
   * Called when a position is closed (a round trip ends).
   *
   * @param pnl the realised profit or loss in quote units, fees included
   * @param returnFraction the profit or loss as a fraction of the capital the trade used
   */
  default void onTradeClosed(double pnl, double returnFraction) {}

  /**
   * A sizer that always answers the same quote amount.
   *
   * @param quote the quote amount, {@code > 0}
   * @return the sizer
   */
  static Sizer fixedQuote(double quote) {
    dev.nanpin.internal.Checks.positive(quote, "quote");
    return (intent, price, account, timeMillis) -> quote;
  }
}
