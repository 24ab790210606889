package dev.nanpin.internal.plugins;

import dev.nanpin.ConfigException;
import dev.nanpin.Sizer;
import dev.nanpin.sizer.KellySizer;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SizerProvider;

/** Provides the {@code kelly} sizer. */
public final class KellySizerProvider implements SizerProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleParam("fraction", 0.25, 1e-6, 1, "share of the Kelly fraction bet (0.25 = quarter Kelly)")
      .doubleParam("cap", 0.25, 1e-6, 1, "largest fraction of equity bet")
      .intParam("minTrades", 20, 1, 1_000_000, "closed trades needed before Kelly is used")
      .doubleParam("baseFraction", 0.02, 1e-6, 1, "fraction of equity bet before minTrades")
      .doubleParam("leverage", 1, 1, 125, "leverage applied to the bet (1 on spot)")
      .build();

  /** Creates the provider; does no work. */
  public KellySizerProvider() {}

  @Override
  public String id() {
    return "kelly";
  }

  @Override
  public String description() {
    return "Fractional Kelly (b*p - q)/b from the closed trades, clamped to [0, cap]; a base size until minTrades";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sizer create(PluginConfig config) {
    if (config.getDouble("baseFraction") > config.getDouble("cap")) {
      throw new ConfigException("baseFraction", "baseFraction %s exceeds cap %s".formatted(
          config.getDouble("baseFraction"), config.getDouble("cap")));
    }
    return new KellySizer(config.getDouble("fraction"), config.getDouble("cap"), config.getInt("minTrades"),
        config.getDouble("baseFraction"), config.getDouble("leverage"));
  }
}
