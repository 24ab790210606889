package dev.nanpin;

import static dev.nanpin.internal.Checks.nonNegative;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One OHLCV candle, as it crosses an API boundary (exchange klines, data-source history).
 * The simulator keeps bars as columns of {@code double} instead (see {@link BarSeries}).
 *
 * @param time the bar's open time
 * @param open the first price, {@code > 0}
 * @param high the highest price, {@code >= max(open, close)}
 * @param low the lowest price, {@code > 0} and {@code <= min(open, close)}
 * @param close the last price, {@code > 0}
 * @param volume traded volume in the base asset, {@code >= 0}
 */
public record Bar(
    Instant time, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, BigDecimal volume) {

  /** Validates the OHLC relations and normalises the scale of the decimals. */
  public Bar {
    notNull(time, "time");
    open = positive(open, "open");
    high = positive(high, "high");
    low = positive(low, "low");
    close = positive(close, "close");
    volume = nonNegative(volume, "volume");
    if (high.compareTo(open.max(close)) < 0) {
      throw new IllegalArgumentException(
          "high %s is below max(open %s, close %s) at %s"
              .formatted(high.toPlainString(), open.toPlainString(), close.toPlainString(), time));
    }
    if (low.compareTo(open.min(close)) > 0) {
      throw new IllegalArgumentException(
          "low %s is above min(open %s, close %s) at %s"
              .formatted(low.toPlainString(), open.toPlainString(), close.toPlainString(), time));
    }
  }

  /**
   * Creates a bar from doubles, for tests and generators.
   *
   * @param time the open time
   * @param open open price
   * @param high high price
   * @param low low price
   * @param close close price
   * @param volume volume in base units
   * @return the validated bar
   */
  public static Bar of(Instant time, double open, double high, double low, double close, double volume) {
    return new Bar(time, BigDecimal.valueOf(open), BigDecimal.valueOf(high), BigDecimal.valueOf(low),
        BigDecimal.valueOf(close), BigDecimal.valueOf(volume));
  }
}
