package dev.nanpin;

import static dev.nanpin.internal.Checks.nonNegative;
import static dev.nanpin.internal.Checks.normalize;
import static dev.nanpin.internal.Checks.notNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The margin view of an account, in the quote (collateral) currency.
 *
 * <p>For futures the sizing and risk checks use {@code collateral} and {@code freeMargin}, not a
 * spot balance: on Backpack {@code freeMargin} is {@code netEquityAvailable}.
 *
 * @param equity total account value at mark prices (may be negative after a loss)
 * @param collateral the value that counts as margin, {@code >= 0}
 * @param freeMargin margin available for new positions, {@code >= 0}
 * @param marginInUse initial margin held by open positions and orders, {@code >= 0}
 * @param time when this view was taken
 */
public record AccountState(
    BigDecimal equity, BigDecimal collateral, BigDecimal freeMargin, BigDecimal marginInUse, Instant time) {

  /** Validates and normalises. */
  public AccountState {
    equity = normalize(notNull(equity, "equity"));
    collateral = nonNegative(collateral, "collateral");
    freeMargin = nonNegative(freeMargin, "freeMargin");
    marginInUse = nonNegative(marginInUse, "marginInUse");
    notNull(time, "time");
  }
}
