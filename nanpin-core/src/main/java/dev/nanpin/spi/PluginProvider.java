package dev.nanpin.spi;

/**
 * A cheap, no-arg factory of one plugin, found by {@link java.util.ServiceLoader}. Each plugin
 * family has its own sub-interface ({@link StrategyProvider}, {@link SizerProvider}, {@link
 * DataSourceProvider}, {@link ExchangeProvider}); a plugin jar declares its providers in {@code
 * META-INF/services/<sub-interface name>} and, on the module path, with {@code provides}.
 *
 * <p>Constructing a provider must do no work: no I/O, no threads. Providers are stateless and
 * thread-safe; {@link #create} returns a new, independent object every time.
 *
 * @param <T> the type of the plugin
 */
public interface PluginProvider<T> {
  /** @return the stable lower-case id, unique within the family, e.g. {@code nanpin} */
  String id();

  /** @return one line saying what the plugin does, for {@code nanpin plugins} */
  String description();

  /** @return the parameters {@link #create} accepts; {@link ConfigSpec#EMPTY} by default */
  default ConfigSpec configSpec() {
    return ConfigSpec.EMPTY;
  }

  /**
   * Creates a new plugin object.
   *
   * @param config the configuration, validated against {@link #configSpec()}
   * @return a new plugin
   */
  T create(PluginConfig config);
}
