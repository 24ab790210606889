package dev.nanpin.exchange.backpack;

import dev.nanpin.Plausible;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * Open interest of a perpetual market.
 *
 * @param symbol the market
 * @param openInterest open contracts in base units, {@code [0, 1e18]} ({@link Plausible})
 * @param time when the venue measured it, 2009..2100
 */
public record OpenInterest(String symbol, BigDecimal openInterest, Instant time) {
  /** Validates. */
  public OpenInterest {
    Objects.requireNonNull(symbol, "symbol");
    Plausible.amount("backpack", "openInterest", openInterest);
    Plausible.time("backpack", "time", time);
  }
}
