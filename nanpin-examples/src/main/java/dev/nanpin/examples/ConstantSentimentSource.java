package dev.nanpin.examples;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import java.time.Clock;
import java.util.List;

/**
 * An example {@link DataSource}: answers {@link DataQuery.SentimentHistory} with one fixed reading
 * of a chosen index (a stand-in for your own feed: a file, a database, an in-house API). Shows the
 * contract: say which queries you answer, answer them as a {@link DataResult}, fail with a typed
 * {@link DataException} naming the culprit. Thread-safe (immutable).
 */
public final class ConstantSentimentSource implements DataSource {
  /** The id this source is found by. */
  public static final String ID = "constant-sentiment";

  private final String index;
  private final double value;
  private final Clock clock;

  /**
   * Creates the source.
   *
   * @param index the index name it answers
   * @param value the reading, 0 to 100
   * @param clock the clock of the readings' time
   */
  public ConstantSentimentSource(String index, double value, Clock clock) {
    this.index = index;
    this.value = value;
    this.clock = clock;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean supports(Class<?> queryType) {
    return queryType == DataQuery.SentimentHistory.class;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> DataResult<T> fetch(DataQuery<T> query) {
    if (!(query instanceof DataQuery.SentimentHistory h)) {
      throw new DataException(ID, "query", ID + " answers SentimentHistory only, not " + query, null);
    }
    if (!h.index().equals(index)) {
      throw new DataException(ID, "index", "%s answers the index '%s' only, not '%s'".formatted(ID, index, h.index()), null);
    }
    List<Sentiment> readings = List.of(new Sentiment(index, value, clock.instant()));
    return (DataResult<T>) DataResult.fresh(readings, ID, clock.instant());
  }

  @Override
  public void close() {
    // nothing held
  }
}
