package dev.nanpin.data.internal;

import dev.nanpin.DataSource;
import dev.nanpin.data.CoinGeckoSource;
import dev.nanpin.data.CoinGlassSource;
import dev.nanpin.data.CoinMarketCapSource;
import dev.nanpin.data.FearGreedSource;
import dev.nanpin.data.FredSource;
import dev.nanpin.data.PolymarketSource;
import dev.nanpin.data.SourceConfig;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.DataSourceProvider;
import dev.nanpin.spi.PluginConfig;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * The {@link DataSourceProvider}s of the sources. Each is a cheap no-arg factory found by
 * {@link java.util.ServiceLoader}; the settings every source shares are the same parameters.
 */
public final class Providers {
  private Providers() {}

  /** Options passed through to {@link SourceConfig#option(String)} when set. */
  private static final List<String> STRING_OPTIONS =
      List.of("plan", "cmcIds", "markets", "pageSize", "heatmapRange", "bandWidth", "maxDistance", "clusters");

  static ConfigSpec.Builder common(boolean keyed) {
    ConfigSpec.Builder b = ConfigSpec.builder();
    if (keyed) {
      b.secretParam("apiKey", "the API key (default: the source's environment variable)");
    }
    return b
        .stringParam("baseUrl", null, "base URL override (tests, proxies)")
        .intParam("publishedLimit", 0, 0, 1_000_000, "requests per window the plan allows; 0 = the source's default")
        .durationParam("window", Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofDays(1), "window of publishedLimit")
        .doubleParam("limitFraction", 0.95, 0.01, 1.0, "share of the published limit used")
        .durationParam("cooldown", Duration.ofSeconds(65), Duration.ZERO, Duration.ofHours(1), "pause after a 429 without Retry-After")
        .durationParam("maxWait", Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10), "longest wait for a rate-limit permit")
        .durationParam("staleLimit", Duration.ofHours(24), Duration.ZERO, Duration.ofDays(30), "how long a last good answer may be served stale");
  }

  static SourceConfig toConfig(PluginConfig c) {
    SourceConfig.Builder b = SourceConfig.builder();
    if (c.spec().param("apiKey").isPresent()) {
      b.apiKey(c.getString("apiKey"));
    }
    if (c.getString("baseUrl") != null && !c.getString("baseUrl").isBlank()) {
      b.baseUrl(c.getString("baseUrl"));
    }
    if (c.spec().param("clobBaseUrl").isPresent() && c.getString("clobBaseUrl") != null) {
      b.secondBaseUrl(c.getString("clobBaseUrl"));
    }
    if (c.getInt("publishedLimit") > 0) {
      b.publishedLimit(c.getInt("publishedLimit"), c.getDuration("window"));
    }
    b.limitFraction(c.getDouble("limitFraction")).cooldown(c.getDuration("cooldown")).maxWait(c.getDuration("maxWait"))
        .staleLimit(c.getDuration("staleLimit"));
    for (String name : STRING_OPTIONS) {
      if (c.spec().param(name).isPresent()) {
        String v = c.getString(name);
        if (v != null && !v.isBlank()) {
          b.option(name, v);
        }
      }
    }
    return b.build();
  }

  private abstract static class Base implements DataSourceProvider {
    private final String id;
    private final String description;
    private final ConfigSpec spec;
    private final Function<SourceConfig, DataSource> factory;

    Base(String id, String description, ConfigSpec spec, Function<SourceConfig, DataSource> factory) {
      this.id = id;
      this.description = description;
      this.spec = spec;
      this.factory = factory;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public String description() {
      return description;
    }

    @Override
    public ConfigSpec configSpec() {
      return spec;
    }

    @Override
    public DataSource create(PluginConfig config) {
      return factory.apply(toConfig(config));
    }
  }

  /** CoinGecko. */
  public static final class CoinGecko extends Base {
    /** Creates the provider. */
    public CoinGecko() {
      super(CoinGeckoSource.ID, "CoinGecko Demo/Pro: prices, history, OHLC, global, derivatives (COINGECKO_API_KEY, COINGECKO_PLAN)",
          common(true).stringParam("plan", null, "demo or pro (default: COINGECKO_PLAN, else demo)").build(),
          CoinGeckoSource::new);
    }
  }

  /** CoinMarketCap. */
  public static final class CoinMarketCap extends Base {
    /** Creates the provider. */
    public CoinMarketCap() {
      super(CoinMarketCapSource.ID, "CoinMarketCap: quotes by numeric id, global metrics, CMC fear and greed (CMC_API_KEY)",
          common(true).stringParam("cmcIds", CoinMarketCapSource.DEFAULT_IDS, "symbol to CMC id map, e.g. BTC=1,ETH=1027").build(),
          CoinMarketCapSource::new);
    }
  }

  /** FRED. */
  public static final class Fred extends Base {
    /** Creates the provider. */
    public Fred() {
      super(FredSource.ID, "FRED economic series and the macro regime (FRED_API_KEY)", common(true).build(), FredSource::new);
    }
  }

  /** Polymarket. */
  public static final class Polymarket extends Base {
    /** Creates the provider. */
    public Polymarket() {
      super(PolymarketSource.ID, "Polymarket Gamma markets and CLOB prices, market sentiment (keyless)",
          common(false).stringParam("clobBaseUrl", null, "CLOB base URL override")
              .stringParam("markets", null, "sentiment markets: slug[:outcome][:bull|bear][:weight];...")
              .stringParam("pageSize", "100", "Gamma page size, 1 to 1000 (the documented maximum is 100)").build(),
          PolymarketSource::new);
    }
  }

  /** CoinGlass. */
  public static final class CoinGlass extends Base {
    /** Creates the provider. */
    public CoinGlass() {
      super(CoinGlassSource.ID, "CoinGlass v4: liquidation clusters, liquidations, open interest, funding (COINGLASS_API_KEY)",
          common(true).stringParam("heatmapRange", "3d", "heatmap range: 12h, 24h, 3d, 7d, 30d, ...")
              .stringParam("bandWidth", "0.005", "widest cluster band as a fraction of the price")
              .stringParam("maxDistance", "0.10", "furthest cluster kept as a fraction of the price")
              .stringParam("clusters", "10", "most clusters returned").build(),
          CoinGlassSource::new);
    }
  }

  /** Binance USD-M liquidations (forceOrder stream, keyless). */
  public static final class BinanceLiquidations implements DataSourceProvider {
    private static final ConfigSpec SPEC = ConfigSpec.builder()
        .stringParam("baseUrl", dev.nanpin.data.BinanceLiquidationStream.DEFAULT_BASE_URL,
            "WebSocket base of USD-M market streams (moved to /market/ in 2026)")
        .durationParam("halfLife", Duration.ofHours(4), Duration.ofMinutes(1), Duration.ofDays(30),
            "decay half-life of liquidation notional")
        .build();

    /** Creates the provider. */
    public BinanceLiquidations() {}

    @Override
    public String id() {
      return dev.nanpin.data.BinanceLiquidationStream.ID;
    }

    @Override
    public String description() {
      return "Binance USD-M forceOrder stream, all symbols, clusters since first use; totals are lower bounds (keyless)";
    }

    @Override
    public ConfigSpec configSpec() {
      return SPEC;
    }

    @Override
    public DataSource create(PluginConfig c) {
      return new dev.nanpin.data.BinanceLiquidationSource(
          dev.nanpin.data.BinanceLiquidationStream.Settings.defaults(null).withBaseUrl(c.getString("baseUrl")),
          c.getDuration("halfLife"), java.time.Clock.systemUTC());
    }
  }

  /** alternative.me Fear and Greed. */
  public static final class FearGreed extends Base {
    /** Creates the provider. */
    public FearGreed() {
      super(FearGreedSource.ID, "alternative.me crypto Fear and Greed index with history (keyless)", common(false).build(),
          FearGreedSource::new);
    }
  }
}
