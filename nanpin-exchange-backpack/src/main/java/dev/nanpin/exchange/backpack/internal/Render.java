package dev.nanpin.exchange.backpack.internal;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/** Renders a request parameter exactly as it is signed and sent. */
public final class Render {
  private Render() {}

  /**
   * Renders a value: strings raw, booleans {@code true}/{@code false}, integers as digits,
   * {@link BigDecimal} in plain notation, enums by name. Binary floating point is refused.
   *
   * @param key the parameter name, for messages
   * @param value the value, not {@code null}
   * @return the text
   * @throws IllegalArgumentException for {@code double}, {@code float} or another type
   */
  public static String value(String key, Object value) {
    if (value instanceof String s) {
      return s;
    }
    if (value instanceof Boolean b) {
      return b ? "true" : "false";
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof BigDecimal d) {
      return d.toPlainString();
    }
    if (value instanceof Double || value instanceof Float) {
      throw new IllegalArgumentException("parameter " + key
          + " is binary floating point; send decimals as strings so the signed text is the sent text");
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    throw new IllegalArgumentException("parameter %s has unsupported type %s"
        .formatted(key, Objects.requireNonNull(value).getClass().getName()));
  }

}
