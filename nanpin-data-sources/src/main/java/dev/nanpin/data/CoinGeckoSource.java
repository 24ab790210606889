package dev.nanpin.data;

import dev.nanpin.Bar;
import dev.nanpin.ConfigException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.data.internal.CoinGeckoParser;
import dev.nanpin.data.internal.Json;
import dev.nanpin.data.internal.Keys;
import dev.nanpin.data.internal.Limits;
import dev.nanpin.data.internal.SourceEngine;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * CoinGecko, Demo or Pro. The plan fixes both the host and the key header together (a Demo key
 * on the Pro host, or the reverse, is the most common CoinGecko mistake; the error names the
 * fix).
 *
 * <p>Answers {@link DataQuery.Price} (asset = CoinGecko id such as {@code bitcoin}), {@link
 * DataQuery.History} (single-price bars from {@code market_chart/range}), {@link Queries.Ohlc},
 * {@link Queries.Global}, {@link Queries.Derivatives}, {@link Queries.Markets} and {@link
 * Queries.KeyUsage} (Pro only). On the Demo plan a history reaching back more than 365 days is
 * refused before any request with a {@link PlanRestrictedException}.
 *
 * <p>Key: the {@code apiKey} setting or {@code COINGECKO_API_KEY}; plan: option {@code plan} or
 * {@code COINGECKO_PLAN} ({@code demo} by default with a key, {@code public}, keyless at 5 calls a
 * minute, without one). Rate limit: 30/min on Demo (the docs say 30
 * or 100, so the lower is assumed), 500/min on Pro, both configurable, used at 95 %.
 *
 * <p>Thread-safe.
 */
public final class CoinGeckoSource implements DataSource {
  /** The source id. */
  public static final String ID = CoinGeckoParser.ID;
  /** The key's environment variable. */
  public static final String KEY_ENV = "COINGECKO_API_KEY";
  /** The plan's environment variable ({@code demo} or {@code pro}). */
  public static final String PLAN_ENV = "COINGECKO_PLAN";

  /** The plan: host, key header and default rate limit go together. */
  public enum Plan {
    /**
     * No key: the public API on the Demo host, rate-limited by IP address to a few calls a minute
     * (5/min, the lowest reported figure, by default) and liable to refuse keyless calls at times;
     * the plan when no key is set.
     */
    PUBLIC("https://api.coingecko.com/api/v3", null, 5),
    /** The free Demo key. */
    DEMO("https://api.coingecko.com/api/v3", "x-cg-demo-api-key", 30),
    /** A paid key (Basic, Analyst, Lite, Pro, Enterprise). */
    PRO("https://pro-api.coingecko.com/api/v3", "x-cg-pro-api-key", 500);

    private final String baseUrl;
    private final String header;
    private final int perMinute;

    Plan(String baseUrl, String header, int perMinute) {
      this.baseUrl = baseUrl;
      this.header = header;
      this.perMinute = perMinute;
    }

    /** @return the plan's host and path prefix */
    public String baseUrl() {
      return baseUrl;
    }

    /** @return the plan's key header, {@code null} for {@link #PUBLIC} */
    public String header() {
      return header;
    }

    /**
     * Parses {@code public}, {@code demo} or {@code pro}, ignoring case.
     *
     * @param text the text
     * @return the plan
     * @throws ConfigException for anything else
     */
    public static Plan parse(String text) {
      try {
        return valueOf(text.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new ConfigException("plan", "plan must be public, demo or pro, got '" + text + "'");
      }
    }
  }

  private static final Map<String, Duration> TTL = Map.of("price", Duration.ofSeconds(20), "history", Duration.ofMinutes(5),
      "ohlc", Duration.ofMinutes(15), "global", Duration.ofMinutes(10), "derivatives", Duration.ofSeconds(30),
      "markets", Duration.ofSeconds(60), "key", Duration.ofSeconds(60));

  private final Plan plan;
  private final String key;
  private final HttpUrl base;
  private final RateLimiter limiter;
  private final SourceEngine engine;

