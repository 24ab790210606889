package dev.nanpin.internal.plugins;

import dev.nanpin.Strategy;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.StrategyProvider;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;

/** Provides the {@code nanpin} ladder strategy. */
public final class NanpinStrategyProvider implements StrategyProvider {
  /** Creates the provider; does no work. */
  public NanpinStrategyProvider() {}

  @Override
  public String id() {
    return "nanpin";
  }

  @Override
  public String description() {
    return "Averaging-down ladder (% steps or scored Fibonacci levels), entry gates, exits from the average"
        + " entry, permanent mode; runs on prices alone, uses macro, Fear & Greed and liquidation signals when present";
  }

  @Override
  public ConfigSpec configSpec() {
    return NanpinConfig.SPEC;
  }

  @Override
  public Strategy create(PluginConfig config) {
    return new NanpinStrategy(NanpinConfig.from(config));
  }
}
