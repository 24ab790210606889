package dev.nanpin.data.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.nanpin.DataException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A cursor over a parsed JSON body that remembers its path, so that every failure is a {@link
 * DataException} naming the source and the field ({@code data[2].quote.USD.price}).
 *
 * <p>Numbers are kept exact: floats are read as {@link BigDecimal}, and numeric strings
 * ({@code "0.2325"}, FRED values, CoinGlass amounts) are accepted where a number is expected,
 * because the APIs mix both. Immutable and thread-safe.
 */
public final class Json {
  /** Shared mapper: exact decimals, strict duplicate detection, no lenient tokens. */
  static final ObjectMapper MAPPER = JsonMapper.builder()
      .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
      .build();

  static {
    // Bodies are small; a huge number literal is garbage, not data.
    MAPPER.getFactory().setStreamReadConstraints(
        StreamReadConstraints.builder().maxNumberLength(200).maxNestingDepth(64).build());
  }

  /** Timestamps: ISO-8601 with 0 to 9 fractional digits and an offset or Z. */
  private static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
      .parseCaseInsensitive()
      .append(DateTimeFormatter.ISO_LOCAL_DATE)
      .appendLiteral('T')
      .appendValue(ChronoField.HOUR_OF_DAY, 2).appendLiteral(':')
      .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
      .optionalStart().appendLiteral(':').appendValue(ChronoField.SECOND_OF_MINUTE, 2).optionalEnd()
      .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true).optionalEnd()
      .appendOffset("+HH:MM", "Z")
      .toFormatter(Locale.ROOT);

  private final String source;
  private final String path;
  private final JsonNode node;

  private Json(String source, String path, JsonNode node) {
    this.source = source;
    this.path = path;
    this.node = node;
  }

  /**
   * Parses a body that must be JSON.
   *
   * @param source the source id for errors
   * @param body the body text, may be {@code null}
   * @return the root cursor
   * @throws DataException for an empty body, an HTML page or malformed JSON
   */
  public static Json parse(String source, String body) {
    if (body == null || body.isBlank()) {
      throw new DataException(source, "body", source + " answered an empty body instead of JSON", null);
    }
    if (looksLikeHtml(body)) {
      throw new DataException(source, "body", source + " answered an HTML page instead of JSON", null);
    }
    try {
      JsonNode root = MAPPER.readTree(body);
      if (root == null || root.isMissingNode()) {
        throw new DataException(source, "body", source + " answered an empty body instead of JSON", null);
      }
      return new Json(source, "$", root);
    } catch (JsonProcessingException e) {
      // The message of Jackson quotes a bit of the body, never a URL, so it is safe to keep.
      throw new DataException(source, "body",
          source + " answered malformed JSON: " + abbreviate(String.valueOf(e.getOriginalMessage())), null);
    } catch (IllegalArgumentException e) {
      // Jackson throws NumberFormatException for numbers such as 1E99999999999 (exponent overflow).
      throw new DataException(source, "body", source + " answered unreadable JSON: " + abbreviate(String.valueOf(e.getMessage())), null);
    }
  }

  /**
   * Returns whether a body looks like an HTML page (a Cloudflare block or an error page).
   *
   * @param body the body
   * @return whether the first non-blank character opens a tag
   */
  public static boolean looksLikeHtml(String body) {
    if (body == null) {
      return false;
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (!Character.isWhitespace(c) && c != '\uFEFF') {
        return c == '<';
      }
    }
    return false;
  }

  /** @return the source id */
  public String source() {
    return source;
  }

  /** @return the JSON path of this node, e.g. {@code $.data[0].value} */
  public String path() {
    return path;
  }

  /** @return the raw node */
  public JsonNode node() {
    return node;
  }

  /**
   * Builds the error for this node.
   *
   * @param message what is wrong
   * @return the exception, naming source and path
   */
  public DataException error(String message) {
    return new DataException(source, path, "%s: %s %s".formatted(source, path, message), null);
  }

  /** @return whether the node is JSON null or absent */
  public boolean isNull() {
    return node == null || node.isNull() || node.isMissingNode();
  }

  /** @return whether this node is an object */
  public boolean isObject() {
    return node != null && node.isObject();
  }

  /** @return whether this node is an array */
  public boolean isArray() {
    return node != null && node.isArray();
  }

  /**
   * @param name a field name
   * @return whether the field is present and not null
   */
  public boolean has(String name) {
    return node != null && node.isObject() && node.hasNonNull(name);
  }

  /**
   * Requires an object field.
   *
   * @param name the field name
   * @return the field
   * @throws DataException if this is not an object or the field is absent or null
   */
  public Json get(String name) {
    requireObject();
    JsonNode child = node.get(name);
    String childPath = path + "." + name;
    if (child == null || child.isNull()) {
      throw new DataException(source, childPath, "%s: missing field %s".formatted(source, childPath), null);
    }
    return new Json(source, childPath, child);
  }

  /**
   * An optional object field.
   *
   * @param name the field name
   * @return the field, empty when absent or null
   * @throws DataException if this is not an object
   */
  public Optional<Json> opt(String name) {
    requireObject();
    JsonNode child = node.get(name);
    if (child == null || child.isNull()) {
      return Optional.empty();
    }
    return Optional.of(new Json(source, path + "." + name, child));
  }

  /**
   * Requires this node to be an object.
   *
   * @return this
   */
  public Json requireObject() {
    if (node == null || !node.isObject()) {
      throw error("must be an object but is " + kind());
    }
    return this;
  }

  /**
   * Requires an array and returns its elements.
   *
   * @return the elements
   */
  public List<Json> elements() {
    if (node == null || !node.isArray()) {
      throw error("must be an array but is " + kind());
    }
    List<Json> out = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      out.add(new Json(source, path + "[" + i + "]", node.get(i)));
    }
    return out;
  }

  /**
   * Requires an object and returns its fields in order.
   *
   * @return name to cursor
   */
  public List<Map.Entry<String, Json>> fields() {
    requireObject();
    List<Map.Entry<String, Json>> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      out.add(Map.entry(e.getKey(), new Json(source, path + "." + e.getKey(), e.getValue())));
    }
    return out;
  }

  /**
   * Requires an array element.
   *
   * @param index the index
   * @return the element
   */
  public Json at(int index) {
    List<Json> all = elements();
    if (index >= all.size()) {
      throw error("has %d elements, needs at least %d".formatted(all.size(), index + 1));
    }
    return all.get(index);
  }

  /**
   * Requires a string (numbers and booleans are not accepted as text).
   *
   * @return the text
   */
  public String text() {
    if (node == null || !node.isTextual()) {
      throw error("must be a string but is " + kind());
    }
    return node.textValue();
  }

  /**
   * Reads a scalar as text: a string as is, a number in plain notation.
   *
   * @return the text
   */
  public String scalarText() {
    if (node != null && node.isTextual()) {
      return node.textValue();
    }
    if (node != null && node.isNumber()) {
      return decimal().toPlainString();
    }
    throw error("must be a string or a number but is " + kind());
  }

  /**
   * Reads a decimal from a JSON number or a numeric string.
   *
   * @return the value, exact
   */
  public BigDecimal decimal() {
    return inRange(rawDecimal());
  }

  /** The largest decimal exponent accepted either way: prices, sizes and rates live far inside it. */
  private static final int MAX_SCALE = 60;

  private BigDecimal inRange(BigDecimal v) {
    // Bound the exponent so that no later toPlainString() or arithmetic can blow up on 1E+999999999.
    if (v.signum() != 0 && (v.scale() > MAX_SCALE || v.scale() < -MAX_SCALE || v.precision() - v.scale() > MAX_SCALE)) {
      throw error("is a number out of the supported range: " + abbreviate(v.toString()));
    }
    return v;
  }

  private BigDecimal rawDecimal() {
    if (node != null && node.isNumber()) {
      if (node.isFloatingPointNumber() && !node.isBigDecimal() && !Double.isFinite(node.doubleValue())) {
        throw error("must be a finite number but is " + abbreviate(node.toString()));
      }
      return node.decimalValue();
    }
    if (node != null && node.isTextual()) {
      String s = node.textValue().trim();
      if (s.isEmpty() || s.length() > 64) {
        throw error("must be a number but is the string \"%s\"".formatted(abbreviate(s)));
      }
      try {
        return new BigDecimal(s);
      } catch (NumberFormatException e) {
        throw error("must be a number but is the string \"%s\"".formatted(abbreviate(s)));
      }
    }
    throw error("must be a number but is " + kind());
  }

  /**
   * Reads a decimal that must be {@code > 0}: a price.
   *
   * @return the value
   */
  public BigDecimal positiveDecimal() {
    BigDecimal v = decimal();
    if (v.signum() <= 0) {
      throw error("must be > 0 but is " + v.toPlainString());
    }
    return v;
  }

  /**
   * Reads a decimal that must be {@code >= 0}.
   *
   * @return the value
   */
  public BigDecimal nonNegativeDecimal() {
    BigDecimal v = decimal();
    if (v.signum() < 0) {
      throw error("must be >= 0 but is " + v.toPlainString());
    }
    return v;
  }

  /**
   * Reads a finite double (for signal maths only, never for prices that cross the ledger).
   *
   * @return the value
   */
  public double finiteDouble() {
    double d = decimal().doubleValue();
    if (!Double.isFinite(d)) {
      throw error("is out of the range of a double");
    }
    return d;
  }

  /**
   * Reads a whole number from a JSON integer or a string of digits.
   *
   * @return the value
   */
  public long longValue() {
    BigDecimal d = decimal();
    try {
      return d.longValueExact();
    } catch (ArithmeticException e) {
      throw error("must be a whole number but is " + abbreviate(d.toPlainString()));
    }
  }

  /**
   * Reads a whole number in a range.
   *
   * @param min smallest accepted
   * @param max largest accepted
   * @return the value
   */
  public int intIn(int min, int max) {
    long v = longValue();
    if (v < min || v > max) {
      throw error("must be in [%d, %d] but is %d".formatted(min, max, v));
    }
    return (int) v;
  }

  /**
   * Reads a boolean.
   *
   * @return the value
   */
  public boolean bool() {
    if (node == null || !node.isBoolean()) {
      throw error("must be true or false but is " + kind());
    }
    return node.booleanValue();
  }

  /**
   * Reads epoch seconds (number or string) as an instant in a plausible range (1990..2200).
   *
   * @return the instant
   */
  public Instant epochSeconds() {
    return Instant.ofEpochSecond(longValueInRange(631_152_000L, 7_258_118_400L, "epoch seconds"));
  }

  /**
   * Reads epoch milliseconds (number or string) as an instant in a plausible range (1990..2200).
   *
   * @return the instant
   */
  public Instant epochMillis() {
    return Instant.ofEpochMilli(longValueInRange(631_152_000_000L, 7_258_118_400_000L, "epoch milliseconds"));
  }

  private long longValueInRange(long min, long max, String what) {
    long v = longValue();
    if (v < min || v > max) {
      throw error("must be %s between 1990 and 2200 but is %d".formatted(what, v));
    }
    return v;
  }

  /**
   * Reads an ISO-8601 timestamp with 0 to 9 fractional digits and {@code Z} or an offset.
   *
   * @return the instant
   */
  public Instant isoInstant() {
    String s = text();
    try {
      return OffsetDateTime.parse(s, ISO).toInstant();
    } catch (DateTimeException e) {
      throw error("must be an ISO-8601 timestamp but is \"%s\"".formatted(abbreviate(s)));
    }
  }

  /**
   * Reads a {@code YYYY-MM-DD} date.
   *
   * @return the date
   */
  public LocalDate date() {
    String s = text();
    try {
      return LocalDate.parse(s);
    } catch (DateTimeException e) {
      throw error("must be a date YYYY-MM-DD but is \"%s\"".formatted(abbreviate(s)));
    }
  }

  /**
   * Parses a string field whose content is itself JSON (Polymarket {@code outcomes}).
   *
   * @return the cursor over the embedded JSON
   */
  public Json embedded() {
    String s = text();
    try {
      JsonNode inner = MAPPER.readTree(s);
      if (inner == null || inner.isMissingNode()) {
        throw error("must contain JSON but is empty");
      }
      return new Json(source, path, inner);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw error("must contain JSON but is \"%s\"".formatted(abbreviate(s)));
    }
  }

  private String kind() {
    if (node == null || node.isMissingNode()) {
      return "missing";
    }
    return node.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /**
   * Shortens a text for a message.
   *
   * @param s the text
   * @return at most 40 characters and an ellipsis
   */
  public static String abbreviate(String s) {
    return s.length() <= 40 ? s : s.substring(0, 40) + "...";
  }
}
