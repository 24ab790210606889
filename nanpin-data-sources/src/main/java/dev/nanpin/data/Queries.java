package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.DataQuery;
import dev.nanpin.OrderBook;
import dev.nanpin.Side;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The queries only some sources answer, next to the common ones of {@link DataQuery}. Each
 * record validates its arguments and names its {@link DataQuery#kind() kind}, which is also the
 * key of its cache time-to-live.
 */
public final class Queries {
  private Queries() {}

  private static String notBlank(String v, String name) {
    requireNonNull(v, name);
    if (v.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return v;
  }

  /** Global market metrics (BTC dominance): CoinGecko {@code /global}, CoinMarketCap global metrics. */
  public record Global() implements DataQuery<MarketGlobal> {
    @Override
    public String kind() {
      return "global";
    }
  }

  /**
   * Perpetual and futures tickers (funding, open interest): CoinGecko {@code /derivatives}.
   *
   * @param indexId keep only tickers of this underlying, e.g. {@code BTC}; {@code null} for all
   */
  public record Derivatives(String indexId) implements DataQuery<List<DerivativeTicker>> {
    @Override
    public String kind() {
      return "derivatives";
    }
  }

  /** The key's plan and credit usage: CoinGecko {@code /key} (Pro plans only). */
  public record KeyUsage() implements DataQuery<ApiUsage> {
    @Override
    public String kind() {
      return "key";
    }
  }

  /**
   * OHLC candles: CoinGecko {@code /coins/{id}/ohlc}. The API accepts only some spans.
   *
   * @param asset the CoinGecko id, e.g. {@code bitcoin}
   * @param vsCurrency the quote currency
   * @param days one of 1, 7, 14, 30, 90, 180, 365
   */
  public record Ohlc(String asset, String vsCurrency, int days) implements DataQuery<List<dev.nanpin.Bar>> {
    /** The spans CoinGecko accepts. */
    public static final Set<Integer> ALLOWED_DAYS = Set.of(1, 7, 14, 30, 90, 180, 365);

    /** Validates. */
    public Ohlc {
      notBlank(asset, "asset");
      notBlank(vsCurrency, "vsCurrency");
      if (!ALLOWED_DAYS.contains(days)) {
        throw new IllegalArgumentException("days must be one of 1, 7, 14, 30, 90, 180, 365: " + days);
      }
    }

    @Override
    public String kind() {
      return "ohlc";
    }
  }

  /**
   * Market rows (price, market cap): CoinGecko {@code /coins/markets}.
   *
   * @param vsCurrency the quote currency
   * @param ids CoinGecko ids, 1 to 250
   */
  public record Markets(String vsCurrency, List<String> ids) implements DataQuery<List<CoinMarket>> {
    /** Validates and copies. */
    public Markets {
      notBlank(vsCurrency, "vsCurrency");
      ids = List.copyOf(ids);
      if (ids.isEmpty() || ids.size() > 250) {
        throw new IllegalArgumentException("between 1 and 250 ids, got " + ids.size());
      }
      ids.forEach(i -> notBlank(i, "id"));
    }

    @Override
    public String kind() {
      return "markets";
    }
  }

  /**
   * FRED observations with the realtime (vintage) window.
   *
   * @param seriesId the series, e.g. {@code DGS10}
   * @param from first observation date, or {@code null}
   * @param to last observation date, or {@code null}
   * @param realtimeStart start of the realtime period, or {@code null} for today
   * @param realtimeEnd end of the realtime period, or {@code null} for today
   */
  public record FredObservations(String seriesId, LocalDate from, LocalDate to, LocalDate realtimeStart,
      LocalDate realtimeEnd) implements DataQuery<List<dev.nanpin.Observation>> {
    /** Validates. */
    public FredObservations {
      notBlank(seriesId, "seriesId");
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("from %s is after to %s".formatted(from, to));
      }
      if (realtimeStart != null && realtimeEnd != null && realtimeStart.isAfter(realtimeEnd)) {
        throw new IllegalArgumentException("realtimeStart %s is after realtimeEnd %s".formatted(realtimeStart, realtimeEnd));
      }
    }

    @Override
    public String kind() {
      return "series";
    }
  }

  /**
   * A FRED series' metadata (frequency, units, last update).
   *
   * @param seriesId the series, e.g. {@code DGS10}
   */
  public record FredSeriesInfo(String seriesId) implements DataQuery<SeriesInfo> {
    /** Validates. */
    public FredSeriesInfo {
      notBlank(seriesId, "seriesId");
    }

    @Override
    public String kind() {
      return "series-info";
    }
  }

  /**
   * Polymarket Gamma markets, all pages (keyset pagination, legacy list as fallback).
   *
   * @param filters Gamma filters such as {@code slug}, {@code tag_id}, {@code closed}
   * @param maxMarkets stop after this many markets, 1 to 10000
   */
  public record PredictionMarkets(Map<String, String> filters, int maxMarkets)
      implements DataQuery<List<PredictionMarket>> {
    /** Validates and copies. */
    public PredictionMarkets {
      filters = Map.copyOf(filters);
      if (filters.containsKey("offset") || filters.containsKey("after_cursor") || filters.containsKey("cursor")) {
        throw new IllegalArgumentException("pagination parameters are managed by the source");
      }
      if (maxMarkets < 1 || maxMarkets > 10_000) {
        throw new IllegalArgumentException("maxMarkets must be in [1, 10000]: " + maxMarkets);
      }
    }

    @Override
    public String kind() {
      return "markets";
    }
  }

  /**
   * The outcome tokens of a Polymarket market as the CLOB pairs them ({@code /markets/{condition_id}}).
   *
   * @param conditionId the market's condition id
   */
  public record OutcomeTokens(String conditionId) implements DataQuery<List<OutcomeToken>> {
    /** Validates. */
    public OutcomeTokens {
      notBlank(conditionId, "conditionId");
    }

    @Override
    public String kind() {
      return "clob-tokens";
    }
  }

  /**
   * Polymarket CLOB best price of an outcome token.
   *
   * @param tokenId the token id (a decimal string from {@code clobTokenIds})
   * @param side {@link Side#BUY} or {@link Side#SELL}, passed through as the API names it
   */
  public record OutcomePrice(String tokenId, Side side) implements DataQuery<Probability> {
    /** Validates. */
    public OutcomePrice {
      notBlank(tokenId, "tokenId");
      requireNonNull(side, "side");
    }

    @Override
    public String kind() {
      return "clob-price";
    }
  }

  /**
   * Polymarket CLOB midpoint of an outcome token.
   *
   * @param tokenId the token id
   */
  public record Midpoint(String tokenId) implements DataQuery<Probability> {
    /** Validates. */
    public Midpoint {
      notBlank(tokenId, "tokenId");
    }

    @Override
    public String kind() {
      return "clob-midpoint";
    }
  }

  /**
   * Polymarket CLOB order book of an outcome token, best levels first.
   *
   * @param tokenId the token id
   */
  public record Book(String tokenId) implements DataQuery<OrderBook> {
    /** Validates. */
    public Book {
      notBlank(tokenId, "tokenId");
    }

    @Override
    public String kind() {
      return "clob-book";
    }
  }

  /**
   * Polymarket CLOB price history of an outcome token.
   *
   * @param tokenId the token id
   * @param interval one of {@code 1m, 1h, 6h, 1d, 1w, max}
   * @param fidelityMinutes resolution in minutes, {@code >= 1}; resolved markets need {@code >= 720}
   */
  public record OutcomeHistory(String tokenId, String interval, int fidelityMinutes)
      implements DataQuery<List<Probability>> {
    /** Accepted intervals. */
    public static final Set<String> INTERVALS = Set.of("1m", "1h", "6h", "1d", "1w", "max", "all");

    /** Validates. */
    public OutcomeHistory {
      notBlank(tokenId, "tokenId");
      if (!INTERVALS.contains(interval)) {
        throw new IllegalArgumentException("interval must be one of " + INTERVALS + ": " + interval);
      }
      if (fidelityMinutes < 1) {
        throw new IllegalArgumentException("fidelityMinutes must be >= 1: " + fidelityMinutes);
      }
    }

    @Override
    public String kind() {
      return "clob-history";
    }
  }

  /**
   * CoinGlass aggregated liquidation history of a coin.
   *
   * @param symbol the coin, e.g. {@code BTC}
   * @param exchanges the exchanges to aggregate, e.g. {@code Binance,OKX,Bybit}
   * @param interval e.g. {@code 4h}, {@code 1d}
   * @param limit number of rows, 1 to 1000
   */
  public record LiquidationHistory(String symbol, String exchanges, String interval, int limit)
      implements DataQuery<List<LiquidationBar>> {
    /** Validates. */
    public LiquidationHistory {
      notBlank(symbol, "symbol");
      notBlank(exchanges, "exchanges");
      notBlank(interval, "interval");
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit must be in [1, 1000]: " + limit);
      }
    }

    @Override
    public String kind() {
      return "liquidation-history";
    }
  }

  /**
   * CoinGlass aggregated open interest (OHLC, USD) of a coin.
   *
   * @param symbol the coin
   * @param interval e.g. {@code 1d}
   * @param limit number of rows, 1 to 1000
   */
  public record OpenInterestHistory(String symbol, String interval, int limit) implements DataQuery<List<OhlcPoint>> {
    /** Validates. */
    public OpenInterestHistory {
      notBlank(symbol, "symbol");
      notBlank(interval, "interval");
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit must be in [1, 1000]: " + limit);
      }
    }

    @Override
    public String kind() {
      return "open-interest";
    }
  }

  /**
   * CoinGlass funding rate history (OHLC, in percent as the source gives it) of a pair.
   *
   * @param exchange e.g. {@code Binance}
   * @param pair e.g. {@code BTCUSDT}
   * @param interval e.g. {@code 8h}
   * @param limit number of rows, 1 to 1000
   */
  public record FundingHistory(String exchange, String pair, String interval, int limit)
      implements DataQuery<List<OhlcPoint>> {
    /** Validates. */
    public FundingHistory {
      notBlank(exchange, "exchange");
      notBlank(pair, "pair");
      notBlank(interval, "interval");
      if (limit < 1 || limit > 1000) {
        throw new IllegalArgumentException("limit must be in [1, 1000]: " + limit);
      }
    }

    @Override
    public String kind() {
      return "funding";
    }
  }
}
