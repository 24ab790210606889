package dev.nanpin.sim.run;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.PluginProvider;
import dev.nanpin.spi.Plugins;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Makes fresh plugins (strategies, sizers) from a provider id and settings: what a {@link CellTask}
 * carries instead of a plugin object, so that it can be shipped to another process, where the
 * provider is looked up again (once per deserialised copy).
 *
 * <p>The settings are validated when the factory is made, so a bad key fails before any work.
 * Thread-safe: {@link #get()} may be called from any thread.
 *
 * @param <T> the plugin type
 */
public final class PluginFactory<T> implements SerializableSupplier<T> {
  private static final long serialVersionUID = 1L;

  private final PluginFamily family;
  private final String id;
  private final LinkedHashMap<String, String> settings;
  private transient volatile Resolved resolved;

  private record Resolved(PluginProvider<?> provider, PluginConfig config) {}

  private PluginFactory(PluginProvider<?> provider, PluginFamily family, String id, Map<String, String> settings) {
    this.family = Objects.requireNonNull(family, "family");
    this.id = Objects.requireNonNull(id, "id");
    this.settings = new LinkedHashMap<>(settings);
    this.resolved = new Resolved(provider, provider.configSpec().resolve(this.settings));
  }

  /**
   * @param plugins where to find the provider in this process (another process loads its own)
   * @param id the strategy provider's id, e.g. {@code nanpin}
   * @param settings its settings
   * @return a factory of fresh strategies
   * @throws dev.nanpin.PluginException if the id is unknown
   * @throws dev.nanpin.ConfigException if a setting is unknown or out of range
   */
  public static PluginFactory<Strategy> strategy(Plugins plugins, String id, Map<String, String> settings) {
    return new PluginFactory<>(plugins.provider(PluginFamily.STRATEGY, id), PluginFamily.STRATEGY, id, settings);
  }

  /**
   * @param plugins where to find the provider in this process (another process loads its own)
   * @param id the sizer provider's id, e.g. {@code fixed-quote}
   * @param settings its settings
   * @return a factory of fresh sizers
   * @throws dev.nanpin.PluginException if the id is unknown
   * @throws dev.nanpin.ConfigException if a setting is unknown or out of range
   */
  public static PluginFactory<Sizer> sizer(Plugins plugins, String id, Map<String, String> settings) {
    return new PluginFactory<>(plugins.provider(PluginFamily.SIZER, id), PluginFamily.SIZER, id, settings);
  }

  /**
   * The sizer the simulator uses when a strategy's intents name none: {@link Sizer#fixedQuote}.
   *
   * @param quote the quote amount of every order, {@code > 0}
   * @return a serialisable factory of that sizer
   */
  public static SerializableSupplier<Sizer> fixedQuote(double quote) {
    Sizer.fixedQuote(quote); // validates now rather than on a worker
    return () -> Sizer.fixedQuote(quote);
  }

  /**
   * The same factory with some settings added or replaced (e.g. one sweep candidate's).
   *
   * @param overrides the settings to add or replace
   * @return a new factory
   */
  public PluginFactory<T> with(Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(overrides);
    return new PluginFactory<>(resolved().provider(), family, id, all);
  }

  /** @return the provider id */
  public String id() {
    return id;
  }

  /** @return the settings, in the order given */
  public Map<String, String> settings() {
    return Collections.unmodifiableMap(settings);
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get() {
    Resolved r = resolved();
    return (T) r.provider().create(r.config());
  }

  /** The provider and settings: found in this process when made, looked up again after a trip to another. */
  private Resolved resolved() {
    Resolved r = resolved;
    if (r == null) {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      PluginProvider<?> provider = Plugins.load(loader != null ? loader : PluginFactory.class.getClassLoader())
          .provider(family, id);
      r = new Resolved(provider, provider.configSpec().resolve(settings));
      resolved = r;
    }
    return r;
  }

  @Override
  public String toString() {
    return family.label() + " " + id + (settings.isEmpty() ? "" : " " + settings);
  }
}
