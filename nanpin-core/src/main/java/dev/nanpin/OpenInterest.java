package dev.nanpin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Open interest of a derivatives market: the open contracts, as a venue publishes it.
 * Venue-neutral.
 *
 * @param symbol the venue symbol
 * @param openInterest open contracts in base units, {@code >= 0} and plausible
 * @param time when the venue measured it
 */
public record OpenInterest(String symbol, BigDecimal openInterest, Instant time) {
  /**
   * Validates.
   *
   * @throws DataException naming the field when a value is missing or implausible (negative open
   *     interest, a time before 2010)
   */
  public OpenInterest {
    Plausible.symbol(symbol);
    openInterest = Plausible.quantity(openInterest, "openInterest", symbol, true);
    Plausible.time(time, "time", symbol);
  }
}
