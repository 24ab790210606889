package dev.nanpin.cli;

import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Strategy;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.StrategyProvider;

/** A test-only strategy: buys one sizer unit at bar 0 and closes at bar {@code exitAt}. */
public final class BuyThenSellTestProvider implements StrategyProvider {
  @Override
  public String id() {
    return "test-buy-then-sell";
  }

  @Override
  public String description() {
    return "test only";
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.builder().intParam("exitAt", 2, 1, 1000, "bar index of the exit").build();
  }

  @Override
  public Strategy create(PluginConfig config) {
    int exitAt = config.getInt("exitAt");
    return ctx -> {
      if (ctx.index() == 0) {
        ctx.submit(OrderIntent.buySized(1.0));
      } else if (ctx.index() == exitAt) {
        ctx.submit(OrderIntent.closePosition(Side.SELL));
      }
    };
  }
}
