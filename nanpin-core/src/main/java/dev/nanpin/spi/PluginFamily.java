package dev.nanpin.spi;

import dev.nanpin.DataSource;
import dev.nanpin.Exchange;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;

/** The plugin families and the provider interface each is found by. */
public enum PluginFamily {
  /** {@link Strategy} plugins. */
  STRATEGY("strategy", StrategyProvider.class, Strategy.class),
  /** {@link Sizer} plugins. */
  SIZER("sizer", SizerProvider.class, Sizer.class),
  /** {@link DataSource} plugins. */
  DATA_SOURCE("data-source", DataSourceProvider.class, DataSource.class),
  /** {@link Exchange} plugins. */
  EXCHANGE("exchange", ExchangeProvider.class, Exchange.class),
  /** {@link SignalGenerator} plugins: signals computed from bars and trades. */
  SIGNAL("signal", SignalGeneratorProvider.class, SignalGenerator.class);

  private final String label;
  private final Class<? extends PluginProvider<?>> providerType;
  private final Class<?> pluginType;

  PluginFamily(String label, Class<? extends PluginProvider<?>> providerType, Class<?> pluginType) {
    this.label = label;
    this.providerType = providerType;
    this.pluginType = pluginType;
  }

  /** @return the name used in messages and listings, e.g. {@code data-source} */
  public String label() {
    return label;
  }

  /** @return the provider interface ServiceLoader looks up */
  public Class<? extends PluginProvider<?>> providerType() {
    return providerType;
  }

  /** @return the type of the plugin objects the providers create */
  public Class<?> pluginType() {
    return pluginType;
  }
}
