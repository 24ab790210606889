package dev.nanpin.examples;

import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.DataSourceProvider;
import dev.nanpin.spi.PluginConfig;
import java.time.Clock;

/** Provides the example data source {@code constant-sentiment} ({@link ConstantSentimentSource}). */
public final class ConstantSentimentSourceProvider implements DataSourceProvider {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .stringParam("index", Sentiment.FEAR_GREED, "the sentiment index answered")
      .doubleParam("value", 50, 0, 100, "the reading, 0 (extreme fear) to 100 (extreme greed)")
      .build();

  /** Creates the provider; does no work. */
  public ConstantSentimentSourceProvider() {}

  @Override
  public String id() {
    return ConstantSentimentSource.ID;
  }

  @Override
  public String description() {
    return "Example: one fixed sentiment reading, a stand-in for your own feed";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public DataSource create(PluginConfig config) {
    return new ConstantSentimentSource(config.getString("index"), config.getDouble("value"), Clock.systemUTC());
  }
}
