package dev.nanpin.risk.guard;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One symbol's position and resting orders within a {@link PortfolioExposure}.
 *
 * @param symbol the venue symbol
 * @param markPrice its mark price, {@code > 0}
 * @param positionQuantity the signed base quantity held
 * @param entryPrice the average entry, {@code >= 0} ({@code 0} when flat)
 * @param openOrderNotional the notional of resting orders that would add to the position, {@code >= 0}
 */
public record SymbolExposure(
    String symbol, BigDecimal markPrice, BigDecimal positionQuantity, BigDecimal entryPrice,
    BigDecimal openOrderNotional) {

  /** Validates, as {@link Exposure} does. */
  public SymbolExposure {
    Objects.requireNonNull(symbol, "symbol");
    // Exposure's own checks, with a placeholder account: one definition of a valid position.
    new Exposure(BigDecimal.ZERO, BigDecimal.ZERO, markPrice, positionQuantity, entryPrice, openOrderNotional);
  }

  /** @return whether a ladder is active on the symbol: a position is open or resting orders would add to one */
  public boolean active() {
    return positionQuantity.signum() != 0 || openOrderNotional.signum() > 0;
  }

  /** @return {@code |position| * average entry + resting}: the capital tied up, as {@link RiskGuard} counts it */
  public BigDecimal capitalInUse() {
    return positionQuantity.abs().multiply(entryPrice).add(openOrderNotional);
  }

  /** @return {@code |position| * mark + resting} */
  public BigDecimal notional() {
    return positionQuantity.abs().multiply(markPrice).add(openOrderNotional);
  }
}
