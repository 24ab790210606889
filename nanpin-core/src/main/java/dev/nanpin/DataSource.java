package dev.nanpin;

/**
 * Answers typed queries for market, macro and sentiment data (CoinGecko, FRED, ...).
 *
 * <p>Implementations validate every response before answering: an HTML page, a missing field, a
 * non-positive or NaN price become a {@link DataException} naming the source and the field,
 * never a silent zero. They respect the source's rate limits and are safe for concurrent use.
 */
public interface DataSource extends AutoCloseable {
  /** @return the source's stable id, e.g. {@code coingecko} */
  String id();

  /**
   * Returns whether this source answers a kind of query.
   *
   * @param queryType the query record class, e.g. {@code DataQuery.Price.class}
   * @return {@code true} if {@link #fetch} accepts queries of that class
   */
  boolean supports(Class<?> queryType);

  /**
   * Answers a query.
   *
   * @param query the question
   * @param <T> the type of the answer
   * @return the answer with its provenance
   * @throws DataException if the response cannot be used, or the source does not answer this
   *     kind of query (the message lists what it answers)
   * @throws RateLimitedException if the source is cooling down after a 429
   * @throws AuthenticationException if the source rejected the key
   * @throws VenueUnavailableException if the source could not be reached and has no stale answer
   */
  <T> DataResult<T> fetch(DataQuery<T> query);

  /** Releases connections and threads; idempotent. */
  @Override
  void close();
}
