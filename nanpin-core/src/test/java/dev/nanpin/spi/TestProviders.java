package dev.nanpin.spi;

import dev.nanpin.Strategy;

/** Providers that the lookup tests register through a temporary META-INF/services file. */
public final class TestProviders {
  private TestProviders() {}

  /** A well-behaved provider with id {@code alpha} and two parameters. */
  public static final class Alpha implements StrategyProvider {
    @Override
    public String id() {
      return "alpha";
    }

    @Override
    public String description() {
      return "test strategy alpha";
    }

    @Override
    public ConfigSpec configSpec() {
      return ConfigSpec.builder()
          .intParam("levels", 5, 1, 20, "ladder levels")
          .doubleParam("step", 0.03, 0.001, 0.5, "step between levels")
          .build();
    }

    @Override
    public Strategy create(PluginConfig config) {
      int levels = config.getInt("levels");
      return new Counting(levels);
    }
  }

  /** A second provider claiming the id {@code alpha}. */
  public static final class AlphaTwin implements StrategyProvider {
    @Override
    public String id() {
      return "alpha";
    }

    @Override
    public String description() {
      return "an impostor";
    }

    @Override
    public Strategy create(PluginConfig config) {
      return ctx -> {};
    }
  }

  /** A provider with id {@code beta}. */
  public static final class Beta implements StrategyProvider {
    @Override
    public String id() {
      return "beta";
    }

    @Override
    public String description() {
      return "test strategy beta";
    }

    @Override
    public Strategy create(PluginConfig config) {
      return ctx -> {};
    }
  }

  /** A provider whose constructor throws. */
  public static final class Exploding implements StrategyProvider {
    /** Always throws. */
    public Exploding() {
      throw new IllegalStateException("boom while loading");
    }

    @Override
    public String id() {
      return "exploding";
    }

    @Override
    public String description() {
      return "never seen";
    }

    @Override
    public Strategy create(PluginConfig config) {
      throw new AssertionError();
    }
  }

  /** A strategy that remembers its configuration. */
  public record Counting(int levels) implements Strategy {
    @Override
    public void onBar(dev.nanpin.StrategyContext ctx) {}
  }
}
