package dev.nanpin.risk.guard;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The position as it would be after an order fills, handed to a {@link LiquidationEstimator}.
 *
 * @param symbol the venue symbol
 * @param quantity the signed base quantity after the fill, not zero
 * @param entryPrice the average entry price after the fill, {@code > 0}
 * @param markPrice the current mark price, {@code > 0}
 * @param collateral the account's collateral, {@code >= 0}
 */
public record ProjectedPosition(
    String symbol, BigDecimal quantity, BigDecimal entryPrice, BigDecimal markPrice, BigDecimal collateral) {

  /** Validates. */
  public ProjectedPosition {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(entryPrice, "entryPrice");
    Objects.requireNonNull(markPrice, "markPrice");
    Objects.requireNonNull(collateral, "collateral");
  }
}
