package dev.nanpin.live.internal;

import java.math.BigDecimal;

/**
 * Writes JSON text for the bot's HTTP API without a JSON library (the live module stays free of
 * one): an object or array is built by appending members to a {@link StringBuilder}.
 */
public final class JsonText {
  private final StringBuilder sb = new StringBuilder();
  private boolean first = true;

  private JsonText(char open) {
    sb.append(open);
  }

  /** @return a new object */
  public static JsonText object() {
    return new JsonText('{');
  }

  /** @return a new array */
  public static JsonText array() {
    return new JsonText('[');
  }

  private void sep() {
    if (!first) {
      sb.append(',');
    }
    first = false;
  }

  /**
   * @param name the member name
   * @param value text, or {@code null}
   * @return this
   */
  public JsonText put(String name, String value) {
    sep();
    sb.append(quote(name)).append(':').append(value == null ? "null" : quote(value));
    return this;
  }

  /**
   * @param name the member name
   * @param value a number; non-finite values are written as {@code null}
   * @return this
   */
  public JsonText put(String name, double value) {
    sep();
    sb.append(quote(name)).append(':').append(number(value));
    return this;
  }

  /**
   * @param name the member name
   * @param value a number
   * @return this
   */
  public JsonText put(String name, long value) {
    sep();
    sb.append(quote(name)).append(':').append(value);
    return this;
  }

  /**
   * @param name the member name
   * @param value a decimal, or {@code null}
   * @return this
   */
  public JsonText put(String name, BigDecimal value) {
    sep();
    sb.append(quote(name)).append(':').append(value == null ? "null" : value.toPlainString());
    return this;
  }

  /**
   * @param name the member name
   * @param value a boolean
   * @return this
   */
  public JsonText put(String name, boolean value) {
    sep();
    sb.append(quote(name)).append(':').append(value);
    return this;
  }

  /**
   * @param name the member name
   * @param json JSON text written as is
   * @return this
   */
  public JsonText raw(String name, String json) {
    sep();
    sb.append(quote(name)).append(':').append(json);
    return this;
  }

  /**
   * Adds an element to an array.
   *
   * @param json JSON text written as is
   * @return this
   */
  public JsonText add(String json) {
    sep();
    sb.append(json);
    return this;
  }

  /** @return the closed JSON text */
  public String end() {
    return sb.append(sb.charAt(0) == '{' ? '}' : ']').toString();
  }

  /**
   * @param v a number
   * @return its JSON text, {@code null} when not finite
   */
  public static String number(double v) {
    if (!Double.isFinite(v)) {
      return "null";
    }
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }

  /**
   * @param s text
   * @return a JSON string literal
   */
  public static String quote(String s) {
    StringBuilder q = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> q.append("\\\"");
        case '\\' -> q.append("\\\\");
        case '\n' -> q.append("\\n");
        case '\r' -> q.append("\\r");
        case '\t' -> q.append("\\t");
        default -> {
          if (c < 0x20 || c == '<' || c == '>' || c == '&') {
            q.append(String.format("\\u%04x", (int) c));
          } else {
            q.append(c);
          }
        }
      }
    }
    return q.append('"').toString();
  }
}
