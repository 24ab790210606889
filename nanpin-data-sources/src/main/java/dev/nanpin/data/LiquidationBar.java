package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Liquidations in one interval.
 *
 * @param time the interval's start
 * @param longUsd long positions liquidated, USD, {@code >= 0}
 * @param shortUsd short positions liquidated, USD, {@code >= 0}
 */
public record LiquidationBar(Instant time, BigDecimal longUsd, BigDecimal shortUsd) {
  /** Validates. */
  public LiquidationBar {
    requireNonNull(time, "time");
    if (requireNonNull(longUsd, "longUsd").signum() < 0 || requireNonNull(shortUsd, "shortUsd").signum() < 0) {
      throw new IllegalArgumentException("liquidation amounts must be >= 0");
    }
  }
}
