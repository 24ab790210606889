package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The latest prices of a market.
 *
 * @param symbol the venue symbol
 * @param last the last traded price, {@code > 0}
 * @param bid the best bid, or {@code null} when the source does not give one
 * @param ask the best ask, or {@code null}; when both are given, {@code bid <= ask}
 * @param time when the venue produced these prices
 */
public record Ticker(String symbol, BigDecimal last, BigDecimal bid, BigDecimal ask, Instant time) {

  /** Validates the prices. */
  public Ticker {
    notBlank(symbol, "symbol");
    last = positive(last, "last");
    bid = bid == null ? null : positive(bid, "bid");
    ask = ask == null ? null : positive(ask, "ask");
    notNull(time, "time");
    if (bid != null && ask != null && bid.compareTo(ask) > 0) {
      throw new IllegalArgumentException(
          "crossed ticker for %s: bid %s > ask %s".formatted(symbol, bid.toPlainString(), ask.toPlainString()));
    }
  }
}
