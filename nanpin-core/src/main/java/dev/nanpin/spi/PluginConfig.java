package dev.nanpin.spi;

import dev.nanpin.ConfigException;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A validated plugin configuration: every declared parameter has a value of its type (the
 * default when not set). Made by {@link ConfigSpec#resolve(Map)}.
 *
 * <p>Asking for a name the spec does not declare, or with the wrong type, is a programming error
 * and throws {@link IllegalArgumentException}. {@link #toString()} masks secrets. Immutable and
 * thread-safe.
 */
public final class PluginConfig {
  private final ConfigSpec spec;
  private final Map<String, Object> values;
  private final Set<String> explicitlySet;

  PluginConfig(ConfigSpec spec, Map<String, Object> values, List<String> explicitlySet) {
    this.spec = spec;
    this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    this.explicitlySet = Set.copyOf(explicitlySet);
  }

  /**
   * Resolves raw settings against a spec; shorthand for {@code spec.resolve(raw)}.
   *
   * @param spec the spec
   * @param raw the raw settings
   * @return the configuration
   */
  public static PluginConfig of(ConfigSpec spec, Map<String, ?> raw) {
    return spec.resolve(raw);
  }

  /** @return the spec this configuration was validated against */
  public ConfigSpec spec() {
    return spec;
  }

  /**
   * @param name a declared parameter
   * @return whether the caller set it (as opposed to its default)
   */
  public boolean isSet(String name) {
    return explicitlySet.contains(param(name).name());
  }

  /**
   * @param name a declared {@code DOUBLE} parameter
   * @return its value ({@code NaN} for an optional number that is off)
   */
  public double getDouble(String name) {
    return (Double) get(name, ConfigSpec.Type.DOUBLE);
  }

  /**
   * @param name a declared {@code INT} parameter
   * @return its value
   */
  public int getInt(String name) {
    return (Integer) get(name, ConfigSpec.Type.INT);
  }

  /**
   * @param name a declared {@code LONG} parameter
   * @return its value
   */
  public long getLong(String name) {
    return (Long) get(name, ConfigSpec.Type.LONG);
  }

  /**
   * @param name a declared {@code BOOLEAN} parameter
   * @return its value
   */
  public boolean getBoolean(String name) {
    return (Boolean) get(name, ConfigSpec.Type.BOOLEAN);
  }

  /**
   * @param name a declared {@code STRING} or {@code SECRET} parameter
   * @return its value, or {@code null} when optional and not set
   */
  public String getString(String name) {
    ConfigSpec.Param p = param(name);
    if (p.type() != ConfigSpec.Type.STRING && p.type() != ConfigSpec.Type.SECRET) {
      throw new IllegalArgumentException(name + " is a " + p.type() + " parameter, not a string");
    }
    return (String) values.get(p.name());
  }

  /**
   * Returns a string that must be present.
   *
   * @param name a declared {@code STRING} or {@code SECRET} parameter
   * @return its value
   * @throws ConfigException naming the key when it is not set
   */
  public String requireString(String name) {
    String v = getString(name);
    if (v == null || v.isBlank()) {
      throw new ConfigException(param(name).name(), param(name).name() + " is required: " + param(name).description());
    }
    return v;
  }

  /**
   * @param name a declared {@code ENUM} parameter
   * @param type its enum class
   * @param <E> the enum type
   * @return its value
   */
  public <E extends Enum<E>> E getEnum(String name, Class<E> type) {
    return type.cast(get(name, ConfigSpec.Type.ENUM));
  }

  /**
   * @param name a declared {@code DURATION} parameter
   * @return its value
   */
  public Duration getDuration(String name) {
    return (Duration) get(name, ConfigSpec.Type.DURATION);
  }

  /**
   * @param name a declared {@code DOUBLE_LIST} parameter
   * @return its value, unmodifiable
   */
  @SuppressWarnings("unchecked")
  public List<Double> getDoubleList(String name) {
    return (List<Double>) get(name, ConfigSpec.Type.DOUBLE_LIST);
  }

  /**
   * Returns the values with secrets masked, for printing.
   *
   * @return name to value (secrets as {@code ****})
   */
  public Map<String, Object> maskedValues() {
    Map<String, Object> out = new LinkedHashMap<>();
    for (ConfigSpec.Param p : spec.params()) {
      Object v = values.get(p.name());
      out.put(p.name(), p.secret() && v != null ? "****" : v);
    }
    return Collections.unmodifiableMap(out);
  }

  private Object get(String name, ConfigSpec.Type type) {
    ConfigSpec.Param p = param(name);
    if (p.type() != type) {
      throw new IllegalArgumentException(name + " is a " + p.type() + " parameter, not " + type);
    }
    return values.get(p.name());
  }

  private ConfigSpec.Param param(String name) {
    Objects.requireNonNull(name, "name");
    return spec.param(name).orElseThrow(() -> new IllegalArgumentException(
        "no parameter '%s' declared; declared: %s".formatted(name,
            spec.params().stream().map(ConfigSpec.Param::name).collect(Collectors.joining(", ")))));
  }

  @Override
  public String toString() {
    return "PluginConfig" + maskedValues();
  }
}
