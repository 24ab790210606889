package dev.nanpin.internal.plugins;

import dev.nanpin.Strategy;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.StrategyProvider;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;

/**
 * Provides the {@code nanpin} ladder strategy. Thread-safe: a Monte Carlo run's workers create a
 * strategy per path from the same configuration at once.
 */
public final class NanpinStrategyProvider implements StrategyProvider {
  /**
   * The settings read from the configuration last given to {@link #create}: a Monte Carlo run
   * creates a fresh strategy per path from one {@link PluginConfig} (immutable), and reading the
   * settings again for every path was about 5 % of the bytes the run allocated.
   */
  private volatile Parsed last;

  private record Parsed(PluginConfig config, NanpinConfig settings) {}

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
    Parsed p = last;
    if (p == null || p.config() != config) {
      p = new Parsed(config, NanpinConfig.from(config));
      last = p;
    }
    return new NanpinStrategy(p.settings());
  }
}
