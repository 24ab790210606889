package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * A price of an asset at a time.
 *
 * @param asset the asset id as the source names it
 * @param vsCurrency the quote currency
 * @param price the price, {@code > 0}
 * @param time when the source observed it
 */
public record PricePoint(String asset, String vsCurrency, BigDecimal price, Instant time) {
  /** Validates and normalises. */
  public PricePoint {
    notBlank(asset, "asset");
    notBlank(vsCurrency, "vsCurrency");
    price = positive(price, "price");
    notNull(time, "time");
  }
}
