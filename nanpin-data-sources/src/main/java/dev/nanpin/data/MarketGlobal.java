package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Global crypto market metrics.
 *
 * @param btcDominancePercent Bitcoin's share of the total market cap, in percent (0 to 100)
 * @param totalMarketCapUsd the total market cap in USD, {@code > 0}
 * @param asOf when the source computed them
 */
public record MarketGlobal(BigDecimal btcDominancePercent, BigDecimal totalMarketCapUsd, Instant asOf) {
  /** Validates. */
  public MarketGlobal {
    requireNonNull(btcDominancePercent, "btcDominancePercent");
    requireNonNull(totalMarketCapUsd, "totalMarketCapUsd");
    requireNonNull(asOf, "asOf");
    if (btcDominancePercent.signum() <= 0 || btcDominancePercent.compareTo(BigDecimal.valueOf(100)) > 0) {
      throw new IllegalArgumentException("btcDominancePercent must be in (0, 100]: " + btcDominancePercent.toPlainString());
    }
    if (totalMarketCapUsd.signum() <= 0) {
      throw new IllegalArgumentException("totalMarketCapUsd must be > 0: " + totalMarketCapUsd.toPlainString());
    }
  }
}
