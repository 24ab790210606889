package dev.nanpin.internal.plugins;

import dev.nanpin.Sizer;
import dev.nanpin.sizer.Sizers;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SizerProvider;

/** Provides the {@code percent-equity} sizer. */
public final class PercentEquitySizerProvider implements SizerProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleParam("fraction", 0.05, 1e-6, 1, "fraction of equity used as margin per order unit")
      .doubleParam("leverage", 1, 1, 125, "leverage applied to that margin (1 on spot)")
      .build();

  /** Creates the provider; does no work. */
  public PercentEquitySizerProvider() {}

  @Override
  public String id() {
    return "percent-equity";
  }

  @Override
  public String description() {
    return "A fraction of equity (times the leverage) per order unit, capped by the free margin";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sizer create(PluginConfig config) {
    return Sizers.percentEquity(config.getDouble("fraction"), config.getDouble("leverage"));
  }
}
