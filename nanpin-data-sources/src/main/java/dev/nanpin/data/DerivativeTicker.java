package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One derivatives ticker (CoinGecko {@code /derivatives}).
 *
 * @param market the venue, e.g. {@code BYDFi (Futures)}
 * @param symbol the venue symbol
 * @param indexId the underlying, e.g. {@code BTC}
 * @param price the last price, {@code > 0}
 * @param fundingRate the funding rate as the source gives it (percent), or {@code null}
 * @param openInterestUsd the open interest in USD, or {@code null}
 * @param perpetual whether the contract is a perpetual
 * @param lastTradedAt the time of the last trade
 */
public record DerivativeTicker(String market, String symbol, String indexId, BigDecimal price, BigDecimal fundingRate,
    BigDecimal openInterestUsd, boolean perpetual, Instant lastTradedAt) {
  /** Validates. */
  public DerivativeTicker {
    requireNonNull(market, "market");
    requireNonNull(symbol, "symbol");
    requireNonNull(indexId, "indexId");
    requireNonNull(lastTradedAt, "lastTradedAt");
    if (requireNonNull(price, "price").signum() <= 0) {
      throw new IllegalArgumentException("price must be > 0: " + price.toPlainString());
    }
    if (openInterestUsd != null && openInterestUsd.signum() < 0) {
      throw new IllegalArgumentException("openInterestUsd must be >= 0: " + openInterestUsd.toPlainString());
    }
  }
}
