package dev.nanpin;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * One forced (liquidation) order a venue published. Venue-neutral: Backpack's {@code liquidation}
 * stream, Binance's {@code forceOrder} stream and recorded files all become this record.
 *
 * <p>{@link #side()} is the side of the liquidation <em>order</em>: a {@link Side#SELL} closes a
 * long position (longs are liquidated as the price falls), a {@link Side#BUY} closes a short.
 *
 * @param source where the event came from, e.g. {@code "binance"}, {@code "backpack"}
 * @param symbol the venue symbol, e.g. {@code BTCUSDT}
 * @param side the side of the liquidation order
 * @param price the price it filled at (the average price when the venue gives one), {@code > 0}
 *     and plausible
 * @param quantity the quantity filled, in base units, {@code > 0} and plausible
 * @param time when the venue filled it
 */
public record Liquidation(String source, String symbol, Side side, BigDecimal price, BigDecimal quantity,
    Instant time) {
  /**
   * Validates.
   *
   * @throws DataException naming the field when a value is missing or implausible
   */
  public Liquidation {
    if (source == null || source.isBlank()) {
      throw new DataException(null, "source", "the source of a liquidation is missing", null);
    }
    Plausible.symbol(symbol);
    if (side == null) {
      throw new DataException(source, "side", "side of the liquidation of " + symbol + " is missing", null);
    }
    price = Plausible.price(price, "price", symbol);
    quantity = Plausible.quantity(quantity, "quantity", symbol, false);
    Plausible.time(time, "time", symbol);
  }

  /** @return price x quantity, in quote units */
  public BigDecimal notional() {
    return price.multiply(quantity);
  }

  /** @return whether a long position was liquidated (the liquidation order sold) */
  public boolean longLiquidated() {
    return side == Side.SELL;
  }

  /**
   * The side of the positions that were liquidated, in {@link LiquidationCluster}'s convention.
   *
   * @return {@link Side#BUY} for longs, {@link Side#SELL} for shorts
   */
  public Side positionSide() {
    return Objects.requireNonNull(side).opposite();
  }
}
