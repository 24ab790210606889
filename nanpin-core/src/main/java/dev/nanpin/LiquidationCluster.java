package dev.nanpin;

import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

/**
 * A band of prices where many leveraged positions would be (or were) liquidated.
 *
 * @param priceLow the lower edge of the band, {@code > 0}
 * @param priceHigh the upper edge, {@code >= priceLow}
 * @param notional the liquidation size in quote units (USD), {@code > 0}
 * @param side whose positions: {@link Side#BUY} for long positions (liquidated by selling as the
 *     price falls), {@link Side#SELL} for shorts
 */
public record LiquidationCluster(double priceLow, double priceHigh, double notional, Side side) {
  /** Validates. */
  public LiquidationCluster {
    positive(priceLow, "priceLow");
    positive(priceHigh, "priceHigh");
    if (priceHigh < priceLow) {
      throw new IllegalArgumentException("priceHigh %s < priceLow %s".formatted(priceHigh, priceLow));
    }
    positive(notional, "notional");
    notNull(side, "side");
  }

  /** @return the middle of the band */
  public double midPrice() {
    return (priceLow + priceHigh) / 2;
  }
}
