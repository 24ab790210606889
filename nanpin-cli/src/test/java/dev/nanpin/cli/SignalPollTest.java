package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import dev.nanpin.SignalFeed;
import dev.nanpin.data.SignalQueries;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalPollTest {
  static final Instant T = Instant.parse("2025-01-02T00:00:00Z");

  /** Answers sentiment histories with two readings, newest first, and records the queries. */
  static final class SentimentSource implements DataSource {
    final List<DataQuery<?>> queries = new ArrayList<>();

    @Override
    public String id() {
      return "fake-sentiment";
    }

    @Override
    public boolean supports(Class<?> queryType) {
      return queryType == DataQuery.SentimentHistory.class;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> DataResult<T> fetch(DataQuery<T> query) {
      queries.add(query);
      String index = ((DataQuery.SentimentHistory) query).index();
      List<Sentiment> values = List.of(new Sentiment(index, 20, T), new Sentiment(index, 60, T.minusSeconds(86_400)));
      return DataResult.fresh((T) values, id(), T);
    }

    @Override
    public void close() {}
  }

  private static java.util.function.Supplier<? extends dev.nanpin.Signal> poll(DataSource ds, Map<String, ?> params) {
    SignalFeed feed = SignalQueries.feed(ds, SignalQueries.SENTIMENT, Duration.ofHours(1), params, "BTC",
        java.time.Clock.systemUTC());
    assertThat(feed.name()).isEqualTo("fake-sentiment:sentiment");
    return ((SignalFeed.Polled) feed).poll();
  }

  @Test
  void aQueryTheSourceDoesNotAnswerOrDoesNotKnowIsAConfigErrorNamingTheKnownOnes() {
    SentimentSource ds = new SentimentSource();
    assertThatThrownBy(() -> SignalQueries.feed(ds, "liquidations", Duration.ofHours(1), Map.of(), "BTC",
        java.time.Clock.systemUTC())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("does not answer the signal query 'liquidations'; it answers sentiment");
    assertThatThrownBy(() -> SignalQueries.feed(ds, "moon-phase", Duration.ofHours(1), Map.of(), "BTC",
        java.time.Clock.systemUTC())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("unknown signal query 'moon-phase'; known: sentiment, macro-regime, liquidations");
  }

  @Test
  void aSentimentSourceIsPolledForItsLatestReading() {
    SentimentSource ds = new SentimentSource();
    assertThat(SignalQueries.defaultQuery(ds)).contains(SignalQueries.SENTIMENT);
    var poll = poll(ds, Map.of());
    assertThat(poll.get()).isEqualTo(new Sentiment(Sentiment.FEAR_GREED, 20, T));
    assertThat(ds.queries).containsExactly(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1));
  }

  @Test
  void theIndexParameterChoosesTheSentimentIndex() {
    SentimentSource ds = new SentimentSource();
    var poll = poll(ds, Map.of("index", Sentiment.COMPOSITE));
    assertThat(poll.get()).extracting(s -> ((Sentiment) s).index()).isEqualTo(Sentiment.COMPOSITE);
  }
}
