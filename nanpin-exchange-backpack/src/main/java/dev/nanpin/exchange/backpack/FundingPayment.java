package dev.nanpin.exchange.backpack;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A funding payment of the account.
 *
 * @param symbol the market
 * @param quantity the amount in the quote asset (negative: paid, positive: received)
 * @param rate the funding rate applied
 * @param intervalEnd the end of the funding interval
 */
public record FundingPayment(String symbol, BigDecimal quantity, BigDecimal rate, Instant intervalEnd) {
  /** Validates. */
  public FundingPayment {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(quantity, "quantity");
    Objects.requireNonNull(intervalEnd, "intervalEnd");
  }
}
