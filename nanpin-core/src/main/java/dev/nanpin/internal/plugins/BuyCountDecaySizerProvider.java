package dev.nanpin.internal.plugins;

import dev.nanpin.Sizer;
import dev.nanpin.sizer.BuyCountDecaySizer;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SizerProvider;
import java.time.Duration;
import java.util.List;

/** Provides the {@code buy-count-decay} sizer. */
public final class BuyCountDecaySizerProvider implements SizerProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleListParam("fractions", List.of(0.10, 0.07, 0.05), 1e-6, 1,
          "fraction of equity for the 1st, 2nd, ... buy in the window; further buys are refused")
      .durationParam("window", Duration.ofHours(24), Duration.ofMinutes(1), Duration.ofDays(365),
          "the rolling window")
      .build();

  /** Creates the provider; does no work. */
  public BuyCountDecaySizerProvider() {}

  @Override
  public String id() {
    return "buy-count-decay";
  }

  @Override
  public String description() {
    return "10 %, 7 %, 5 % of equity for the 1st, 2nd, 3rd buy in a rolling 24 h, then refuses; stateful";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Sizer create(PluginConfig config) {
    return new BuyCountDecaySizer(config.getDoubleList("fractions"), config.getDuration("window"));
  }
}
