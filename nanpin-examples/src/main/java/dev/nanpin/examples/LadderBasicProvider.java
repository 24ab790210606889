package dev.nanpin.examples;

import dev.nanpin.Strategy;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.StrategyProvider;

/** Registers {@link LadderBasicStrategy} as the strategy plugin {@code ladder-basic}. */
public final class LadderBasicProvider implements StrategyProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .doubleParam("firstQuote", 100.0, 1e-9, 1e12, "quote amount of a ladder's first buy")
      .doubleParam("step", 0.97, 1e-6, 0.999999, "add a buy when the close is at or below step x the last fill")
      .doubleParam("scale", 1.3, 1e-6, 1e6, "each add-on buys scale x the previous quote")
      .intParam("maxBuys", 5, 1, 1000, "most buys in one ladder")
      .doubleParam("takeProfit", 1.02, 1.000001, 1e6, "sell all when the close reaches takeProfit x the average entry")
      .intParam("start", 200, 0, Integer.MAX_VALUE, "first bar index at which a ladder may open")
      .build();

  /** Creates the provider; does no work. */
  public LadderBasicProvider() {}

  @Override
  public String id() {
    return "ladder-basic";
  }

  @Override
  public String description() {
    return "example: long-only DCA ladder with market orders and a take-profit (benchmark workload B)";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public Strategy create(PluginConfig config) {
    return new LadderBasicStrategy(config.getDouble("firstQuote"), config.getDouble("step"), config.getDouble("scale"),
        config.getInt("maxBuys"), config.getDouble("takeProfit"), config.getInt("start"));
  }
}
