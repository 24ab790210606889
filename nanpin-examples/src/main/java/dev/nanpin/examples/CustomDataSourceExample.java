package dev.nanpin.examples;

import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import dev.nanpin.spi.Plugins;
import java.util.List;
import java.util.Map;

/**
 * Runnable example: the custom data source plugin {@code constant-sentiment}
 * ({@link ConstantSentimentSourceProvider}) found by id, its parameters validated, and asked for
 * the Fear &amp; Greed reading the way {@code nanpin run} polls sentiment sources.
 */
public final class CustomDataSourceExample {
  private CustomDataSourceExample() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    try (DataSource source = Plugins.load().dataSource("constant-sentiment", Map.of("value", "23"))) {
      DataResult<List<Sentiment>> r = source.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1));
      Sentiment s = r.value().get(0);
      System.out.printf("%s says %s = %.0f / 100 (fresh: %s)%n", r.source(), s.index(), s.value(), !r.stale());
    }
  }
}
