package dev.nanpin.data;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.NotFoundException;
import dev.nanpin.Sentiment;
import dev.nanpin.Side;
import dev.nanpin.data.internal.Json;
import dev.nanpin.data.internal.Limits;
import dev.nanpin.data.internal.PolymarketParser;
import dev.nanpin.data.internal.SourceEngine;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polymarket: Gamma market metadata and CLOB prices, both keyless.
 *
 * <p>Answers {@link Queries.PredictionMarkets} through {@code /markets/keyset} (cursor sent back
 * as {@code after_cursor}), falling back to the legacy {@code /markets?offset=} list when the
 * keyset endpoint is not found; {@link Queries.OutcomeTokens} (outcome to token as the CLOB pairs
 * them, since Gamma's arrays have been seen out of order), {@link Queries.OutcomePrice}, {@link Queries.Midpoint}, {@link
 * Queries.Book} and {@link Queries.OutcomeHistory} from the CLOB; and {@link
 * DataQuery.SentimentHistory} with index {@value #SENTIMENT_INDEX} and limit 1: the blend ({@link
 * SentimentBlend}) of the configured markets (option {@code markets}: {@code
 * slug[:outcome][:bull|bear][:weight]} separated by {@code ;}).
 *
 * <p>Base URLs: {@code baseUrl} for Gamma, {@code secondBaseUrl} for the CLOB. Rate limits: Gamma
 * listing 300 per 10 s and CLOB 500 per 10 s (the lowest of the documented per-endpoint limits),
 * at 95 %. Polymarket throttles with Cloudflare pages and resets rather than 429s; those map to
 * {@link dev.nanpin.VenueUnavailableException}. Thread-safe.
 */
public final class PolymarketSource implements DataSource {
  private static final Logger log = LoggerFactory.getLogger(PolymarketSource.class);

  /** The source id. */
  public static final String ID = PolymarketParser.ID;
  /** The sentiment index this source answers. */
  public static final String SENTIMENT_INDEX = "polymarket";
  /** Default Gamma page size: the documented maximum of 100 (1000 is also reported; option {@code pageSize}). */
  static final int DEFAULT_PAGE = 100;

  private static final Map<String, Duration> TTL = Map.of("markets", Duration.ofSeconds(60),
      "clob-price", Duration.ofSeconds(10), "clob-midpoint", Duration.ofSeconds(10), "clob-book", Duration.ofSeconds(5),
      "clob-history", Duration.ofMinutes(5), "sentiment", Duration.ofMinutes(5), "clob-tokens", Duration.ofHours(1));

  private final HttpUrl gamma;
  private final HttpUrl clob;
  private final RateLimiter gammaLimiter;
  private final RateLimiter clobLimiter;
  private final List<SentimentBlend.WatchedMarket> watched;
  private final int page;
  private final SourceEngine engine;
  private volatile boolean keysetMissing;

  /**
   * Creates the source.
   *
   * @param config the settings; option {@code markets} lists the markets of the sentiment blend
   */
  public PolymarketSource(SourceConfig config) {
    this.gamma = Urls.base(config.baseUrl() != null ? config.baseUrl() : "https://gamma-api.polymarket.com", "baseUrl");
    this.clob = Urls.base(config.secondBaseUrl() != null ? config.secondBaseUrl() : "https://clob.polymarket.com", "clobBaseUrl");
    this.gammaLimiter = Limits.shared(ID + "-gamma", 300, Duration.ofSeconds(10), config, true);
    this.clobLimiter = Limits.shared(ID + "-clob", 500, Duration.ofSeconds(10), config, false);
    this.watched = parseWatched(config.option("markets"));
    this.page = pageSize(config.option("pageSize"));
    this.engine = new SourceEngine(ID, config, PolymarketParser::check, TTL,
        Set.of(Queries.PredictionMarkets.class, Queries.OutcomeTokens.class, Queries.OutcomePrice.class, Queries.Midpoint.class, Queries.Book.class,
            Queries.OutcomeHistory.class, DataQuery.SentimentHistory.class), List.of());
    engine.limitersOf(gamma, List.of(gammaLimiter));
    engine.limitersOf(clob, List.of(clobLimiter));
  }

  static int pageSize(String text) {
    if (text == null || text.isBlank()) {
      return DEFAULT_PAGE;
    }
    try {
      int n = Integer.parseInt(text.trim());
      if (n < 1 || n > 1000) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new dev.nanpin.ConfigException("pageSize", "pageSize must be a whole number in [1, 1000], got '" + text + "'");
    }
  }

