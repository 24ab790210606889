package dev.nanpin.engine;

import dev.nanpin.AccountView;
import dev.nanpin.Sizing;

/**
 * Turns the amount of an {@link dev.nanpin.OrderIntent} into a base quantity, for every {@link
 * Sizing} kind, spot and perp: the one definition the backtester, the paper exchange and the
 * live engine use.
 *
 * <ul>
 *   <li>{@link Sizing#QUOTE}: {@code amount / price}.</li>
 *   <li>{@link Sizing#BASE}: {@code amount}.</li>
 *   <li>{@link Sizing#SIZER}: {@code amount * unit / price}, {@code unit} the sizer chain's quote
 *       answer (asked by the engine, which owns the sizer).</li>
 *   <li>{@link Sizing#CASH_FRACTION}: spot {@code f * freeCash / (price * (1 + fee))}, perp
 *       {@code f * freeMargin / (price * (1 / leverage + fee))}: with {@code f = 1} the order's
 *       initial margin plus its fee is exactly the free margin.</li>
 *   <li>{@link Sizing#POSITION_FRACTION}: {@code f * |position|}.</li>
 * </ul>
 *
 * <p>Static functions on primitives, no allocation (the simulator's hot loop calls them).
 * Thread-safe (stateless). A result that is not positive and finite is the caller's to refuse.
 */
public final class OrderSizing {
  private OrderSizing() {}

  /**
   * The base quantity of an order.
   *
   * @param sizing how {@code amount} is read
   * @param amount the intent's amount
   * @param price the price the order is sized at (its limit, or the market reference)
   * @param feeRate the fee rate the order is expected to pay (maker for a resting limit, taker
   *     otherwise), a fraction
   * @param perp whether the instrument is a perpetual (margined) one
   * @param leverage the account's leverage on perps ({@code >= 1}; ignored on spot)
   * @param freeCash the free quote cash (spot) or the free margin (perps)
   * @param positionQuantity the signed position quantity
   * @param sizerUnit the sizer chain's quote answer for {@link Sizing#SIZER}; ignored otherwise
   * @return the base quantity (the caller refuses one that is not positive and finite)
   */
  public static double quantity(Sizing sizing, double amount, double price, double feeRate, boolean perp,
      double leverage, double freeCash, double positionQuantity, double sizerUnit) {
    return switch (sizing) {
      case QUOTE -> amount / price;
      case BASE -> amount;
      case SIZER -> amount * sizerUnit / price;
      case CASH_FRACTION -> cashFraction(amount, price, feeRate, perp, leverage, freeCash);
      case POSITION_FRACTION -> amount * Math.abs(positionQuantity);
    };
  }

  /**
   * The base quantity of a {@link Sizing#CASH_FRACTION} order.
   *
   * @param fraction the fraction of the free cash or margin, {@code (0, 1]}
   * @param price the price the order is sized at
   * @param feeRate the fee rate, a fraction
   * @param perp whether the instrument is margined
   * @param leverage the leverage on perps
   * @param free the free quote cash (spot) or free margin (perps)
   * @return the base quantity
   */
  public static double cashFraction(double fraction, double price, double feeRate, boolean perp, double leverage,
      double free) {
    if (perp) {
      return fraction * free / (price * (1.0 / leverage + feeRate));
    }
    return fraction * free / (price * (1 + feeRate));
  }

  /**
   * The free amount that {@link Sizing#CASH_FRACTION} divides: {@link AccountView#cash()} on spot,
   * {@link AccountView#freeMargin()} on perps.
   *
   * @param account the account
   * @param perp whether the instrument is margined
   * @return the free quote cash or margin
   */
  public static double free(AccountView account, boolean perp) {
    return perp ? account.freeMargin() : account.cash();
  }

  /**
   * The quote an order reserves while it rests (or needs to open): its notional on spot, its
   * initial margin on perps, plus its fee at {@code feeRate} (a rebate, a negative rate, is not
   * counted).
   *
   * @param notional the order's notional, {@code price * quantity}
   * @param feeRate the fee rate
   * @param perp whether the instrument is margined
   * @param leverage the leverage on perps
   * @return the quote the order needs
   */
  public static double requiredQuote(double notional, double feeRate, boolean perp, double leverage) {
    return perp ? notional / leverage + notional * Math.max(feeRate, 0)
        : notional + notional * Math.max(feeRate, 0);
  }
}
