package dev.nanpin.data;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import dev.nanpin.data.internal.FearGreedParser;
import dev.nanpin.data.internal.Limits;
import dev.nanpin.data.internal.SourceEngine;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The alternative.me crypto Fear and Greed index (keyless, one value a day).
 *
 * <p>Answers {@link DataQuery.SentimentHistory} with index {@link Sentiment#FEAR_GREED}: the last
 * {@code limit} daily readings, newest last. Cached one hour; rate limit 60/min assumed (not
 * documented). The data must be credited next to any commercial display. Thread-safe.
 */
public final class FearGreedSource implements DataSource {
  /** The source id. */
  public static final String ID = FearGreedParser.ID;

  private static final Map<String, Duration> TTL = Map.of("sentiment", Duration.ofHours(1));

  private final HttpUrl base;
  private final RateLimiter limiter;
  private final SourceEngine engine;

  /**
   * Creates the source.
   *
   * @param config the settings (no key needed)
   */
  public FearGreedSource(SourceConfig config) {
    this.base = Urls.base(config.baseUrl() != null ? config.baseUrl() : "https://api.alternative.me", "baseUrl");
    this.limiter = Limits.shared(ID, 60, Duration.ofMinutes(1), config, true);
    this.engine = new SourceEngine(ID, config, FearGreedParser::check, TTL, Set.of(DataQuery.SentimentHistory.class), List.of());
    engine.limitersOf(base, List.of(limiter));
  }

  /** @return the number of HTTP attempts sent, retries included */
  public long attempts() {
    return engine.attempts();
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean supports(Class<?> queryType) {
    return engine.supports(queryType);
  }

  @Override
  public <T> DataResult<T> fetch(DataQuery<T> query) {
    return engine.fetch(query, this::answer);
  }

  @SuppressWarnings("unchecked")
  private <T> T answer(DataQuery<T> query) {
    DataQuery.SentimentHistory s = (DataQuery.SentimentHistory) query;
    if (!s.index().equals(Sentiment.FEAR_GREED)) {
      throw new DataException(ID, "index", "feargreed answers the index '%s' only, not '%s'".formatted(Sentiment.FEAR_GREED,
          s.index()), null);
    }
    HttpUrl url = base.newBuilder().addPathSegment("fng").addPathSegment("")
        .addQueryParameter("limit", Integer.toString(s.limit())).addQueryParameter("format", "json").build();
    List<Sentiment> all = FearGreedParser.readings(engine.get(url, Map.of(), List.of(limiter)));
    return (T) (all.size() > s.limit() ? List.copyOf(all.subList(all.size() - s.limit(), all.size())) : all);
  }

  @Override
  public void close() {
    // Connections belong to the shared OkHttp client.
  }

  @Override
  public String toString() {
    return "FearGreedSource[base=" + base + "]";
  }
}
