package dev.nanpin.examples;

import dev.nanpin.Sizer;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SizerProvider;

/** Provides the example sizer {@code step-up} ({@link StepUpSizer}), found by {@code Plugins.sizer("step-up", ...)}. */
public final class StepUpSizerProvider implements SizerProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleParam("base", 50, 1e-9, 1e12, "quote amount of the first buy")
      .doubleParam("factor", 1.5, 1, 10, "each further buy's multiple of the previous one")
      .build();

  /** Creates the provider; does no work. */
  public StepUpSizerProvider() {}

  @Override
  public String id() {
    return "step-up";
  }

  @Override
  public String description() {
    return "Example: each buy of an open position spends factor times the previous one";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sizer create(PluginConfig config) {
    return new StepUpSizer(config.getDouble("base"), config.getDouble("factor"));
  }
}
