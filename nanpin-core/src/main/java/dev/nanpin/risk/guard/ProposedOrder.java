package dev.nanpin.risk.guard;

import dev.nanpin.OrderRequest;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Objects;

/**
 * An order as the risk check sees it: a base quantity at an expected price.
 *
 * @param symbol the venue symbol
 * @param side buy or sell
 * @param quantity the base quantity, {@code > 0}
 * @param price the price it is expected to fill at (the limit price, or the mark price for a
 *     market order), {@code > 0}
 * @param reduceOnly whether it may only reduce the position
 */
public record ProposedOrder(String symbol, Side side, BigDecimal quantity, BigDecimal price, boolean reduceOnly) {

  /** Validates. */
  public ProposedOrder {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(side, "side");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(price, "price");
    if (quantity.signum() <= 0) {
      throw new IllegalArgumentException("quantity must be > 0: " + quantity.toPlainString());
    }
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0: " + price.toPlainString());
    }
  }

  /**
   * Reads an order request. A market order by quote amount is turned into a base quantity at
   * the reference price.
   *
   * @param request the request
   * @param referencePrice the price a market order is expected to fill at; ignored for limit
   *     orders
   * @return the proposed order
   */
  public static ProposedOrder of(OrderRequest request, BigDecimal referencePrice) {
    Objects.requireNonNull(request, "request");
    BigDecimal price = request.limitPrice() != null ? request.limitPrice()
        : Objects.requireNonNull(referencePrice, "referencePrice");
    if (price.signum() <= 0) {
      throw new IllegalArgumentException("reference price must be > 0: " + price.toPlainString());
    }
    BigDecimal quantity = request.quantity() != null ? request.quantity()
        : request.quoteQuantity().divide(price, MathContext.DECIMAL64);
    return new ProposedOrder(request.symbol(), request.side(), quantity, price, request.reduceOnly());
  }

  /** @return {@code quantity * price} */
  public BigDecimal notional() {
    return quantity.multiply(price);
  }
}
