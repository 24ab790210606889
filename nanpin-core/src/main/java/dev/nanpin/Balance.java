package dev.nanpin;

import static dev.nanpin.internal.Checks.nonNegative;
import static dev.nanpin.internal.Checks.notBlank;

import java.math.BigDecimal;

/**
 * The balance of one asset.
 *
 * @param asset the asset, e.g. {@code USDC}
 * @param available free to trade or withdraw, {@code >= 0}
 * @param locked held by open orders or other venue locks, {@code >= 0}
 */
public record Balance(String asset, BigDecimal available, BigDecimal locked) {

  /** Validates and normalises. */
  public Balance {
    notBlank(asset, "asset");
    available = nonNegative(available, "available");
    locked = nonNegative(locked, "locked");
  }

  /** @return {@code available + locked} */
  public BigDecimal total() {
    return available.add(locked);
  }
}
