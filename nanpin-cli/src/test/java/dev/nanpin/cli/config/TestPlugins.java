package dev.nanpin.cli.config;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SizerProvider;
import dev.nanpin.spi.StrategyProvider;

/** Plugins with typed parameters, registered for the config tests in META-INF/services. */
final class TestPlugins {
  private TestPlugins() {}

  /** A strategy with two bounded parameters. */
  public static final class Ladder implements StrategyProvider {
    @Override
    public String id() {
      return "test-ladder";
    }

    @Override
    public String description() {
      return "a ladder for config tests";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder()
          .intParam("levels", 5, 1, 20, "number of levels")
          .doubleParam("step", 0.03, 0.001, 0.5, "distance between levels")
          .build();
    }

    @Override
    public Strategy create(PluginConfig config) {
      return ctx -> { };
    }
  }

  /** A sizer with a parameter declared secret whose name does not look secret. */
  public static final class FeedSizer implements SizerProvider {
    @Override
    public String id() {
      return "test-feed-sizer";
    }

    @Override
    public String description() {
      return "a sizer with a secret parameter";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder()
          .doubleParam("quote", 10, 1, 10_000, "quote per buy")
          .secretParam("feed", "signed feed URL")
          .build();
    }

    @Override
    public Sizer create(PluginConfig config) {
      return Sizer.fixedQuote(config.getDouble("quote"));
    }
  }
}
