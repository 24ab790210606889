package dev.nanpin.data;

import dev.nanpin.AuthenticationException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.MacroRegime;
import dev.nanpin.Observation;
import dev.nanpin.data.internal.FredParser;
import dev.nanpin.data.internal.Json;
import dev.nanpin.data.internal.Keys;
import dev.nanpin.data.internal.Limits;
import dev.nanpin.data.internal.SourceEngine;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * FRED (St. Louis Fed) economic series. {@code "."} values stay missing, never zero.
 *
 * <p>Answers {@link DataQuery.Series}, {@link Queries.FredObservations} (with the realtime
 * window), {@link Queries.FredSeriesInfo} and {@link Macro}, the regime of {@link MacroRegimeRule} over the default series.
 *
 * <p>The key can only travel as the {@code api_key} query parameter, so it is in every URL: no
 * log line and no exception message of this library contains a URL's query, and every message
 * leaving the source is scrubbed of the key. Key: the {@code apiKey} setting or {@code
 * FRED_API_KEY}. Rate limits: 2 per second (whole) and 120 per minute (at 95 %), shared by every
 * instance in the process. A 400 "api_key is not registered" right after the key worked is retried
 * once after a one-second pause (FRED says this under load). Thread-safe.
 */
public final class FredSource implements DataSource {
  private static final Logger log = LoggerFactory.getLogger(FredSource.class);

  /** The source id. */
  public static final String ID = FredParser.ID;
  /** The key's environment variable. */
  public static final String KEY_ENV = "FRED_API_KEY";

  /**
   * The macro regime over a set of series.
   *
   * @param seriesIds the series to read
   * @param rule the rule
   * @param from the first observation date to read (about 15 months back suffices)
   */
  public record Macro(List<String> seriesIds, MacroRegimeRule rule, LocalDate from) implements DataQuery<MacroRegime> {
    /** Validates and copies. */
    public Macro {
      seriesIds = List.copyOf(seriesIds);
      java.util.Objects.requireNonNull(rule, "rule");
      java.util.Objects.requireNonNull(from, "from");
      if (seriesIds.isEmpty()) {
        throw new IllegalArgumentException("seriesIds must not be empty");
      }
    }

    /**
     * The default set, with VIX when asked.
     *
     * @param today today's date
     * @param withVix whether to add VIXCLS
     * @return the query
     */
    public static Macro defaults(LocalDate today, boolean withVix) {
      List<String> ids = new ArrayList<>(MacroRegimeRule.DEFAULT_SERIES);
      if (withVix) {
        ids.add(MacroRegimeRule.VIX);
      }
      return new Macro(ids, MacroRegimeRule.DEFAULT, today.minusMonths(15));
    }

    @Override
    public String kind() {
      return "macro";
    }
  }

  private static final Map<String, Duration> TTL = Map.of("series", Duration.ofHours(1), "macro", Duration.ofHours(1),
      "series-info", Duration.ofHours(6));

  private final String key;
  private final HttpUrl base;
  private final List<RateLimiter> limiters;
  private final SourceEngine engine;
  private final SourceConfig config;
  private volatile boolean keyWorked;

  /**
   * Creates the source.
   *
   * @param config the settings
   */
  public FredSource(SourceConfig config) {
    this.config = config;
    this.key = Keys.resolve(config.apiKey(), KEY_ENV);
    this.base = Urls.base(config.baseUrl() != null ? config.baseUrl() : "https://api.stlouisfed.org/fred", "baseUrl");
    // 2 per second is used whole: 95 % of 2 rounds down to 1 and would halve throughput, and the
    // sliding window never lets a third request into any second; the 95 % margin is on 120/min.
    this.limiters = List.of(Limits.shared(ID + "-per-second", 2, Duration.ofSeconds(1), config, false, 1.0),
        Limits.shared(ID + "-per-minute", 120, Duration.ofMinutes(1), config, true));
    this.engine = new SourceEngine(ID, config, FredParser::check, TTL,
        Set.of(DataQuery.Series.class, Queries.FredObservations.class, Queries.FredSeriesInfo.class, Macro.class), key == null ? List.of() : List.of(key));
    engine.limitersOf(base, limiters);
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
    Keys.require(key, ID, KEY_ENV);
    if (query instanceof DataQuery.Series s) {
      return (T) observations(new Queries.FredObservations(s.seriesId(), s.from(), s.to(), null, null));
    }
    if (query instanceof Queries.FredObservations o) {
      return (T) observations(o);
    }
    if (query instanceof Queries.FredSeriesInfo i) {
      Json root = get(base.newBuilder().addPathSegment("series").addQueryParameter("series_id", i.seriesId())
          .addQueryParameter("file_type", "json").addQueryParameter("api_key", key).build());
      return (T) FredParser.seriesInfo(root, i.seriesId());
    }
    if (query instanceof Macro m) {
      Map<String, List<Observation>> series = new LinkedHashMap<>();
      for (String id : m.seriesIds()) {
        // Read fresh, not through the cache: a regime built on a stale series must be reported
        // as stale as a whole (by the engine's stale-if-error), not look fresh.
        series.put(id, observations(new Queries.FredObservations(id, m.from(), null, null, null)));
      }
      return (T) m.rule().evaluate(series);
    }
    throw new IllegalStateException("unreachable: " + query);
  }

  private List<Observation> observations(Queries.FredObservations o) {
    List<Observation> all = new ArrayList<>();
    long offset = 0;
    for (int page = 0; page < 20; page++) {
      HttpUrl.Builder url = base.newBuilder().addPathSegments("series/observations")
          .addQueryParameter("series_id", o.seriesId())
          .addQueryParameter("file_type", "json")
          .addQueryParameter("sort_order", "asc");
      if (o.from() != null) {
        url.addQueryParameter("observation_start", o.from().toString());
      }
      if (o.to() != null) {
        url.addQueryParameter("observation_end", o.to().toString());
      }
      if (o.realtimeStart() != null) {
        url.addQueryParameter("realtime_start", o.realtimeStart().toString());
      }
      if (o.realtimeEnd() != null) {
        url.addQueryParameter("realtime_end", o.realtimeEnd().toString());
      }
      if (offset > 0) {
        url.addQueryParameter("offset", Long.toString(offset));
      }
      url.addQueryParameter("api_key", key);
      Json root = get(url.build());
      List<Observation> part = FredParser.observations(root);
      all.addAll(part);
      long[] paging = FredParser.paging(root);
      offset = paging[1] + part.size();
      if (part.isEmpty() || offset >= paging[0]) {
        break;
      }
    }
    for (int i = 1; i < all.size(); i++) {
      if (!all.get(i).date().isAfter(all.get(i - 1).date())) {
        throw new dev.nanpin.DataException(ID, "$.observations", "fred: pages overlap or are out of order at " + all.get(i).date(), null);
      }
    }
    return all;
  }

  private Json get(HttpUrl url) {
    try {
      Json root = engine.get(url, Map.of(), limiters);
      keyWorked = true;
      return root;
    } catch (AuthenticationException e) {
      if (!keyWorked) {
        throw e;
      }
      log.warn("fred: the key was refused right after it worked; retrying once in 1 s");
      try {
        config.sleeper().sleep(Duration.ofSeconds(1));
      } catch (InterruptedException ie) {
        Thread.currentThread().interrupt();
        throw e;
      }
      return engine.get(url, Map.of(), limiters);
    }
  }

  @Override
  public void close() {
    // Connections belong to the shared OkHttp client.
  }

  @Override
  public String toString() {
    return "FredSource[base=" + base + ", key=" + (key == null ? "missing" : "****") + "]";
  }
}
