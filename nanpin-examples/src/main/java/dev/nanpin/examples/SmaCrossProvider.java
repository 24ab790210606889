package dev.nanpin.examples;

import dev.nanpin.ConfigException;
import dev.nanpin.Strategy;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.StrategyProvider;

/** Registers {@link SmaCrossStrategy} as the strategy plugin {@code sma-cross}. */
public final class SmaCrossProvider implements StrategyProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .intParam("fast", 50, 1, 100_000, "fast SMA window in bars")
      .intParam("slow", 200, 2, 100_000, "slow SMA window in bars")
      .build();

  /** Creates the provider; does no work. */
  public SmaCrossProvider() {}

  @Override
  public String id() {
    return "sma-cross";
  }

  @Override
  public String description() {
    return "example: long-only SMA(fast) x SMA(slow) crossover, all in (benchmark workload A)";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Strategy create(PluginConfig config) {
    int fast = config.getInt("fast");
    int slow = config.getInt("slow");
    if (fast >= slow) {
      throw new ConfigException("fast", "fast = %d must be below slow = %d".formatted(fast, slow));
    }
    return new SmaCrossStrategy(fast, slow);
  }
}
