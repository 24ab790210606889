package dev.nanpin.exchange.backpack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Open interest of a perpetual market.
 *
 * @param symbol the market
 * @param openInterest open contracts in base units
 * @param time when the venue measured it
 */
public record OpenInterest(String symbol, BigDecimal openInterest, Instant time) {
  /** Validates. */
  public OpenInterest {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(openInterest, "openInterest");
    Objects.requireNonNull(time, "time");
  }
}
