package dev.nanpin.exchange.backpack.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.ExchangeException;
import dev.nanpin.Plausible;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Lenient readers of venue JSON: every number may come as a JSON number or a string (the venue
 * mixes both), timestamps as epoch numbers or naive UTC date-times. A missing or unreadable
 * required field is an {@link ExchangeException} with code {@value #MALFORMED}, never a silent
 * zero.
 */
public final class J {
  /** The venue id. */
  public static final String VENUE = "backpack";
  /** The code of exceptions about unreadable venue data. */
  public static final String MALFORMED = "MALFORMED_RESPONSE";

  private J() {}

  /**
   * @param message what is wrong
   * @return the exception for unreadable data
   */
  public static ExchangeException malformed(String message) {
    return new ExchangeException(VENUE, MALFORMED, "backpack: " + message, null);
  }

  /**
   * @param n an object node
   * @param field a field name
   * @return whether the field is present and not null
   */
  public static boolean has(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v != null && !v.isNull() && !(v.isTextual() && v.asText().isEmpty());
  }

  /**
   * @param n an object node
   * @param field a required text field
   * @return its text
   */
  public static String str(JsonNode n, String field) {
    if (!has(n, field)) {
      throw malformed("missing field '" + field + "' in " + abbreviate(n));
    }
    return n.get(field).asText();
  }

  /**
   * @param n an object node
   * @param field an optional text field
   * @return its text or {@code null}
   */
  public static String strOrNull(JsonNode n, String field) {
    return has(n, field) ? n.get(field).asText() : null;
  }

  /**
   * @param n an object node
   * @param field a required decimal (number or string)
   * @return the value
   */
  public static BigDecimal dec(JsonNode n, String field) {
    BigDecimal d = decOrNull(n, field);
    if (d == null) {
      throw malformed("missing decimal '" + field + "' in " + abbreviate(n));
    }
    return d;
  }

  /**
   * @param n an object node
   * @param field an optional decimal
   * @return the value or {@code null}
   */
  public static BigDecimal decOrNull(JsonNode n, String field) {
    if (!has(n, field)) {
      return null;
    }
    return decimal(n.get(field), field);
  }

  /**
   * @param v a number or string node
   * @param what for messages
   * @return the value
   */
  public static BigDecimal decimal(JsonNode v, String what) {
    if (v.isNumber()) {
      return v.decimalValue();
    }
    try {
      return new BigDecimal(v.asText().strip());
    } catch (NumberFormatException e) {
      throw malformed("'" + what + "' is not a decimal: " + abbreviate(v));
    }
  }

  /**
   * @param n an object node
   * @param field a required integer (number or string)
   * @return the value
   */
  public static long lng(JsonNode n, String field) {
    if (!has(n, field)) {
      throw malformed("missing integer '" + field + "' in " + abbreviate(n));
    }
    JsonNode v = n.get(field);
    if (v.isIntegralNumber()) {
      return v.asLong();
    }
    try {
      return new BigDecimal(v.asText().strip()).longValueExact();
    } catch (NumberFormatException | ArithmeticException e) {
      throw malformed("'" + field + "' is not an integer: " + abbreviate(v));
    }
  }

  /**
   * @param n an object node
   * @param field an optional integer
   * @param absent the value when missing
   * @return the value
   */
  public static long lngOr(JsonNode n, String field, long absent) {
    return has(n, field) ? lng(n, field) : absent;
  }

  /**
   * @param n an object node
   * @param field an optional boolean (JSON boolean or "true"/"false")
   * @return the value, {@code false} when missing
   */
  public static boolean bool(JsonNode n, String field) {
    if (!has(n, field)) {
      return false;
    }
    JsonNode v = n.get(field);
    return v.isBoolean() ? v.asBoolean() : "true".equalsIgnoreCase(v.asText());
  }

  /**
   * Reads a time: epoch milliseconds or microseconds (a number or digits; values above 1e14 are
   * taken as microseconds), or a naive UTC date-time ({@code 2025-07-19 13:09:00},
   * {@code 2025-07-22T00:00:00.123}).
   *
   * @param n an object node
   * @param field a required time field
   * @return the instant
   */
  public static Instant time(JsonNode n, String field) {
    if (!has(n, field)) {
      throw malformed("missing time '" + field + "' in " + abbreviate(n));
    }
    JsonNode v = n.get(field);
    String text = v.asText().strip();
    if (v.isNumber() || text.chars().allMatch(Character::isDigit)) {
      long value = lng(n, field);
      return Plausible.time(VENUE, field,
          value > 100_000_000_000_000L ? Instant.EPOCH.plusNanos(value * 1000L) : Instant.ofEpochMilli(value));
    }
    try {
      String iso = text.replace(' ', 'T');
      if (iso.endsWith("Z")) {
        return Plausible.time(VENUE, field, Instant.parse(iso));
      }
      return Plausible.time(VENUE, field, LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC));
    } catch (DateTimeParseException e) {
      throw malformed("'" + field + "' is not a time: " + text);
    }
  }

  /**
   * @param n a node
   * @return its JSON text, cut to 200 characters
   */
  public static String abbreviate(JsonNode n) {
    String s = String.valueOf(n);
    return s.length() <= 200 ? s : s.substring(0, 200) + "...";
  }
}
