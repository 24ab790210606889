package dev.nanpin.data;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.data.internal.CmcParser;
import dev.nanpin.data.internal.Json;
import dev.nanpin.data.internal.Keys;
import dev.nanpin.data.internal.Limits;
import dev.nanpin.data.internal.SourceEngine;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * CoinMarketCap Pro API. {@code status.error_code} is checked on every body, HTTP 200 included.
 *
 * <p>Answers {@link DataQuery.Price} by numeric id ({@code 1} for Bitcoin). A symbol is looked
 * up in the configured {@code cmcIds} map ({@code BTC=1,ETH=1027} by default); an unmapped
 * symbol is queried by symbol and accepted only when exactly one coin has it, otherwise refused
 * with the candidates' ids, never picked silently. Also answers {@link Queries.Global} and {@link
 * DataQuery.SentimentHistory} for CoinMarketCap's own index {@value CmcParser#FEAR_GREED_INDEX}.
 *
 * <p>Key: the {@code apiKey} setting or {@code CMC_API_KEY}, sent in {@code X-CMC_PRO_API_KEY}.
 * Rate limit: 30/min assumed (per-plan numbers are not published officially), at 95 %.
 * Quotes are cached 60 s, the source's own cache interval. Thread-safe.
 */
public final class CoinMarketCapSource implements DataSource {
  /** The source id. */
  public static final String ID = CmcParser.ID;
  /** The key's environment variable. */
  public static final String KEY_ENV = "CMC_API_KEY";
  /** The default symbol to id map. */
  public static final String DEFAULT_IDS = "BTC=1,ETH=1027";

  private static final Map<String, Duration> TTL = Map.of("price", Duration.ofSeconds(60), "global", Duration.ofMinutes(5),
      "sentiment", Duration.ofMinutes(15));

  private final String key;
  private final HttpUrl base;
  private final RateLimiter limiter;
  private final Map<String, String> ids;
  private final SourceEngine engine;

  /**
   * Creates the source.
   *
   * @param config the settings; option {@code cmcIds} maps symbols to ids
   */
  public CoinMarketCapSource(SourceConfig config) {
    this.key = Keys.resolve(config.apiKey(), KEY_ENV);
    this.base = Urls.base(config.baseUrl() != null ? config.baseUrl() : "https://pro-api.coinmarketcap.com", "baseUrl");
    this.ids = CmcParser.idMap(config.option("cmcIds") != null ? config.option("cmcIds") : DEFAULT_IDS);
    this.limiter = Limits.shared(ID, 30, Duration.ofMinutes(1), config, true);
    this.engine = new SourceEngine(ID, config, CmcParser::check, TTL,
        Set.of(DataQuery.Price.class, Queries.Global.class, DataQuery.SentimentHistory.class),
        key == null ? List.of() : List.of(key));
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
    Keys.require(key, ID, KEY_ENV);
    if (query instanceof DataQuery.Price p) {
      String convert = p.vsCurrency().toUpperCase(Locale.ROOT);
      String asset = p.asset().trim();
      String id = asset.matches("\\d+") ? asset : ids.get(asset.toUpperCase(Locale.ROOT));
      if (id != null) {
        Json root = get(url("v2/cryptocurrency/quotes/latest").addQueryParameter("id", id).addQueryParameter("convert", convert));
        return (T) CmcParser.quoteById(root, id, convert);
      }
      Json root = get(url("v2/cryptocurrency/quotes/latest").addQueryParameter("symbol", asset.toUpperCase(Locale.ROOT))
          .addQueryParameter("convert", convert));
      return (T) CmcParser.quoteBySymbol(root, asset, convert);
    }
    if (query instanceof Queries.Global) {
      return (T) CmcParser.globalMetrics(get(url("v1/global-metrics/quotes/latest").addQueryParameter("convert", "USD")), "USD");
    }
    if (query instanceof DataQuery.SentimentHistory s) {
      if (!s.index().equals(CmcParser.FEAR_GREED_INDEX)) {
        throw new DataException(ID, "index", "coinmarketcap answers the sentiment index '%s' only, not '%s'"
            .formatted(CmcParser.FEAR_GREED_INDEX, s.index()), null);
      }
      if (s.limit() == 1) {
        return (T) List.of(CmcParser.fearGreed(get(url("v3/fear-and-greed/latest"))));
      }
      Json root = get(url("v3/fear-and-greed/historical").addQueryParameter("limit", Integer.toString(Math.min(s.limit(), 500))));
      return (T) CmcParser.fearGreedHistory(root);
    }
    throw new IllegalStateException("unreachable: " + query);
  }

  private HttpUrl.Builder url(String path) {
    return base.newBuilder().addPathSegments(path);
  }

  private Json get(HttpUrl.Builder url) {
    return engine.get(url.build(), Map.of("X-CMC_PRO_API_KEY", key), List.of(limiter));
  }

  @Override
  public void close() {
    // Connections belong to the shared OkHttp client.
  }

  @Override
  public String toString() {
    return "CoinMarketCapSource[base=" + base + ", key=" + (key == null ? "missing" : "****") + "]";
  }
}
