package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * An OHLC reading of a quantity that may be negative or zero (funding rates) or that is not a
 * price (open interest), so it is not a {@link dev.nanpin.Bar}.
 *
 * @param time the interval's start
 * @param open the first value
 * @param high the highest value, {@code >= max(open, close)}
 * @param low the lowest value, {@code <= min(open, close)}
 * @param close the last value
 */
public record OhlcPoint(Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close) {
  /** Validates the OHLC relations. */
  public OhlcPoint {
    requireNonNull(time, "time");
    requireNonNull(open, "open");
    requireNonNull(high, "high");
    requireNonNull(low, "low");
    requireNonNull(close, "close");
    if (high.compareTo(open.max(close)) < 0 || low.compareTo(open.min(close)) > 0) {
      throw new IllegalArgumentException("inconsistent OHLC at %s: %s %s %s %s".formatted(time,
          open.toPlainString(), high.toPlainString(), low.toPlainString(), close.toPlainString()));
    }
  }
}
