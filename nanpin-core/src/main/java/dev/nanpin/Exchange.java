package dev.nanpin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A venue connector: instruments, market data, streams, the account and orders, in the core
 * model. Implementations are safe for concurrent use.
 *
 * <p>Failures are {@link ExchangeException}s: {@link AuthenticationException}, {@link
 * OrderRejectedException}, {@link InsufficientFundsException}, {@link RateLimitedException},
 * {@link NotFoundException}, {@link VenueUnavailableException}. An order call whose outcome is
 * unknown (a timeout after sending) is resolved by the implementation by querying the order's
 * {@code clientId}, never by sending it again.
 */
public interface Exchange extends AutoCloseable {
  /** @return the venue id, e.g. {@code backpack} */
  String id();

  /** @return every tradable instrument */
  List<Instrument> instruments();

  /**
   * @param symbol the venue symbol
   * @return the instrument
   * @throws NotFoundException if the venue has no such market
   */
  Instrument instrument(String symbol);

  /**
   * @param symbol the venue symbol
   * @return the latest ticker
   */
  Ticker ticker(String symbol);

  /**
   * @param symbol the venue symbol
   * @param depth the number of levels per side wanted, {@code >= 1}
   * @return a depth snapshot
   */
  OrderBook orderBook(String symbol, int depth);

  /**
   * Returns closed bars, oldest first, paging through long ranges as needed.
   *
   * @param symbol the venue symbol
   * @param interval the bar length (must be one the venue offers)
   * @param from the first open time, inclusive
   * @param to the last open time, exclusive
   * @return the bars in strictly increasing time
   */
  List<Bar> bars(String symbol, Duration interval, Instant from, Instant to);

  /** @return the margin view of the account (requires credentials) */
  AccountState account();

  /** @return the balance of every asset held (requires credentials) */
  List<Balance> balances();

  /** @return the open positions (requires credentials); empty on a spot-only account */
  List<Position> positions();

  /**
   * The health of the connection as the connector's circuit breaker sees it: {@code "CLOSED"}
   * (calls go through), {@code "OPEN"} (calls fail fast, no order is sent) or {@code "HALF_OPEN"}
   * (one read may probe). Connectors without a breaker answer {@code "CLOSED"}.
   *
   * @return the state
   */
  default String circuitState() {
    return "CLOSED";
  }

  /**
   * Places an order, sending the request at most once (neither the implementation nor its
   * transport re-sends it). After the request may have reached the venue, anything but a
   * well-formed answer (a timeout, a reset connection, a 5xx, an empty or unreadable body) leaves
   * the outcome unknown; the implementation then looks the order up by its {@code clientId}
   * within a deadline and returns what the venue has.
   *
   * @param request the order
   * @return the order as the venue accepted it
   * @throws OrderOutcomeUnknownException if the order may exist: the only exception after which it
   *     may; never re-send the request, resolve it by its {@code clientId}
   * @throws OrderRejectedException if the venue rejected it
   * @throws InsufficientFundsException if the account lacks balance or margin
   * @throws ExchangeException of another kind (rate limited, unavailable before sending, not
   *     found after the signing window) when the order was not placed
   */
  Order placeOrder(OrderRequest request);

  /**
   * @param symbol the venue symbol
   * @param clientId the caller's id of the order
   * @return the order, or empty if the venue has none with that client id
   */
  Optional<Order> orderByClientId(String symbol, long clientId);

  /**
   * @param symbol the venue symbol
   * @param orderId the venue's id
   * @return the order, or empty if unknown
   */
  Optional<Order> orderById(String symbol, String orderId);

  /**
   * @param symbol the venue symbol, or {@code null} for every market
   * @return the resting orders
   */
  List<Order> openOrders(String symbol);

  /**
   * Cancels a resting order.
   *
   * @param symbol the venue symbol
   * @param orderId the venue's id
   * @return the order after cancellation
   * @throws NotFoundException if the venue has no such open order
   */
  Order cancelOrder(String symbol, String orderId);

  /**
   * Cancels every resting order on a market.
   *
   * @param symbol the venue symbol
   * @return the orders that were cancelled
   */
  List<Order> cancelAllOrders(String symbol);

  /**
   * Returns the account's fills since a time, oldest first, paging as needed.
   *
   * @param symbol the venue symbol, or {@code null} for every market
   * @param since the earliest fill time, inclusive
   * @return the fills
   */
  List<Fill> fills(String symbol, Instant since);

  /**
   * Streams a market's tickers and closed bars.
   *
   * @param symbol the venue symbol
   * @param barInterval the bar length to stream, or {@code null} for tickers only
   * @param listener the receiver
   * @return the subscription
   */
  Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener);

  /**
   * Streams the account's order updates, fills and positions (requires credentials).
   *
   * @param listener the receiver
   * @return the subscription
   */
  Subscription streamAccount(ExchangeListener listener);

  /** Closes connections and threads; idempotent. */
  @Override
  void close();
}
