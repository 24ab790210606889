package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One row of CoinGecko {@code /coins/markets}.
 *
 * @param id the CoinGecko id
 * @param symbol the ticker symbol (not unique)
 * @param name the name
 * @param price the current price, {@code > 0}
 * @param marketCap the market cap, or {@code null}
 * @param lastUpdated when the price was updated
 */
public record CoinMarket(String id, String symbol, String name, BigDecimal price, BigDecimal marketCap,
    Instant lastUpdated) {
  /** Validates. */
  public CoinMarket {
    requireNonNull(id, "id");
    requireNonNull(symbol, "symbol");
    requireNonNull(name, "name");
    requireNonNull(lastUpdated, "lastUpdated");
    if (requireNonNull(price, "price").signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0: " + price.toPlainString());
    }
  }
}
