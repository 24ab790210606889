package dev.nanpin.data;

import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.data.internal.CoinGlassParser;
import dev.nanpin.data.internal.Json;
import dev.nanpin.data.internal.Keys;
import dev.nanpin.data.internal.Limits;
import dev.nanpin.data.internal.Reply;
import dev.nanpin.data.internal.SourceEngine;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.HttpUrl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CoinGlass v4 (no free tier; key in {@code CG-API-KEY}). Success is HTTP 200 and {@code code ==
 * "0"}: a plan that lacks an endpoint answers HTTP 200 {@code "Upgrade plan"}, surfaced as a
 * {@link PlanRestrictedException}, never as "no data".
 *
 * <p>Answers {@link DataQuery.Liquidations} (clusters from the aggregated liquidation heatmap,
 * model 1, which needs the Professional plan; see {@link LiquidationHeatmap} for the rule and
 * options {@code heatmapRange} (default {@code 3d}), {@code bandWidth} (0.005), {@code
 * maxDistance} (0.10), {@code clusters} (10)), {@link Queries.LiquidationHistory}, {@link
 * Queries.OpenInterestHistory} and {@link Queries.FundingHistory}.
 *
 * <p>Key: the {@code apiKey} setting or {@code COINGLASS_API_KEY}. Rate limit: 30/min (Hobbyist)
 * by default, at 95 %; the plan-limit headers {@code API-KEY-MAX-LIMIT} and {@code
 * API-KEY-USE-LIMIT} are read on every reply and a warning is logged when the configured limit
 * is above the plan's. Thread-safe.
 */
public final class CoinGlassSource implements DataSource {
  private static final Logger log = LoggerFactory.getLogger(CoinGlassSource.class);

  /** The source id. */
  public static final String ID = CoinGlassParser.ID;
  /** The key's environment variable. */
  public static final String KEY_ENV = "COINGLASS_API_KEY";

  private static final Map<String, Duration> TTL = Map.of("liquidations", Duration.ofMinutes(5),
      "liquidation-history", Duration.ofMinutes(5), "open-interest", Duration.ofMinutes(5), "funding", Duration.ofMinutes(5));

  private final String key;
  private final HttpUrl base;
  private final RateLimiter limiter;
  private final SourceEngine engine;
  private final String range;
  private final double bandWidth;
  private final double maxDistance;
  private final int top;
  private final AtomicLong planMax = new AtomicLong(-1);
  private final AtomicLong planUsed = new AtomicLong(-1);
  private volatile boolean warned;

  /**
   * Creates the source.
   *
   * @param config the settings
   */
  public CoinGlassSource(SourceConfig config) {
    this.key = Keys.resolve(config.apiKey(), KEY_ENV);
    this.base = Urls.base(config.baseUrl() != null ? config.baseUrl() : "https://open-api-v4.coinglass.com", "baseUrl");
    this.limiter = Limits.shared(ID, 30, Duration.ofMinutes(1), config, true);
    this.range = option(config, "heatmapRange", "3d");
    this.bandWidth = number(config, "bandWidth", 0.005);
    this.maxDistance = number(config, "maxDistance", 0.10);
    this.top = (int) number(config, "clusters", 10);
    this.engine = new SourceEngine(ID, config, CoinGlassParser::check, TTL,
        Set.of(DataQuery.Liquidations.class, Queries.LiquidationHistory.class, Queries.OpenInterestHistory.class,
            Queries.FundingHistory.class), key == null ? List.of() : List.of(key));
    engine.limitersOf(base, List.of(limiter));
  }

  private static String option(SourceConfig c, String name, String dflt) {
    String v = c.option(name);
    return v == null || v.isBlank() ? dflt : v.trim();
  }

  private static double number(SourceConfig c, String name, double dflt) {
    String v = c.option(name);
    if (v == null || v.isBlank()) {
      return dflt;
    }
    try {
      double d = Double.parseDouble(v.trim());
      if (!(d > 0) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new dev.nanpin.ConfigException(name, name + " must be a positive number, got '" + v + "'");
    }
  }

  /** @return the plan's per-minute limit from the last {@code API-KEY-MAX-LIMIT} header, or empty */
  public OptionalLong planLimit() {
    long v = planMax.get();
    return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
  }

  /** @return the requests used in the current window from the last {@code API-KEY-USE-LIMIT} header, or empty */
  public OptionalLong planUsed() {
    long v = planUsed.get();
    return v < 0 ? OptionalLong.empty() : OptionalLong.of(v);
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
    if (query instanceof DataQuery.Liquidations l) {
      String coin = l.symbol().toUpperCase(Locale.ROOT);
      Json root = get(url("api/futures/liquidation/aggregated-heatmap/model1").addQueryParameter("symbol", coin)
          .addQueryParameter("range", range));
      LiquidationHeatmap map = CoinGlassParser.heatmap(root, coin);
      LiquidationClusters clusters = map.clusters(bandWidth, maxDistance, top, false);
      return (T) clusters;
    }
    if (query instanceof Queries.LiquidationHistory h) {
      Json root = get(url("api/futures/liquidation/aggregated-history").addQueryParameter("exchange_list", h.exchanges())
          .addQueryParameter("symbol", h.symbol().toUpperCase(Locale.ROOT)).addQueryParameter("interval", h.interval())
          .addQueryParameter("limit", Integer.toString(h.limit())));
      return (T) CoinGlassParser.liquidations(root);
    }
    if (query instanceof Queries.OpenInterestHistory o) {
      Json root = get(url("api/futures/open-interest/aggregated-history")
          .addQueryParameter("symbol", o.symbol().toUpperCase(Locale.ROOT)).addQueryParameter("interval", o.interval())
          .addQueryParameter("limit", Integer.toString(o.limit())));
      return (T) CoinGlassParser.ohlc(root);
    }
    if (query instanceof Queries.FundingHistory f) {
      Json root = get(url("api/futures/funding-rate/history").addQueryParameter("exchange", f.exchange())
          .addQueryParameter("symbol", f.pair().toUpperCase(Locale.ROOT)).addQueryParameter("interval", f.interval())
          .addQueryParameter("limit", Integer.toString(f.limit())));
      return (T) CoinGlassParser.ohlc(root);
    }
    throw new IllegalStateException("unreachable: " + query);
  }

  private HttpUrl.Builder url(String path) {
    return base.newBuilder().addPathSegments(path);
  }

  private Json get(HttpUrl.Builder url) {
    Reply reply = engine.getReply(url.build(), Map.of("CG-API-KEY", key), List.of(limiter));
    OptionalLong[] limits = CoinGlassParser.planLimits(reply);
    limits[0].ifPresent(max -> {
      planMax.set(max);
      if (!warned && limiter.capacity() > max * limiter.window().toNanos() / Duration.ofMinutes(1).toNanos()) {
        warned = true;
        log.warn("coinglass: the configured limit ({} per {}) is above the plan's {} per minute; lower it with publishedLimit",
            limiter.capacity(), limiter.window(), max);
      }
    });
    limits[1].ifPresent(planUsed::set);
    return CoinGlassParser.check(reply);
  }

  @Override
  public void close() {
    // Connections belong to the shared OkHttp client.
  }

  @Override
  public String toString() {
    return "CoinGlassSource[base=" + base + ", key=" + (key == null ? "missing" : "****") + "]";
  }
}