  /**
   * Creates the source.
   *
   * @param config the settings
   * @throws ConfigException for an unknown plan or a malformed base URL
   */
  public CoinGeckoSource(SourceConfig config) {
    String planText = config.option("plan") != null ? config.option("plan") : System.getenv(PLAN_ENV);
    this.key = Keys.resolve(config.apiKey(), KEY_ENV);
    // No plan named: Demo with a key, the keyless public API without one.
    this.plan = planText == null || planText.isBlank() ? (key == null ? Plan.PUBLIC : Plan.DEMO) : Plan.parse(planText);
    this.base = Urls.base(config.baseUrl() != null ? config.baseUrl() : plan.baseUrl, "baseUrl");
    this.limiter = Limits.shared(ID + "-" + plan.name().toLowerCase(Locale.ROOT), plan.perMinute, Duration.ofMinutes(1), config, true);
    this.engine = new SourceEngine(ID, config, CoinGeckoParser::check, TTL,
        Set.of(DataQuery.Price.class, DataQuery.History.class, Queries.Ohlc.class, Queries.Global.class,
            Queries.Derivatives.class, Queries.Markets.class, Queries.KeyUsage.class),
        key == null ? List.of() : List.of(key));
    engine.limitersOf(base, List.of(limiter));
  }

  /** @return the plan in use */
  public Plan plan() {
    return plan;
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
    if (plan != Plan.PUBLIC) {
      Keys.require(key, ID, KEY_ENV);
    }
    if (query instanceof DataQuery.Price p) {
      String vs = p.vsCurrency().toLowerCase(Locale.ROOT);
      Json root = get(url("simple/price").addQueryParameter("ids", p.asset()).addQueryParameter("vs_currencies", vs)
          .addQueryParameter("include_last_updated_at", "true").addQueryParameter("precision", "full"));
      return (T) CoinGeckoParser.simplePrice(root, p.asset(), vs);
    }
    if (query instanceof DataQuery.History h) {
      Instant now = engine.clock().instant();
      if (plan != Plan.PRO && h.from().isBefore(now.minus(Duration.ofDays(365)))) {
        throw new PlanRestrictedException(ID, "10012", "coingecko: the " + plan.name().toLowerCase(Locale.ROOT)
            + " plan reaches back 365 days only; asked from "
            + h.from() + "; ask for a shorter range or use a paid plan (COINGECKO_PLAN=pro)");
      }
      Json root = get(url("coins").addPathSegment(h.asset()).addPathSegments("market_chart/range")
          .addQueryParameter("vs_currency", h.vsCurrency().toLowerCase(Locale.ROOT))
          .addQueryParameter("from", Long.toString(h.from().getEpochSecond()))
          .addQueryParameter("to", Long.toString(h.to().getEpochSecond()))
          .addQueryParameter("precision", "full"));
      List<Bar> bars = CoinGeckoParser.marketChart(root).stream()
          .filter(b -> !b.time().isBefore(h.from()) && b.time().isBefore(h.to())).toList();
      return (T) bars;
    }
    if (query instanceof Queries.Ohlc o) {
      Json root = get(url("coins").addPathSegment(o.asset()).addPathSegment("ohlc")
          .addQueryParameter("vs_currency", o.vsCurrency().toLowerCase(Locale.ROOT))
          .addQueryParameter("days", Integer.toString(o.days())).addQueryParameter("precision", "full"));
      return (T) CoinGeckoParser.ohlc(root, o.days());
    }
    if (query instanceof Queries.Global) {
      return (T) CoinGeckoParser.global(get(url("global")));
    }
    if (query instanceof Queries.Derivatives d) {
      return (T) CoinGeckoParser.derivatives(get(url("derivatives")), d.indexId());
    }
    if (query instanceof Queries.Markets m) {
      Json root = get(url("coins/markets").addQueryParameter("vs_currency", m.vsCurrency().toLowerCase(Locale.ROOT))
          .addQueryParameter("ids", String.join(",", m.ids())).addQueryParameter("per_page", "250")
          .addQueryParameter("page", "1"));
      return (T) CoinGeckoParser.markets(root);
    }
    if (query instanceof Queries.KeyUsage) {
      if (plan != Plan.PRO) {
        throw new PlanRestrictedException(ID, "10005", "coingecko: /key (usage) exists on the Pro API only; plan is "
            + plan.name().toLowerCase(Locale.ROOT));
      }
      return (T) CoinGeckoParser.key(get(url("key")));
    }
    throw new IllegalStateException("unreachable: " + query);
  }

  private HttpUrl.Builder url(String path) {
    return base.newBuilder().addPathSegments(path);
  }

  private Json get(HttpUrl.Builder url) {
    return engine.get(url.build(), plan == Plan.PUBLIC ? Map.of() : Map.of(plan.header, key), List.of(limiter));
  }

  @Override
  public void close() {
    // Connections belong to the shared OkHttp client; nothing of our own to release.
  }

  @Override
  public String toString() {
    return "CoinGeckoSource[plan=" + plan + ", base=" + base + ", key=" + (key == null ? "missing" : "****") + "]";
  }
}
