package dev.nanpin.examples;

import dev.nanpin.SignalGenerator;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SignalGeneratorProvider;

/** Provides {@link SmaTrendGenerator} as the signal plugin {@code sma-trend}. */
public final class SmaTrendProvider implements SignalGeneratorProvider {
  /** Found by {@link java.util.ServiceLoader}. */
  public SmaTrendProvider() {}

  @Override
  public String id() {
    return "sma-trend";
  }

  @Override
  public String description() {
    return "example: a TrendSignal each time the close crosses its simple moving average";
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.builder().intParam("period", 50, 2, 10_000, "moving-average length in bars").build();
  }

  @Override
  public SignalGenerator create(PluginConfig config) {
    return new SmaTrendGenerator(config.getInt("period"));
  }
}
