package dev.nanpin.data;

import dev.nanpin.ConfigException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The signal queries a bot can poll from a {@link DataSource}, as {@link SignalFeed#polled polled
 * feeds}: the names the bot's YAML uses ({@code query:}) and what each one asks.
 *
 * <ul>
 *   <li>{@value #SENTIMENT}: the latest reading of a sentiment index, the Fear &amp; Greed index
 *       unless the {@code index} parameter names another ({@link DataQuery.SentimentHistory});
 *   <li>{@value #MACRO_REGIME}: the macro regime of FRED's default series ({@link FredSource.Macro});
 *   <li>{@value #LIQUIDATIONS}: the liquidation clusters of the traded base asset ({@link
 *       DataQuery.Liquidations}).
 * </ul>
 *
 * <p>Thread-safe: stateless; the polls it makes call the source from the poller's thread.
 */
public final class SignalQueries {
  /** The latest sentiment reading. */
  public static final String SENTIMENT = "sentiment";
  /** The macro regime of FRED's default series. */
  public static final String MACRO_REGIME = "macro-regime";
  /** The liquidation clusters of the base asset. */
  public static final String LIQUIDATIONS = "liquidations";
  /** Every query name, in the order a source's default query is chosen. */
  public static final List<String> NAMES = List.of(SENTIMENT, MACRO_REGIME, LIQUIDATIONS);

  private SignalQueries() {}

  /**
   * The first query of {@link #NAMES} the source answers.
   *
   * @param source the source
   * @return its default query, empty when it answers none
   */
  public static Optional<String> defaultQuery(DataSource source) {
    return NAMES.stream().filter(q -> supports(source, q)).findFirst();
  }

  /**
   * A feed polling {@code source} for one signal query.
   *
   * @param source the source; the feed does not close it
   * @param query one of {@link #NAMES}
   * @param every the poll period
   * @param params the feed's parameters ({@code index} for {@value #SENTIMENT})
   * @param baseAsset the traded base asset, for {@value #LIQUIDATIONS}
   * @param clock the clock that dates the macro query's look-back
   * @return the feed, named {@code <source id>:<query>}
   * @throws ConfigException if the query is unknown (the message lists the known ones) or the
   *     source does not answer it
   */
  public static SignalFeed feed(DataSource source, String query, Duration every, Map<String, ?> params,
      String baseAsset, Clock clock) {
    Objects.requireNonNull(source, "source");
    if (!NAMES.contains(query)) {
      throw new ConfigException("query", "unknown signal query '%s'; known: %s".formatted(query,
          String.join(", ", NAMES)));
    }
    if (!supports(source, query)) {
      throw new ConfigException("query", "data source '%s' does not answer the signal query '%s'%s".formatted(
          source.id(), query, defaultQuery(source).map(q -> "; it answers " + q).orElse("")));
    }
    return SignalFeed.polled(source.id() + ":" + query, every, poll(source, query, params, baseAsset, clock));
  }

  private static boolean supports(DataSource source, String query) {
    return switch (query) {
      case SENTIMENT -> source.supports(DataQuery.SentimentHistory.class);
      case MACRO_REGIME -> source.supports(FredSource.Macro.class);
      case LIQUIDATIONS -> source.supports(DataQuery.Liquidations.class);
      default -> false;
    };
  }

  private static Supplier<Signal> poll(DataSource ds, String query, Map<String, ?> params, String base, Clock clock) {
    switch (query) {
      case SENTIMENT -> {
        Object index = params.get("index");
        DataQuery.SentimentHistory q = new DataQuery.SentimentHistory(
            index == null ? Sentiment.FEAR_GREED : index.toString(), 1);
        return () -> {
          List<Sentiment> values = ds.fetch(q).value();
          return values == null ? null : values.stream().max(Comparator.comparing(Sentiment::asOf)).orElse(null);
        };
      }
      case MACRO_REGIME -> {
        return () -> ds.fetch(FredSource.Macro.defaults(LocalDate.now(clock), false)).value();
      }
      default -> {
        DataQuery.Liquidations q = new DataQuery.Liquidations(base);
        return () -> ds.fetch(q).value();
      }
    }
  }
}
