package dev.nanpin.internal.plugins;

import dev.nanpin.ConfigException;
import dev.nanpin.Sizer;
import dev.nanpin.sizer.TieredLeverageSizer;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SizerProvider;
import java.util.List;

/** Provides the {@code tiered-leverage} sizer. */
public final class TieredLeverageSizerProvider implements SizerProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleListParam("tierBounds", List.of(200.0, 1000.0), 1e-9, 1e15,
          "collateral bounds of the tiers, increasing")
      .doubleListParam("tierLeverages", List.of(8.0, 5.0, 3.0), 1, 125,
          "leverage below each bound, then above the last (one more than the bounds)")
      .doubleParam("baseMargin", 0.07, 1e-6, 1, "fraction of the collateral used as margin per order unit")
      .build();

  /** Creates the provider; does no work. */
  public TieredLeverageSizerProvider() {}

  @Override
  public String id() {
    return "tiered-leverage";
  }

  @Override
  public String description() {
    return "Leverage by futures collateral tier (< 200: 8x, < 1000: 5x, else 3x) on a 7 % base margin";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sizer create(PluginConfig config) {
    try {
      return new TieredLeverageSizer(config.getDoubleList("tierBounds"), config.getDoubleList("tierLeverages"),
          config.getDouble("baseMargin"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("tierLeverages", e.getMessage());
    }
  }
}
