package dev.nanpin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * Plausibility bounds of market events ({@link MarkPrice}, {@link OpenInterest}, {@link
 * Liquidation}, and the trades their parsers read): a value outside them is bad input, refused
 * with a {@link DataException} that names the field, never passed on as a figure. Stateless and
 * thread-safe.
 */
public final class Plausible {
  /** Prices above this (a trillion-dollar unit) are a unit or parsing error, not a market. */
  public static final BigDecimal MAX_PRICE = new BigDecimal("1e12");
  /** Quantities and open interest above this are a unit or parsing error. */
  public static final BigDecimal MAX_QUANTITY = new BigDecimal("1e15");
  /** A funding rate beyond +-100% of the interval is a unit error. */
  public static final BigDecimal MAX_FUNDING = BigDecimal.ONE;
  /** Events dated before this are a unit error (seconds read as milliseconds, say). */
  public static final Instant EPOCH = Instant.parse("2010-01-01T00:00:00Z");

  private Plausible() {}

  /**
   * @param value a symbol
   * @return it
   * @throws DataException when blank
   */
  public static String symbol(String value) {
    if (value == null || value.isBlank()) {
      throw bad("symbol", null, "symbol is missing");
    }
    return value;
  }

  /**
   * @param value a price
   * @param field its name, for the error
   * @param symbol the market, for the error
   * @return the value, {@code > 0} and at most {@link #MAX_PRICE}
   * @throws DataException naming the field otherwise
   */
  public static BigDecimal price(BigDecimal value, String field, String symbol) {
    return range(value, field, symbol, false, MAX_PRICE);
  }

  /**
   * @param value a quantity or open interest
   * @param field its name, for the error
   * @param symbol the market, for the error
   * @param zeroAllowed whether 0 is plausible (open interest) or not (a fill)
   * @return the value, at most {@link #MAX_QUANTITY}
   * @throws DataException naming the field otherwise
   */
  public static BigDecimal quantity(BigDecimal value, String field, String symbol, boolean zeroAllowed) {
    return range(value, field, symbol, zeroAllowed, MAX_QUANTITY);
  }

  /**
   * @param value a funding rate as a fraction, or {@code null}
   * @param symbol the market, for the error
   * @return the value, at most {@link #MAX_FUNDING} in magnitude
   * @throws DataException naming the field otherwise
   */
  public static BigDecimal fundingRate(BigDecimal value, String symbol) {
    if (value != null && value.abs().compareTo(MAX_FUNDING) > 0) {
      throw bad("fundingRate", symbol, "implausible fundingRate of " + symbol + ": " + value.toPlainString());
    }
    return value;
  }

  /**
   * @param value an event time
   * @param field its name, for the error
   * @param symbol the market, for the error
   * @return the value, not before {@link #EPOCH}
   * @throws DataException naming the field otherwise
   */
  public static Instant time(Instant value, String field, String symbol) {
    if (value == null) {
      throw bad(field, symbol, field + " of " + symbol + " is missing");
    }
    if (value.isBefore(EPOCH)) {
      throw bad(field, symbol, "implausible " + field + " of " + symbol + ": " + value + " is before " + EPOCH);
    }
    return value;
  }

  private static BigDecimal range(BigDecimal value, String field, String symbol, boolean zeroAllowed, BigDecimal max) {
    if (value == null) {
      throw bad(field, symbol, field + " of " + symbol + " is missing");
    }
    int sign = value.signum();
    if (sign < 0 || (sign == 0 && !zeroAllowed) || value.compareTo(max) > 0) {
      throw bad(field, symbol, "implausible %s of %s: %s (must be %s and at most %s)".formatted(
          field, symbol, value.toPlainString(), zeroAllowed ? ">= 0" : "> 0", max.toPlainString()));
    }
    return value;
  }

  private static DataException bad(String field, String symbol, String message) {
    return new DataException(null, field, message, null);
  }
}
