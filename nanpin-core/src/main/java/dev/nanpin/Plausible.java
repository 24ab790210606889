package dev.nanpin;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The plausible ranges of market values, checked where venue and data-source answers become
 * model records, so that an implausible value (a price of 0 or 1e30, a negative open interest, a
 * timestamp of -1) is bad input with a {@link DataException} naming the field, never a figure or an
 * order.
 *
 * <ul>
 *   <li>price: {@code 0 < p <= }{@link #MAX_PRICE};
 *   <li>amount (quantity, open interest, volume): {@code 0 <= a <= }{@link #MAX_AMOUNT};
 *   <li>time: {@link #MIN_TIME} {@code <= t < }{@link #MAX_TIME}.
 * </ul>
 *
 * <p>Stateless and thread-safe.
 */
public final class Plausible {
  /** The largest plausible price of anything in any quote currency: 10^12. */
  public static final BigDecimal MAX_PRICE = BigDecimal.TEN.pow(12);
  /** The largest plausible amount (quantity, open interest, volume): 10^18. */
  public static final BigDecimal MAX_AMOUNT = BigDecimal.TEN.pow(18);
  /** The earliest plausible market time: the first Bitcoin block, 2009-01-03. */
  public static final Instant MIN_TIME = Instant.parse("2009-01-03T00:00:00Z");
  /** The first implausible market time: 2100-01-01. */
  public static final Instant MAX_TIME = Instant.parse("2100-01-01T00:00:00Z");
  /** A funding rate beyond +-100 % of the interval is a unit error. */
  public static final BigDecimal MAX_FUNDING = BigDecimal.ONE;

  private Plausible() {}

  /**
   * @param source the venue or source id (or the record's name)
   * @param field the field
   * @param price the value
   * @return the value
   * @throws DataException if it is null or outside {@code (0, MAX_PRICE]}
   */
  public static BigDecimal price(String source, String field, BigDecimal price) {
    if (price == null || price.signum() <= 0 || price.compareTo(MAX_PRICE) > 0) {
      throw out(source, field, price == null ? "missing" : price.toString(), "(0, 1e12]");
    }
    return price;
  }

  /**
   * @param source the venue or source id
   * @param field the field
   * @param price the value
   * @return the value
   * @throws DataException if it is not finite or outside {@code (0, MAX_PRICE]}
   */
  public static double price(String source, String field, double price) {
    if (!(price > 0 && price <= 1e12)) {
      throw out(source, field, Double.toString(price), "(0, 1e12]");
    }
    return price;
  }

  /**
   * @param source the venue or source id
   * @param field the field
   * @param amount the value
   * @return the value
   * @throws DataException if it is null or outside {@code [0, MAX_AMOUNT]}
   */
  public static BigDecimal amount(String source, String field, BigDecimal amount) {
    if (amount == null || amount.signum() < 0 || amount.compareTo(MAX_AMOUNT) > 0) {
      throw out(source, field, amount == null ? "missing" : amount.toString(), "[0, 1e18]");
    }
    return amount;
  }

  /**
   * @param source the venue or source id
   * @param field the field
   * @param time the value
   * @return the value
   * @throws DataException if it is null or outside {@code [MIN_TIME, MAX_TIME)}
   */
  public static Instant time(String source, String field, Instant time) {
    if (time == null || time.isBefore(MIN_TIME) || !time.isBefore(MAX_TIME)) {
      throw out(source, field, String.valueOf(time), "[" + MIN_TIME + ", " + MAX_TIME + ")");
    }
    return time;
  }

  /**
   * @param value a symbol
   * @return it
   * @throws DataException when blank
   */
  public static String symbol(String value) {
    if (value == null || value.isBlank()) {
      throw new DataException(null, "symbol", "symbol is missing", null);
    }
    return value;
  }

  /**
   * A price of a market event, by symbol (the stream parsers' order of arguments).
   *
   * @param value the value
   * @param field the field
   * @param symbol the market
   * @return the value
   * @throws DataException if it is null or outside {@code (0, MAX_PRICE]}
   */
  public static BigDecimal price(BigDecimal value, String field, String symbol) {
    return price(symbol, field, value);
  }

  /**
   * A quantity or open interest of a market event.
   *
   * @param value the value
   * @param field the field
   * @param symbol the market
   * @param zeroAllowed whether 0 is plausible
   * @return the value
   * @throws DataException if it is null, negative, zero when not allowed, or above {@link #MAX_AMOUNT}
   */
  public static BigDecimal quantity(BigDecimal value, String field, String symbol, boolean zeroAllowed) {
    if (value != null && value.signum() == 0 && !zeroAllowed) {
      throw out(symbol, field, "0", "(0, " + MAX_AMOUNT.toPlainString() + "]");
    }
    return amount(symbol, field, value);
  }

  /**
   * A funding rate per interval.
   *
   * @param value the rate, or {@code null} when the venue gives none
   * @param symbol the market
   * @return the value
   * @throws DataException if its size exceeds {@link #MAX_FUNDING}
   */
  public static BigDecimal fundingRate(BigDecimal value, String symbol) {
    if (value != null && value.abs().compareTo(MAX_FUNDING) > 0) {
      throw out(symbol, "fundingRate", value.toPlainString(), "[-1, 1]");
    }
    return value;
  }

  /**
   * A time of a market event.
   *
   * @param value the time
   * @param field the field
   * @param symbol the market
   * @return the value
   * @throws DataException if it is null or outside {@code [MIN_TIME, MAX_TIME)}
   */
  public static Instant time(Instant value, String field, String symbol) {
    return time(symbol, field, value);
  }

  private static DataException out(String source, String field, String value, String range) {
    return new DataException(source, field,
        "%s: %s = %s is outside its plausible range %s".formatted(source, field, value, range), null);
  }
}
