package dev.nanpin.signals.internal;

import dev.nanpin.SignalGenerator;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SignalGeneratorProvider;
import java.util.function.Function;

/** The shared shape of this module's providers: an id, a line of text, a spec and a constructor. */
abstract class BaseProvider implements SignalGeneratorProvider {
  private final String id;
  private final String description;
  private final ConfigSpec spec;
  private final Function<PluginConfig, SignalGenerator> factory;

  BaseProvider(String id, String description, ConfigSpec spec, Function<PluginConfig, SignalGenerator> factory) {
    this.id = id;
    this.description = description;
    this.spec = spec;
    this.factory = factory;
  }

  @Override
  public final String id() {
    return id;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public final ConfigSpec configSpec() {
    return spec;
  }

  @Override
  public final SignalGenerator create(PluginConfig config) {
    return factory.apply(config);
  }
}
