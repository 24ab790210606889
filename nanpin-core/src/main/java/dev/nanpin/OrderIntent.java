package dev.nanpin;

import static dev.nanpin.internal.Checks.notNull;

/**
 * What a strategy wants to trade, before sizing and risk checks. The engine turns it into an
 * {@link OrderRequest} (live) or a simulated order, rounded to the instrument's grid.
 *
 * @param side buy or sell
 * @param type market or limit
 * @param sizing how {@code amount} is read
 * @param amount the size in the unit {@code sizing} names, {@code > 0} and finite
 * @param limitPrice the limit price for {@link OrderType#LIMIT}, {@code NaN} for market orders
 * @param reduceOnly only reduce the position; on perps the order is sent reduce-only
 * @param postOnly only add liquidity (limit orders)
 * @param tag a number the strategy chooses (e.g. the ladder level), echoed in fills
 */
public record OrderIntent(
    Side side, OrderType type, Sizing sizing, double amount, double limitPrice,
    boolean reduceOnly, boolean postOnly, int tag) {

  /** Validates the combination of fields ({@link #validate}). */
  public OrderIntent {
    validate(side, type, sizing, amount, limitPrice, postOnly);
  }

  /**
   * The rules every intent's fields obey, as the constructor applies them: for an engine that
   * takes an order by its fields ({@link StrategyContext#submit(Side, OrderType, Sizing, double,
   * double, boolean, boolean, int)}) without building the intent.
   *
   * @param side buy or sell, not {@code null}
   * @param type market or limit, not {@code null}
   * @param sizing how {@code amount} is read, not {@code null}
   * @param amount the size, {@code > 0} and finite; at most 1 for a position or cash fraction
   * @param limitPrice {@code > 0} and finite for a limit order, {@code NaN} for a market order
   * @param postOnly limit orders only
   * @throws NullPointerException if {@code side}, {@code type} or {@code sizing} is {@code null}
   * @throws IllegalArgumentException naming the field that breaks another rule
   */
  public static void validate(Side side, OrderType type, Sizing sizing, double amount, double limitPrice,
      boolean postOnly) {
    notNull(side, "side");
    notNull(type, "type");
    notNull(sizing, "sizing");
    if (!(amount > 0) || Double.isInfinite(amount)) {
      throw new IllegalArgumentException("amount must be > 0 and finite: " + amount);
    }
    if (type == OrderType.LIMIT) {
      if (!(limitPrice > 0) || Double.isInfinite(limitPrice)) {
        throw new IllegalArgumentException("limit price must be > 0 and finite: " + limitPrice);
      }
    } else {
      if (!Double.isNaN(limitPrice)) {
        throw new IllegalArgumentException("a market intent takes no limit price: " + limitPrice);
      }
      if (postOnly) {
        throw new IllegalArgumentException("postOnly applies to limit intents only");
      }
    }
    if (sizing == Sizing.POSITION_FRACTION && amount > 1.0) {
      throw new IllegalArgumentException("a position fraction must be <= 1: " + amount);
    }
    if (sizing == Sizing.CASH_FRACTION && amount > 1.0) {
      throw new IllegalArgumentException("a cash fraction must be <= 1: " + amount);
    }
  }

  /**
   * A market order.
   *
   * @param side buy or sell
   * @param sizing how {@code amount} is read
   * @param amount the size
   * @return the intent
   */
  public static OrderIntent market(Side side, Sizing sizing, double amount) {
    return new OrderIntent(side, OrderType.MARKET, sizing, amount, Double.NaN, false, false, 0);
  }

  /**
   * A good-till-cancelled limit order.
   *
   * @param side buy or sell
   * @param price the limit price
   * @param sizing how {@code amount} is read
   * @param amount the size
   * @return the intent
   */
  public static OrderIntent limit(Side side, double price, Sizing sizing, double amount) {
    return new OrderIntent(side, OrderType.LIMIT, sizing, amount, price, false, false, 0);
  }

  /**
   * A market buy of a fixed quote amount.
   *
   * @param quote the quote amount to spend
   * @return the intent
   */
  public static OrderIntent buyQuote(double quote) {
    return market(Side.BUY, Sizing.QUOTE, quote);
  }

  /**
   * A market buy sized by the sizer chain, scaled.
   *
   * @param multiplier the factor applied to the sizer's answer
   * @return the intent
   */
  public static OrderIntent buySized(double multiplier) {
    return market(Side.BUY, Sizing.SIZER, multiplier);
  }

  /**
   * A market order that closes the whole position, reduce-only.
   *
   * @param closingSide the side of the closing order: {@link Side#SELL} closes a long,
   *     {@link Side#BUY} a short
   * @return the intent
   */
  public static OrderIntent closePosition(Side closingSide) {
    return new OrderIntent(closingSide, OrderType.MARKET, Sizing.POSITION_FRACTION, 1.0, Double.NaN, true, false, 0);
  }

  /**
   * Returns a copy with a tag.
   *
   * @param newTag the tag
   * @return the copy
   */
  public OrderIntent withTag(int newTag) {
    return new OrderIntent(side, type, sizing, amount, limitPrice, reduceOnly, postOnly, newTag);
  }

  /** @return a reduce-only copy */
  public OrderIntent asReduceOnly() {
    return new OrderIntent(side, type, sizing, amount, limitPrice, true, postOnly, tag);
  }

  /** @return a post-only copy (limit intents only) */
  public OrderIntent asPostOnly() {
    return new OrderIntent(side, type, sizing, amount, limitPrice, reduceOnly, true, tag);
  }
}
