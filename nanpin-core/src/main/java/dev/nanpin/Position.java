package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.normalize;
import static dev.nanpin.internal.Checks.nonNegative;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An open position on one market.
 *
 * @param symbol the venue symbol
 * @param quantity the signed base quantity: {@code > 0} long, {@code < 0} short, {@code 0} flat
 * @param entryPrice the average entry price, {@code >= 0} ({@code 0} when flat)
 * @param markPrice the price the venue marks it at, {@code >= 0}
 * @param unrealizedPnl the profit or loss at the mark price
 * @param liquidationPrice the estimated liquidation price, or {@code null} (spot, or unknown)
 * @param time when this view was taken
 */
public record Position(
    String symbol,
    BigDecimal quantity,
    BigDecimal entryPrice,
    BigDecimal markPrice,
    BigDecimal unrealizedPnl,
    BigDecimal liquidationPrice,
    Instant time) {

  /** Validates and normalises. */
  public Position {
    notBlank(symbol, "symbol");
    quantity = normalize(notNull(quantity, "quantity"));
    entryPrice = nonNegative(entryPrice, "entryPrice");
    markPrice = nonNegative(markPrice, "markPrice");
    unrealizedPnl = normalize(notNull(unrealizedPnl, "unrealizedPnl"));
    liquidationPrice = liquidationPrice == null ? null : nonNegative(liquidationPrice, "liquidationPrice");
    notNull(time, "time");
  }

  /** @return whether the position is flat */
  public boolean isFlat() {
    return quantity.signum() == 0;
  }
}
