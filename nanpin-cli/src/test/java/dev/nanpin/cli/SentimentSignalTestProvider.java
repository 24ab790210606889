package dev.nanpin.cli;

import dev.nanpin.BarSeries;
import dev.nanpin.Sentiment;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SignalGeneratorProvider;
import java.time.Instant;

/**
 * A test-only signal generator: a constant Fear &amp; Greed reading at every bar close, which the
 * nanpin ladder's {@code maxFearGreed} gate reads.
 */
public final class SentimentSignalTestProvider implements SignalGeneratorProvider {
  @Override
  public String id() {
    return "test-sentiment";
  }

  @Override
  public String description() {
    return "test only";
  }

  @Override
  public ConfigSpec configSpec() {
    return ConfigSpec.builder().intParam("value", 50, 0, 100, "the reading").build();
  }

  @Override
  public SignalGenerator create(PluginConfig config) {
    int value = config.getInt("value");
    return new SignalGenerator() {
      @Override
      public Signal onBar(BarSeries bars) {
        return new Sentiment(Sentiment.FEAR_GREED, value, Instant.ofEpochMilli(bars.timeMillis(bars.size() - 1)));
      }
    };
  }
}
