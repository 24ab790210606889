package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A price of an asset at a time.
 *
 * @param asset the asset id as the source names it
 * @param vsCurrency the quote currency
 * @param price the price, in {@link Plausible}'s price range {@code (0, 1e12]}
 * @param time when the source observed it, in {@link Plausible}'s time range
 */
public record PricePoint(String asset, String vsCurrency, BigDecimal price, Instant time) {
  /** Validates and normalises. */
  public PricePoint {
    notBlank(asset, "asset");
    notBlank(vsCurrency, "vsCurrency");
    Plausible.price("PricePoint", "price", price);
    Plausible.time("PricePoint", "time", time);
  }
}
