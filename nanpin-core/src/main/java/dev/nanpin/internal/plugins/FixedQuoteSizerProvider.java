package dev.nanpin.internal.plugins;

import dev.nanpin.Sizer;
import dev.nanpin.sizer.Sizers;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SizerProvider;

/** Provides the {@code fixed-quote} sizer. */
public final class FixedQuoteSizerProvider implements SizerProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleParam("quote", 10, 1e-9, 1e12, "quote notional per unit of an order")
      .doubleParam("leverage", 1, 1, 125, "notional allowed per unit of free margin (1 on spot)")
      .build();

  /** Creates the provider; does no work. */
  public FixedQuoteSizerProvider() {}

  @Override
  public String id() {
    return "fixed-quote";
  }

  @Override
  public String description() {
    return "A fixed quote amount per order unit, capped by the free margin";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sizer create(PluginConfig config) {
    return Sizers.fixedQuote(config.getDouble("quote"), config.getDouble("leverage"));
  }
}