  static List<SentimentBlend.WatchedMarket> parseWatched(String text) {
    List<SentimentBlend.WatchedMarket> out = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return out;
    }
    for (String part : text.split(";")) {
      if (!part.isBlank()) {
        try {
          out.add(SentimentBlend.WatchedMarket.parse(part));
        } catch (IllegalArgumentException e) {
          throw new dev.nanpin.ConfigException("markets", "markets: " + e.getMessage());
        }
      }
    }
    return List.copyOf(out);
  }

  /** @return the markets of the sentiment blend */
  public List<SentimentBlend.WatchedMarket> watchedMarkets() {
    return watched;
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
    Instant now = engine.clock().instant();
    if (query instanceof Queries.PredictionMarkets m) {
      return (T) markets(m);
    }
    if (query instanceof Queries.OutcomeTokens t) {
      Json root = engine.get(clob.newBuilder().addPathSegment("markets").addPathSegment(t.conditionId()).build(), Map.of(),
          List.of(clobLimiter));
      return (T) PolymarketParser.tokens(root);
    }
    if (query instanceof Queries.OutcomePrice p) {
      Json root = clob("price", Map.of("token_id", p.tokenId(), "side", p.side() == Side.BUY ? "BUY" : "SELL"));
      return (T) PolymarketParser.price(root, p.tokenId(), now);
    }
    if (query instanceof Queries.Midpoint m) {
      return (T) PolymarketParser.midpoint(clob("midpoint", Map.of("token_id", m.tokenId())), m.tokenId(), now);
    }
    if (query instanceof Queries.Book b) {
      return (T) PolymarketParser.book(clob("book", Map.of("token_id", b.tokenId())), b.tokenId());
    }
    if (query instanceof Queries.OutcomeHistory h) {
      Json root = clob("prices-history", Map.of("market", h.tokenId(), "interval", h.interval(),
          "fidelity", Integer.toString(h.fidelityMinutes())));
      return (T) PolymarketParser.history(root, h.tokenId());
    }
    if (query instanceof DataQuery.SentimentHistory s) {
      if (!s.index().equals(SENTIMENT_INDEX) || s.limit() != 1) {
        throw new DataException(ID, "index", "polymarket answers the latest '%s' sentiment only (limit 1), not '%s' x %d"
            .formatted(SENTIMENT_INDEX, s.index(), s.limit()), null);
      }
      if (watched.isEmpty()) {
        throw new dev.nanpin.ConfigException("markets", "polymarket sentiment needs markets: set the option "
            + "markets=slug[:outcome][:bull|bear][:weight];...");
      }
      List<SentimentBlend.Weighted> readings = new ArrayList<>();
      for (SentimentBlend.WatchedMarket w : watched) {
        List<PredictionMarket> found = markets(new Queries.PredictionMarkets(Map.of("slug", w.slug()), 1));
        if (found.isEmpty()) {
          throw new NotFoundException(ID, null, "polymarket: no market with slug " + w.slug(), null);
        }
        try {
          Sentiment reading = SentimentBlend.fromMarket(found.get(0), w, now);
          readings.add(new SentimentBlend.Weighted(reading, w.weight()));
        } catch (IllegalArgumentException e) {
          throw new DataException(ID, "outcomes", "polymarket: " + e.getMessage(), null);
        }
      }
      Sentiment blended = SentimentBlend.blend(readings);
      return (T) List.of(new Sentiment(SENTIMENT_INDEX, blended.value(), blended.asOf()));
    }
    throw new IllegalStateException("unreachable: " + query);
  }

  private List<PredictionMarket> markets(Queries.PredictionMarkets q) {
    if (!keysetMissing) {
      try {
        return keyset(q);
      } catch (NotFoundException e) {
        keysetMissing = true;
        log.info("polymarket: /markets/keyset not found, falling back to the legacy /markets list");
      }
    }
    return legacy(q);
  }

  private List<PredictionMarket> keyset(Queries.PredictionMarkets q) {
    List<PredictionMarket> out = new ArrayList<>();
    Optional<String> cursor = Optional.empty();
    java.util.Set<String> seen = new java.util.HashSet<>();
    while (out.size() < q.maxMarkets()) {
      HttpUrl.Builder url = gamma.newBuilder().addPathSegments("markets/keyset")
          .addQueryParameter("limit", Integer.toString(Math.min(page, q.maxMarkets() - out.size())));
      new TreeMap<>(q.filters()).forEach(url::addQueryParameter);
      cursor.ifPresent(c -> url.addQueryParameter("after_cursor", c));
      PolymarketParser.Page page = PolymarketParser.keysetPage(engine.get(url.build(), Map.of(), List.of(gammaLimiter)));
      out.addAll(page.markets());
      cursor = page.nextCursor();
      if (cursor.isEmpty() || page.markets().isEmpty()) {
        break;
      }
      if (!seen.add(cursor.get())) {
        throw new DataException(ID, "$.next_cursor", "polymarket: the keyset cursor repeated; stopping", null);
      }
    }
    return out.size() > q.maxMarkets() ? List.copyOf(out.subList(0, q.maxMarkets())) : List.copyOf(out);
  }

  private List<PredictionMarket> legacy(Queries.PredictionMarkets q) {
    List<PredictionMarket> out = new ArrayList<>();
    int offset = 0;
    while (out.size() < q.maxMarkets()) {
      int limit = Math.min(page, q.maxMarkets() - out.size());
      HttpUrl.Builder url = gamma.newBuilder().addPathSegment("markets")
          .addQueryParameter("limit", Integer.toString(limit)).addQueryParameter("offset", Integer.toString(offset));
      new TreeMap<>(q.filters()).forEach(url::addQueryParameter);
      List<PredictionMarket> page = PolymarketParser.legacyList(engine.get(url.build(), Map.of(), List.of(gammaLimiter)));
      out.addAll(page);
      offset += page.size();
      if (page.size() < limit) {
        break;
      }
    }
    return List.copyOf(out);
  }

  private Json clob(String path, Map<String, String> params) {
    HttpUrl.Builder url = clob.newBuilder().addPathSegments(path);
    new TreeMap<>(params).forEach(url::addQueryParameter);
    return engine.get(url.build(), Map.of(), List.of(clobLimiter));
  }

  @Override
  public void close() {
    // Connections belong to the shared OkHttp client.
  }

  @Override
  public String toString() {
    return "PolymarketSource[gamma=" + gamma + ", clob=" + clob + ", markets=" + watched.size() + "]";
  }
}
