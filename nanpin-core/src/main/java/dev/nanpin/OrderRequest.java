package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;

/**
 * An order as it is sent to a venue.
 *
 * <p>Exactly one of {@code quantity} (base units) and {@code quoteQuantity} (quote units, market
 * orders only) is set. Limit orders carry a price; market orders do not. Every order carries a
 * {@code clientId}: an unsigned 32-bit number, unique per account, by which a call that timed
 * out is resolved instead of being sent again.
 *
 * @param symbol the venue symbol
 * @param side buy or sell
 * @param type market or limit
 * @param quantity the base quantity, or {@code null} when {@code quoteQuantity} is set
 * @param quoteQuantity the quote amount to spend or receive (market only), or {@code null}
 * @param limitPrice the limit price (limit only), or {@code null}
 * @param timeInForce how long a limit order rests; {@link TimeInForce#GTC} for market orders
 * @param reduceOnly only reduce an existing position (perps)
 * @param postOnly only add liquidity; rejected if it would cross (limit only)
 * @param clientId the caller's id for the order, {@code 0 <= clientId <= 4294967295}
 */
public record OrderRequest(
    String symbol,
    Side side,
    OrderType type,
    BigDecimal quantity,
    BigDecimal quoteQuantity,
    BigDecimal limitPrice,
    TimeInForce timeInForce,
    boolean reduceOnly,
    boolean postOnly,
    long clientId) {

  /** The largest client id: venues such as Backpack take an unsigned 32-bit value. */
  public static final long MAX_CLIENT_ID = 0xFFFF_FFFFL;

  /** Validates the combination of fields. */
  public OrderRequest {
    notBlank(symbol, "symbol");
    notNull(side, "side");
    notNull(type, "type");
    notNull(timeInForce, "timeInForce");
    if ((quantity == null) == (quoteQuantity == null)) {
      throw new IllegalArgumentException("exactly one of quantity and quoteQuantity must be set");
    }
    quantity = quantity == null ? null : positive(quantity, "quantity");
    quoteQuantity = quoteQuantity == null ? null : positive(quoteQuantity, "quoteQuantity");
    if (type == OrderType.LIMIT) {
      limitPrice = positive(limitPrice, "limitPrice");
      if (quantity == null) {
        throw new IllegalArgumentException("a limit order needs a base quantity, not a quote quantity");
      }
    } else {
      if (limitPrice != null) {
        throw new IllegalArgumentException("a market order takes no limit price");
      }
      if (postOnly) {
        throw new IllegalArgumentException("postOnly applies to limit orders only");
      }
    }
    if (clientId < 0 || clientId > MAX_CLIENT_ID) {
      throw new IllegalArgumentException("clientId must be in [0, 4294967295]: " + clientId);
    }
  }

  /**
   * A market order for a base quantity.
   *
   * @param symbol the venue symbol
   * @param side buy or sell
   * @param quantity base units
   * @param clientId the caller's id
   * @return the request
   */
  public static OrderRequest market(String symbol, Side side, BigDecimal quantity, long clientId) {
    return new OrderRequest(symbol, side, OrderType.MARKET, quantity, null, null, TimeInForce.GTC, false, false, clientId);
  }

  /**
   * A market order for a quote amount (spend or receive that much quote).
   *
   * @param symbol the venue symbol
   * @param side buy or sell
   * @param quoteQuantity quote units
   * @param clientId the caller's id
   * @return the request
   */
  public static OrderRequest marketQuote(String symbol, Side side, BigDecimal quoteQuantity, long clientId) {
    return new OrderRequest(symbol, side, OrderType.MARKET, null, quoteQuantity, null, TimeInForce.GTC, false, false, clientId);
  }

  /**
   * A good-till-cancelled limit order.
   *
   * @param symbol the venue symbol
   * @param side buy or sell
   * @param quantity base units
   * @param price the limit price
   * @param clientId the caller's id
   * @return the request
   */
  public static OrderRequest limit(String symbol, Side side, BigDecimal quantity, BigDecimal price, long clientId) {
    return new OrderRequest(symbol, side, OrderType.LIMIT, quantity, null, price, TimeInForce.GTC, false, false, clientId);
  }

  /**
   * Returns a copy that only reduces a position.
   *
   * @return the reduce-only copy
   */
  public OrderRequest asReduceOnly() {
    return new OrderRequest(symbol, side, type, quantity, quoteQuantity, limitPrice, timeInForce, true, postOnly, clientId);
  }

  /**
   * Returns a copy that only adds liquidity (limit orders).
   *
   * @return the post-only copy
   */
  public OrderRequest asPostOnly() {
    return new OrderRequest(symbol, side, type, quantity, quoteQuantity, limitPrice, timeInForce, reduceOnly, true, clientId);
  }

  /**
   * Returns a copy with another time in force.
   *
   * @param tif the time in force
   * @return the copy
   */
  public OrderRequest withTimeInForce(TimeInForce tif) {
    return new OrderRequest(symbol, side, type, quantity, quoteQuantity, limitPrice, tif, reduceOnly, postOnly, clientId);
  }

  /**
   * Checks this order against an instrument's grid and minimum, before it is sent.
   *
   * @param instrument the instrument traded
   * @throws OrderRejectedException (venue {@code "nanpin"}) naming the rule that fails
   */
  public void checkAgainst(Instrument instrument) {
    if (!instrument.symbol().equals(symbol)) {
      throw reject("SYMBOL", "order for %s checked against instrument %s".formatted(symbol, instrument.symbol()));
    }
    if (limitPrice != null && limitPrice.remainder(instrument.tickSize()).signum() != 0) {
      throw reject("TICK_SIZE", "price %s of %s is not a multiple of tick %s"
          .formatted(limitPrice.toPlainString(), symbol, instrument.tickSize().toPlainString()));
    }
    if (quantity != null && !instrument.isTradable(quantity)) {
      throw reject("QUANTITY", "quantity %s of %s must be a multiple of %s and at least %s".formatted(
          quantity.toPlainString(), symbol, instrument.stepSize().toPlainString(),
          instrument.minQuantity().toPlainString()));
    }
    if (reduceOnly && instrument.kind() == InstrumentKind.SPOT) {
      throw reject("REDUCE_ONLY", "reduceOnly is for perpetual markets, not spot " + symbol);
    }
  }

  private static OrderRejectedException reject(String code, String message) {
    return new OrderRejectedException("nanpin", code, message, null);
  }
}
