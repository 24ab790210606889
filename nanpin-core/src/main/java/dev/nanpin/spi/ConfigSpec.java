package dev.nanpin.spi;

import dev.nanpin.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The typed parameters a plugin accepts: names, types, defaults, ranges and descriptions.
 *
 * <p>{@link #resolve(Map)} turns raw settings (strings from {@code --set key=value}, values from
 * a YAML file or from Java code) into a validated {@link PluginConfig}. An unknown key, a value
 * of the wrong type or out of range fails with a {@link ConfigException} naming the key and
 * what is accepted. Keys match ignoring case, {@code -} and {@code _}, so {@code step-scale},
 * {@code step_scale} and {@code stepScale} name the same parameter.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigSpec {
  /** A spec with no parameters: any key is unknown. */
  public static final ConfigSpec EMPTY = new ConfigSpec(List.of());

  private final List<Param> params;
  private final Map<String, Param> byNormalizedName;

  private ConfigSpec(List<Param> params) {
    this.params = List.copyOf(params);
    Map<String, Param> map = new LinkedHashMap<>();
    for (Param p : params) {
      Param clash = map.put(normalize(p.name()), p);
      if (clash != null) {
        throw new IllegalArgumentException("parameters '%s' and '%s' differ only in case or separators"
            .formatted(clash.name(), p.name()));
      }
    }
    this.byNormalizedName = Collections.unmodifiableMap(map);
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the parameters in declaration order */
  public List<Param> params() {
    return params;
  }

  /**
   * Looks up a parameter by name (ignoring case, {@code -} and {@code _}).
   *
   * @param name the name
   * @return the parameter, or empty
   */
  public Optional<Param> param(String name) {
    return Optional.ofNullable(byNormalizedName.get(normalize(name)));
  }

  /**
   * Validates raw settings and fills in the defaults.
   *
   * @param raw key to value; values may be strings, numbers, booleans, durations, enums or lists
   * @return the validated configuration
   * @throws ConfigException naming the key for an unknown key, a wrong type or a value out of range
   */
  public PluginConfig resolve(Map<String, ?> raw) {
    Objects.requireNonNull(raw, "raw");
    Map<String, Object> values = new LinkedHashMap<>();
    for (Param p : params) {
      values.put(p.name(), p.defaultValue());
    }
    List<String> explicitlySet = new ArrayList<>();
    for (Map.Entry<String, ?> e : raw.entrySet()) {
      Param p = byNormalizedName.get(normalize(e.getKey()));
      if (p == null) {
        throw new ConfigException(e.getKey(), "unknown key '%s'; known keys: %s".formatted(e.getKey(),
            params.isEmpty() ? "(none)" : params.stream().map(Param::name).collect(Collectors.joining(", "))));
      }
      values.put(p.name(), p.convert(e.getValue()));
      explicitlySet.add(p.name());
    }
    return new PluginConfig(this, values, explicitlySet);
  }

  static String normalize(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** The type of a parameter's value. */
  public enum Type {
    /** A {@code double}; accepts numbers and decimal strings. */
    DOUBLE,
    /** An {@code int}. */
    INT,
    /** A {@code long}. */
    LONG,
    /** {@code true} or {@code false}. */
    BOOLEAN,
    /** Free text. */
    STRING,
    /** Free text that is never printed: keys and passwords. */
    SECRET,
    /** One constant of an enum, matched ignoring case and {@code -}/{@code _}. */
    ENUM,
    /** A {@link Duration}: {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 2d} or ISO-8601 {@code PT12H}. */
    DURATION,
    /** A list of doubles: a YAML list or a comma-separated string. */
    DOUBLE_LIST
  }

  /**
   * One parameter.
   *
   * @param name the canonical name (camelCase)
   * @param type the value type
   * @param defaultValue the default; {@code null} for optional strings and secrets, {@code NaN}
   *     for an optional number that is off unless set
   * @param min the smallest accepted value (numbers, durations, list elements), or {@code null}
   * @param max the largest accepted value, or {@code null}
   * @param enumType the enum class for {@link Type#ENUM}, else {@code null}
   * @param description one line for {@code --help} and docs
   */
  public record Param(String name, Type type, Object defaultValue, Object min, Object max,
      Class<?> enumType, String description) {

    /** Validates. */
    public Param {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(description, "description");
      if (type == Type.ENUM && enumType == null) {
        throw new IllegalArgumentException("enum parameter " + name + " needs its enum type");
      }
    }

    /** @return whether the value must never be printed */
    public boolean secret() {
      return type == Type.SECRET;
    }

    Object convert(Object value) {
      if (value == null) {
        throw fail(null, "a value");
      }
      return switch (type) {
        case DOUBLE -> checkRange(toDouble(value));
        case INT -> {
          long v = toLong(value);
          if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw fail(value, "an int");
          }
          yield checkRange((int) v);
        }
        case LONG -> checkRange(toLong(value));
        case BOOLEAN -> toBoolean(value);
        case STRING, SECRET -> {
          if (value instanceof String s) {
            yield s;
          }
          if (type == Type.STRING && (value instanceof Number || value instanceof Boolean)) {
            yield value.toString();
          }
          throw fail(type == Type.SECRET ? "(hidden)" : value, "a string");
        }
        case ENUM -> toEnum(value);
        case DURATION -> checkRange(toDuration(value));
        case DOUBLE_LIST -> toDoubleList(value);
      };
    }

    private double toDouble(Object value) {
      if (value instanceof Number n) {
        return finiteOrFail(n.doubleValue(), value);
      }
      if (value instanceof String s) {
        try {
          return finiteOrFail(Double.parseDouble(s.trim()), value);
        } catch (NumberFormatException e) {
          throw fail(value, "a number");
        }
      }
      throw fail(value, "a number");
    }

    private double finiteOrFail(double v, Object raw) {
      if (!Double.isFinite(v)) {
        throw fail(raw, "a finite number");
      }
      return v;
    }

    private long toLong(Object value) {
      if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
        return ((Number) value).longValue();
      }
      if (value instanceof Number n) {
        double d = n.doubleValue();
        if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
          return (long) d;
        }
        throw fail(value, "a whole number");
      }
      if (value instanceof String s) {
        try {
          return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
          throw fail(value, "a whole number");
        }
      }
      throw fail(value, "a whole number");
    }

    private boolean toBoolean(Object value) {
      if (value instanceof Boolean b) {
        return b;
      }
      if (value instanceof String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) {
          return true;
        }
        if (t.equals("false")) {
          return false;
        }
      }
      throw fail(value, "true or false");
    }

    private Object toEnum(Object value) {
      if (enumType.isInstance(value)) {
        return value;
      }
      String wanted = normalize(value.toString());
      for (Object constant : enumType.getEnumConstants()) {
        if (normalize(((Enum<?>) constant).name()).equals(wanted)) {
          return constant;
        }
      }
      throw fail(value, "one of " + enumNames(enumType));
    }

    private Duration toDuration(Object value) {
      if (value instanceof Duration d) {
        return d;
      }
      if (value instanceof String s) {
        Duration d = parseDuration(s.trim());
        if (d != null) {
          return d;
        }
      }
      throw fail(value, "a duration such as 500ms, 30s, 15m, 12h, 2d or PT12H");
    }

    private List<Double> toDoubleList(Object value) {
      List<?> items;
      if (value instanceof List<?> list) {
        items = list;
      } else if (value instanceof String s) {
        items = s.isBlank() ? List.of() : List.of(s.split(","));
      } else {
        throw fail(value, "a list of numbers");
      }
      List<Double> out = new ArrayList<>(items.size());
      for (Object item : items) {
        double d = toDouble(item);
        checkRange(d);
        out.add(d);
      }
      return List.copyOf(out);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private <T extends Comparable> T checkRange(T v) {
      if ((min != null && v.compareTo(min) < 0) || (max != null && v.compareTo(max) > 0)) {
        if (Double.valueOf(Double.MIN_VALUE).equals(min) && (max == null || Double.valueOf(Double.MAX_VALUE).equals(max))) {
          throw new ConfigException(name, "%s = %s must be positive".formatted(name, format(v)));
        }
        throw new ConfigException(name, "%s = %s is out of range [%s, %s]".formatted(
            name, format(v), min == null ? "-inf" : format(min), max == null ? "+inf" : format(max)));
      }
      return v;
    }

    private ConfigException fail(Object value, String expected) {
      String shown = secret() ? "(hidden)" : String.valueOf(value);
      return new ConfigException(name, "%s = '%s' is not valid: expected %s".formatted(name, shown, expected));
    }

    private static String format(Object v) {
      if (v instanceof Double d && d == Math.rint(d) && Math.abs(d) < 1e15) {
        return Long.toString(d.longValue());
      }
      return String.valueOf(v);
    }
  }

  static String enumNames(Class<?> enumType) {
    List<String> names = new ArrayList<>();
    for (Object c : enumType.getEnumConstants()) {
      names.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT).replace('_', '-'));
    }
    return String.join(", ", names);
  }

  /**
   * Parses {@code 500ms}, {@code 30s}, {@code 15m}, {@code 12h}, {@code 2d} (a decimal number and
   * a unit) or an ISO-8601 duration.
   *
   * @param text the text
   * @return the duration, or {@code null} if the text is neither form
   */
  public static Duration parseDuration(String text) {
    if (text.isEmpty()) {
      return null;
    }
    if (text.startsWith("P") || text.startsWith("p")) {
      try {
        return Duration.parse(text.toUpperCase(Locale.ROOT));
      } catch (RuntimeException e) {
        return null;
      }
    }
    int i = 0;
    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
      i++;
    }
    if (i == 0 || i == text.length()) {
      return null;
    }
    double amount;
    try {
      amount = Double.parseDouble(text.substring(0, i));
    } catch (NumberFormatException e) {
      return null;
    }
    long unitMillis = switch (text.substring(i).trim().toLowerCase(Locale.ROOT)) {
      case "ms" -> 1L;
      case "s" -> 1_000L;
      case "m", "min" -> 60_000L;
      case "h" -> 3_600_000L;
      case "d" -> 86_400_000L;
      case "w" -> 604_800_000L;
      default -> -1L;
    };
    if (unitMillis < 0) {
      return null;
    }
    return Duration.ofMillis(Math.round(amount * unitMillis));
  }

  /**
   * Builds a {@link ConfigSpec}. Each name may be declared once.
   */
  public static final class Builder {
    private final List<Param> params = new ArrayList<>();

    private Builder() {}

    private Builder add(Param p) {
      for (Param q : params) {
        if (normalize(q.name()).equals(normalize(p.name()))) {
          throw new IllegalStateException("parameter " + p.name() + " was already declared");
        }
      }
      if (p.defaultValue() != null && !(p.defaultValue() instanceof Double d && d.isNaN())) {
        p.convert(p.defaultValue()); // a default must pass its own checks
      }
      params.add(p);
      return this;
    }

    /**
     * Declares a {@code double}.
     *
     * @param name the name
     * @param defaultValue the default; {@code NaN} means off unless set
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param description one line
     * @return this builder
     */
    public Builder doubleParam(String name, double defaultValue, double min, double max, String description) {
      return add(new Param(name, Type.DOUBLE, defaultValue, min, max, null, description));
    }

    /**
     * Declares an {@code int}.
     *
     * @param name the name
     * @param defaultValue the default
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param description one line
     * @return this builder
     */
    public Builder intParam(String name, int defaultValue, int min, int max, String description) {
      return add(new Param(name, Type.INT, defaultValue, min, max, null, description));
    }

    /**
     * Declares a {@code long}.
     *
     * @param name the name
     * @param defaultValue the default
     * @param min the smallest accepted value
     * @param max the largest accepted value
     * @param description one line
     * @return this builder
     */
    public Builder longParam(String name, long defaultValue, long min, long max, String description) {
      return add(new Param(name, Type.LONG, defaultValue, min, max, null, description));
    }

    /**
     * Declares a {@code boolean}.
     *
     * @param name the name
     * @param defaultValue the default
     * @param description one line
     * @return this builder
     */
    public Builder booleanParam(String name, boolean defaultValue, String description) {
      return add(new Param(name, Type.BOOLEAN, defaultValue, null, null, null, description));
    }

    /**
     * Declares a string.
     *
     * @param name the name
     * @param defaultValue the default, or {@code null} when optional
     * @param description one line
     * @return this builder
     */
    public Builder stringParam(String name, String defaultValue, String description) {
      return add(new Param(name, Type.STRING, defaultValue, null, null, null, description));
    }

    /**
     * Declares a secret (an API key): never printed, no default.
     *
     * @param name the name
     * @param description one line
     * @return this builder
     */
    public Builder secretParam(String name, String description) {
      return add(new Param(name, Type.SECRET, null, null, null, null, description));
    }

    /**
     * Declares an enum.
     *
     * @param name the name
     * @param type the enum class
     * @param defaultValue the default
     * @param description one line
     * @param <E> the enum type
     * @return this builder
     */
    public <E extends Enum<E>> Builder enumParam(String name, Class<E> type, E defaultValue, String description) {
      return add(new Param(name, Type.ENUM, defaultValue, null, null, type, description));
    }

    /**
     * Declares a duration.
     *
     * @param name the name
     * @param defaultValue the default
     * @param min the shortest accepted
     * @param max the longest accepted
     * @param description one line
     * @return this builder
     */
    public Builder durationParam(String name, Duration defaultValue, Duration min, Duration max, String description) {
      return add(new Param(name, Type.DURATION, defaultValue, min, max, null, description));
    }

    /**
     * Declares a list of doubles, each in range.
     *
     * @param name the name
     * @param defaultValue the default
     * @param min the smallest accepted element
     * @param max the largest accepted element
     * @param description one line
     * @return this builder
     */
    public Builder doubleListParam(String name, List<Double> defaultValue, double min, double max, String description) {
      return add(new Param(name, Type.DOUBLE_LIST, List.copyOf(defaultValue), min, max, null, description));
    }

    /** @return the spec */
    public ConfigSpec build() {
      return new ConfigSpec(params);
    }
  }
}
