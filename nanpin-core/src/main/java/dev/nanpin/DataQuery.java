package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A typed question to a {@link DataSource}; {@code T} is the type of the answer.
 *
 * <p>The common questions are the records nested here. A source module may define more query
 * records of its own (implementing this interface) for what only it answers.
 *
 * @param <T> the type of the answer
 */
public interface DataQuery<T> {
  /** @return a short stable name of the question, used in cache keys, logs and errors, e.g. {@code "price"} */
  String kind();

  /**
   * The latest price of an asset.
   *
   * @param asset the source's asset id or symbol, e.g. {@code bitcoin} (CoinGecko) or {@code 1} (CoinMarketCap id)
   * @param vsCurrency the quote currency, e.g. {@code usd}
   */
  record Price(String asset, String vsCurrency) implements DataQuery<PricePoint> {
    /** Validates. */
    public Price {
      notBlank(asset, "asset");
      notBlank(vsCurrency, "vsCurrency");
    }

    @Override
    public String kind() {
      return "price";
    }
  }

  /**
   * Price history as bars.
   *
   * @param asset the source's asset id
   * @param vsCurrency the quote currency
   * @param from the first instant, inclusive
   * @param to the last instant, exclusive
   * @param interval the bar length the caller wants; a source may answer coarser bars and says so in the bars' times
   */
  record History(String asset, String vsCurrency, Instant from, Instant to, Duration interval)
      implements DataQuery<List<Bar>> {
    /** Validates. */
    public History {
      notBlank(asset, "asset");
      notBlank(vsCurrency, "vsCurrency");
      notNull(from, "from");
      notNull(to, "to");
      notNull(interval, "interval");
      if (!from.isBefore(to)) {
        throw new IllegalArgumentException("from %s must be before to %s".formatted(from, to));
      }
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("interval must be positive: " + interval);
      }
    }

    @Override
    public String kind() {
      return "history";
    }
  }

  /**
   * Observations of an economic series (e.g. FRED {@code DGS10}).
   *
   * @param seriesId the series id
   * @param from the first observation date, inclusive, or {@code null} for the series start
   * @param to the last observation date, inclusive, or {@code null} for the latest
   */
  record Series(String seriesId, LocalDate from, LocalDate to) implements DataQuery<List<Observation>> {
    /** Validates. */
    public Series {
      notBlank(seriesId, "seriesId");
      if (from != null && to != null && from.isAfter(to)) {
        throw new IllegalArgumentException("from %s is after to %s".formatted(from, to));
      }
    }

    @Override
    public String kind() {
      return "series";
    }
  }

  /**
   * Sentiment readings, newest last.
   *
   * @param index the index name, e.g. {@link Sentiment#FEAR_GREED}
   * @param limit how many readings, {@code >= 1} ({@code 1} for the latest only)
   */
  record SentimentHistory(String index, int limit) implements DataQuery<List<Sentiment>> {
    /** Validates. */
    public SentimentHistory {
      notBlank(index, "index");
      if (limit < 1) {
        throw new IllegalArgumentException("limit must be >= 1: " + limit);
      }
    }

    @Override
    public String kind() {
      return "sentiment";
    }
  }

  /**
   * Liquidation clusters of an asset around its current price.
   *
   * @param symbol the asset or pair, e.g. {@code BTC}
   */
  record Liquidations(String symbol) implements DataQuery<LiquidationClusters> {
    /** Validates. */
    public Liquidations {
      notBlank(symbol, "symbol");
    }

    @Override
    public String kind() {
      return "liquidations";
    }
  }
}
