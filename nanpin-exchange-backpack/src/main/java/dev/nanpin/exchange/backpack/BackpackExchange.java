package dev.nanpin.exchange.backpack;

import static dev.nanpin.exchange.backpack.internal.J.dec;
import static dev.nanpin.exchange.backpack.internal.J.decOrNull;
import static dev.nanpin.exchange.backpack.internal.J.has;
import static dev.nanpin.exchange.backpack.internal.J.str;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeException;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.MarkPrice;
import dev.nanpin.NotFoundException;
import dev.nanpin.OpenInterest;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.exchange.backpack.internal.Adapters;
import dev.nanpin.exchange.backpack.internal.DepthBook;
import dev.nanpin.exchange.backpack.internal.J;
import dev.nanpin.exchange.backpack.internal.rest.BackpackRest;
import dev.nanpin.exchange.backpack.internal.rest.Endpoint;
import dev.nanpin.exchange.backpack.internal.ws.BackpackWs;
import dev.nanpin.exchange.backpack.internal.ws.MarketEventRouter;
import dev.nanpin.exchange.backpack.internal.ws.StreamHandler;
import dev.nanpin.http.HttpJson;
import dev.nanpin.http.HttpResult;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Backpack Exchange connector: the core {@link Exchange} plus Backpack's own extras (mark
 * prices and funding, open interest, leverage, batch orders, order and funding history, raw
 * streams, WebSocket-first prices).
 *
 * <h2>Order safety</h2>
 * Every order carries a {@code clientId} and is sent at most once: never re-sent by this
 * connector, and never by the transport (order, batch and cancel-all calls run on an HTTP client
 * with {@code retryOnConnectionFailure} off, whatever client was configured). A definite answer
 * ends a placement: the order, or a refusal below HTTP 500 (rejected, insufficient funds,
 * authentication, rate limited). After the request may have reached the venue, anything else (a
 * timeout, a reset connection, any 5xx whatever its body, an empty or unreadable 2xx, "client id
 * already exists") is resolved by the {@code clientId}: open orders, then order history, then
 * fills, retried with backoff from {@link BackpackConfig#orderLookupDelay()} whatever the lookups
 * answer (429 included) until {@link BackpackConfig#orderResolveDeadline()}. Found: the order is
 * returned. Absent from all three after the signing window has passed: the venue can no longer
 * accept the request, and a {@link VenueUnavailableException} with code {@code
 * NOT_PLACED} says it was not placed. Otherwise an {@link
 * dev.nanpin.OrderOutcomeUnknownException} is thrown, the only exception after which the order
 * may exist; never resend it.
 *
 * <h2>Limits and clock</h2>
 * Requests are admitted by a limiter at {@link BackpackConfig#rateLimitFraction()} of 2000/min
 * (klines also of 30/min) before they are timestamped and signed; 429 cools the limiter down.
 * Timestamps are corrected by the offset measured from {@code /api/v1/time}; a read that the venue
 * calls expired is re-synced and retried once.
 *
 * <h2>Streams</h2>
 * All subscriptions share one WebSocket. It reconnects on a close frame, a failure or silence,
 * with exponential backoff and jitter, subscribes every stream again and signs the private ones
 * afresh; account subscriptions then re-read open orders and positions by REST. Each
 * subscription has its own dispatch thread behind a bounded queue of {@link
 * BackpackConfig#listenerQueueCapacity()} events, so listeners never run on the connection's
 * reader thread and a slow listener delays only its own subscription. Overflow policy: when a
 * subscription's queue is full, the new event is dropped and counted ({@link
 * StreamStats#dropped()}), and once the listener has caught up it gets the same re-sync as after
 * a reconnect (REST reconciliation for the account, {@code onReconnected} for everyone).
 *
 * <p>Thread-safe. Public market data works without keys; account calls need them.
 */
public final class BackpackExchange implements Exchange {
  private static final Logger log = LoggerFactory.getLogger(BackpackExchange.class);
  private static final int PAGE = 1000;
  /** Deltas buffered before the first snapshot is fetched: the venue's snapshot lags the stream. */
  private static final int SNAPSHOT_AFTER_DELTAS = 3;
  private static final int[] DEPTH_LIMITS = {5, 10, 20, 50, 100, 500, 1000};
  private static final Duration INSTRUMENTS_TTL = Duration.ofMinutes(10);
  /**
   * The length standing for Backpack's {@code 1month} bars, which are calendar months: 31 days,
   * the longest month, so that a running month is never taken for a closed one.
   */
  public static final Duration MONTH = Duration.ofDays(31);

  private static final Map<Duration, String> INTERVALS = intervals();

  private final BackpackConfig config;
  private final BackpackRest rest;
  private final BackpackWs ws;
  private volatile Map<String, Instrument> instruments;
  private volatile long instrumentsNanos;

  /**
   * Creates a connector. No network traffic happens until the first call.
   *
   * @param config the settings
   */
  public BackpackExchange(BackpackConfig config) {
    this.config = Objects.requireNonNull(config, "config");
    this.rest = new BackpackRest(config);
    this.ws = new BackpackWs(config, config.httpClient() != null ? config.httpClient() : HttpJson.sharedClient(),
        rest.http().mapper(), rest::nowMillis);
  }

  /** @return the settings */
  public BackpackConfig config() {
    return config;
  }

  @Override
  public String id() {
    return J.VENUE;
  }

  // ---- public market data -------------------------------------------------------------------

  @Override
  public List<Instrument> instruments() {
    return List.copyOf(instrumentMap(false).values());
  }

  @Override
  public Instrument instrument(String symbol) {
    Instrument i = instrumentMap(false).get(symbol);
    if (i == null) {
      i = instrumentMap(true).get(symbol);
    }
    if (i == null) {
      throw new NotFoundException(J.VENUE, "INVALID_SYMBOL", "backpack: no spot or perp market " + symbol, null);
    }
    return i;
  }

  private Map<String, Instrument> instrumentMap(boolean refresh) {
    Map<String, Instrument> m = instruments;
    if (!refresh && m != null && config.nanoTime().getAsLong() - instrumentsNanos < INSTRUMENTS_TTL.toNanos()) {
      return m;
    }
    JsonNode markets = rest.get(Endpoint.MARKETS, Map.of());
    Map<String, Instrument> out = new TreeMap<>();
    for (JsonNode n : array(markets, "markets")) {
      Instrument i = Adapters.instrument(n);
      if (i != null) {
        out.put(i.symbol(), i);
      }
    }
    instruments = Collections.unmodifiableMap(out);
    instrumentsNanos = config.nanoTime().getAsLong();
    return instruments;
  }

  @Override
  public Ticker ticker(String symbol) {
    JsonNode n = rest.get(Endpoint.TICKER, Map.of("symbol", symbol));
    return Adapters.ticker(n, Instant.ofEpochMilli(rest.nowMillis()));
  }

  /**
   * The 24 h tickers of every market.
   *
   * @return the tickers (markets without a last price are left out)
   */
  public List<Ticker> tickers() {
    Instant now = Instant.ofEpochMilli(rest.nowMillis());
    List<Ticker> out = new ArrayList<>();
    for (JsonNode n : array(rest.get(Endpoint.TICKERS, Map.of()), "tickers")) {
      BigDecimal last = decOrNull(n, "lastPrice");
      if (last != null && last.signum() > 0) {
        out.add(Adapters.ticker(n, now));
      }
    }
    return out;
  }

  /**
   * The latest price: the {@code ticker} stream's while it is fresher than {@link
   * BackpackConfig#priceFreshness()} (subscribe with {@link #streamMarket}), else a REST ticker.
   *
   * @param symbol the market
   * @return the price with its source and age
   */
  public PriceQuote price(String symbol) {
    String stream = "ticker." + symbol;
    JsonNode live = ws.latest(stream, config.priceFreshness());
    if (live != null && has(live, "c")) {
      BigDecimal p = dec(live, "c");
      Duration age = ws.age(stream);
      if (p.signum() > 0 && age != null) {
        return new PriceQuote(symbol, p, PriceQuote.Source.WEBSOCKET, age);
      }
    }
    long start = config.nanoTime().getAsLong();
    Ticker t = ticker(symbol);
    return new PriceQuote(symbol, t.last(), PriceQuote.Source.REST,
        Duration.ofNanos(config.nanoTime().getAsLong() - start));
  }

  @Override
  public OrderBook orderBook(String symbol, int depth) {
    if (depth < 1) {
      throw new IllegalArgumentException("depth must be >= 1: " + depth);
    }
    int limit = DEPTH_LIMITS[DEPTH_LIMITS.length - 1];
    for (int l : DEPTH_LIMITS) {
      if (l >= depth) {
        limit = l;
        break;
      }
    }
    JsonNode n = rest.get(Endpoint.DEPTH, Map.of("symbol", symbol, "limit", Integer.toString(limit)));
    return Adapters.orderBook(symbol, n, depth);
  }

  @Override
  public List<Bar> bars(String symbol, Duration interval, Instant from, Instant to) {
    String name = interval(interval);
    if (!from.isBefore(to)) {
      return List.of();
    }
    long step = interval.getSeconds();
    Instant now = Instant.ofEpochMilli(rest.nowMillis());
    List<Bar> out = new ArrayList<>();
    long start = from.getEpochSecond();
    long end = to.getEpochSecond();
    while (start < end) {
      long pageEnd = Math.min(end, start + step * PAGE);
      JsonNode page = rest.get(Endpoint.KLINES, Map.of("symbol", symbol, "interval", name,
          "startTime", Long.toString(start), "endTime", Long.toString(pageEnd)));
      long lastStart = Long.MIN_VALUE;
      for (JsonNode k : array(page, "klines")) {
        if (J.has(k, "start")) {
          lastStart = Math.max(lastStart, J.time(k, "start").getEpochSecond());
        }
        Bar b = Adapters.bar(k);
        if (b == null || b.time().isBefore(from) || !b.time().isBefore(to)) {
          continue;
        }
        // only closed bars: the one still running is left out
        if (b.time().plus(interval).isAfter(now)) {
          continue;
        }
        if (out.isEmpty() || b.time().isAfter(out.get(out.size() - 1).time())) {
          out.add(b);
        }
      }
      // The venue lists every slot, empty ones too; a page that stops short was capped by the
      // venue, so continue after its last candle instead of skipping the rest of the range.
      start = lastStart != Long.MIN_VALUE && lastStart + step < pageEnd && lastStart + step > start
          ? lastStart + step : pageEnd;
    }
    return out;
  }

  /**
   * @param interval a bar length
   * @return Backpack's name for it, e.g. {@code 1h}
   * @throws IllegalArgumentException naming the offered intervals
   */
  public static String interval(Duration interval) {
    String name = INTERVALS.get(interval);
    if (name == null) {
      throw new IllegalArgumentException("Backpack offers no " + interval + " bars; offered: "
          + String.join(", ", INTERVALS.values()));
    }
    return name;
  }

  /**
   * @param name a Backpack interval name such as {@code 15m}
   * @return its length
   * @throws IllegalArgumentException for an unknown name
   */
  public static Duration interval(String name) {
    for (Map.Entry<Duration, String> e : INTERVALS.entrySet()) {
      if (e.getValue().equals(name)) {
        return e.getKey();
      }
    }
    throw new IllegalArgumentException("unknown interval '" + name + "'; offered: " + String.join(", ", INTERVALS.values()));
  }

  /**
   * Mark price, index and funding of perpetual markets.
   *
   * @param symbol one market, or {@code null} for all
   * @return the mark prices
   */
  public List<MarkPrice> markPrices(String symbol) {
    Map<String, String> q = new LinkedHashMap<>();
    if (symbol != null) {
      q.put("symbol", symbol);
    }
    List<MarkPrice> out = new ArrayList<>();
    for (JsonNode n : array(rest.get(Endpoint.MARK_PRICES, q), "markPrices")) {
      out.add(Adapters.guard("mark price", () -> new MarkPrice(str(n, "symbol"), dec(n, "markPrice"),
          decOrNull(n, "indexPrice"), decOrNull(n, "fundingRate"),
          has(n, "nextFundingTimestamp") ? J.time(n, "nextFundingTimestamp") : null,
          Instant.ofEpochMilli(rest.nowMillis()))));
    }
    return out;
  }

  /**
   * Funding rate history, newest first as the venue returns it.
   *
   * @param symbol the perpetual market
   * @param limit the most entries, {@code 1..10000}
   * @return the settled intervals
   */
  public List<FundingRate> fundingRates(String symbol, int limit) {
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be in [1, 10000]: " + limit);
    }
    List<FundingRate> out = new ArrayList<>();
    for (JsonNode n : array(rest.get(Endpoint.FUNDING_RATES, Map.of("symbol", symbol, "limit", Integer.toString(limit))),
        "fundingRates")) {
      out.add(Adapters.guard("funding rate", () -> new FundingRate(str(n, "symbol"), dec(n, "fundingRate"),
          J.time(n, "intervalEndTimestamp"))));
    }
    return out;
  }

  /**
   * @param symbol a perpetual market
   * @return its open interest
   */
  public OpenInterest openInterest(String symbol) {
    JsonNode arr = rest.get(Endpoint.OPEN_INTEREST, Map.of("symbol", symbol));
    for (JsonNode n : array(arr, "openInterest")) {
      if (symbol.equals(J.strOrNull(n, "symbol"))) {
        return Adapters.guard("open interest", () -> new OpenInterest(symbol, dec(n, "openInterest"),
            has(n, "timestamp") ? J.time(n, "timestamp") : Instant.ofEpochMilli(rest.nowMillis())));
      }
    }
    throw new NotFoundException(J.VENUE, null, "backpack: no open interest for " + symbol, null);
  }

  /**
   * Reads the venue's clock and updates the offset applied to request timestamps.
   *
   * @return the venue's time
   */
  public Instant serverTime() {
    return Instant.ofEpochMilli(rest.syncClock());
  }

  /** @return the measured offset of the venue's clock to the local one (venue minus local) */
  public Duration clockOffset() {
    return Duration.ofMillis(rest.clockOffsetMillis());
  }

  /**
   * @return the venue's status text, e.g. {@code Ok} or {@code Maintenance}
   */
  public String status() {
    return str(rest.get(Endpoint.STATUS, Map.of()), "status");
  }

  // ---- account ------------------------------------------------------------------------------

  /**
   * @return the account settings, leverage and fees
   */
  public AccountSettings accountSettings() {
    JsonNode n = rest.signedJson(Endpoint.ACCOUNT, null);
    return Adapters.guard("account", () -> new AccountSettings(decOrNull(n, "leverageLimit"),
        decOrNull(n, "spotMakerFee"), decOrNull(n, "spotTakerFee"), decOrNull(n, "futuresMakerFee"),
        decOrNull(n, "futuresTakerFee"), J.bool(n, "autoLend"), J.bool(n, "autoBorrowSettlements"),
        J.bool(n, "autoRepayBorrows"), J.bool(n, "liquidating")));
  }

  /**
   * Sets the account's maximum leverage (an account-level setting on Backpack).
   *
   * @param leverage the new limit, {@code >= 1}
   */
  public void setLeverageLimit(BigDecimal leverage) {
    if (leverage == null || leverage.compareTo(BigDecimal.ONE) < 0) {
      throw new IllegalArgumentException("leverage must be >= 1: " + leverage);
    }
    rest.signed(Endpoint.ACCOUNT_UPDATE, Map.of("leverageLimit", leverage.stripTrailingZeros().toPlainString()));
  }

  /**
   * The largest order the account can place now.
   *
   * @param symbol the market
   * @param side the side
   * @param price the limit price, or {@code null} for market
   * @param reduceOnly whether the order would only reduce
   * @return the largest base quantity
   */
  public BigDecimal maxOrderQuantity(String symbol, Side side, BigDecimal price, boolean reduceOnly) {
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("symbol", symbol);
    q.put("side", Adapters.side(side));
    if (price != null) {
      q.put("price", price.toPlainString());
    }
    if (reduceOnly) {
      q.put("reduceOnly", true);
    }
    return dec(rest.signedJson(Endpoint.MAX_ORDER_QUANTITY, q), "maxOrderQuantity");
  }

  @Override
  public AccountState account() {
    return Adapters.account(rest.signedJson(Endpoint.COLLATERAL, null), Instant.ofEpochMilli(rest.nowMillis()));
  }

  @Override
  public List<Balance> balances() {
    return Adapters.balances(rest.signedJson(Endpoint.BALANCES, null));
  }

  @Override
  public List<Position> positions() {
    JsonNode n;
    try {
      n = rest.signedJson(Endpoint.POSITIONS, null);
    } catch (NotFoundException none) {
      return List.of();
    }
    Instant now = Instant.ofEpochMilli(rest.nowMillis());
    List<Position> out = new ArrayList<>();
    for (JsonNode p : array(n, "positions")) {
      out.add(Adapters.position(p, now));
    }
    return out;
  }

  /**
   * Funding payments of the account, newest first, paging as needed.
   *
   * @param symbol a market, or {@code null} for all
   * @param max the most entries returned
   * @return the payments
   */
  public List<FundingPayment> fundingPayments(String symbol, int max) {
    List<FundingPayment> out = new ArrayList<>();
    for (int offset = 0; out.size() < max; offset += PAGE) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (symbol != null) {
        q.put("symbol", symbol);
      }
      q.put("limit", Integer.toString(Math.min(PAGE, max - out.size())));
      q.put("offset", Integer.toString(offset));
      JsonNode page = rest.signedJson(Endpoint.FUNDING_PAYMENTS, q);
      int n = 0;
      for (JsonNode p : array(page, "funding payments")) {
        n++;
        out.add(Adapters.guard("funding payment", () -> new FundingPayment(str(p, "symbol"), dec(p, "quantity"),
            decOrNull(p, "fundingRate"), J.time(p, "intervalEndTimestamp"))));
      }
      if (n < Math.min(PAGE, max)) {
        break;
      }
    }
    return out;
  }

  /**
   * The state of this connector's circuit breaker: it opens after 5 failed calls in a row (or
   * half of the last 20 failing), fails calls fast while open, lets one read through as a probe
   * after 10 s (reconciliation and order lookups keep probing), and never sends an order unless
   * closed: an order refused by an open breaker was not sent.
   *
   * @return the state now
   */
  @Override
  public String circuitState() {
    return rest.http().circuitBreaker().state().name();
  }

  // ---- orders -------------------------------------------------------------------------------

  /**
   * @return a fresh client id from the configured {@link ClientIdSource}
   */
  public long nextClientId() {
    return config.clientIds().next();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The order is first checked against the market's tick size, step size, minimum quantity
   * and kind ({@link OrderRequest#checkAgainst}); an order that fails is refused locally with an
   * {@link OrderRejectedException} of venue {@code nanpin} and never sent.
   */
  @Override
  public Order placeOrder(OrderRequest request) {
    request.checkAgainst(instrument(request.symbol()));
    Map<String, Object> body = orderBody(request);
    HttpResult answer;
    try {
      answer = rest.signed(Endpoint.ORDER_EXECUTE, body);
    } catch (OrderRejectedException e) {
      if (e.getMessage() != null && e.getMessage().toLowerCase(Locale.ROOT).contains("client id already exists")) {
        log.info("backpack: clientId {} already exists; resolving to the existing order", request.clientId());
        return resolveByClientId(request, e);
      }
      throw e;
    } catch (RuntimeException e) {
      if (OrderResolver.isDefiniteRefusal(e)) {
        throw e;
      }
      // The order may or may not be at the venue: never resend, look it up.
      log.warn("backpack: order clientId {} outcome unknown ({}); looking it up", request.clientId(), e.getMessage());
      return resolveByClientId(request, e);
    }
    try {
      Order placed = Adapters.order(rest.http().parse(answer));
      if (placed.clientId() != -1 && placed.clientId() != request.clientId()) {
        // the venue may omit the clientId in its answer, but an answer for another order is no answer
        throw J.malformed("order answer names clientId " + placed.clientId());
      }
      return placed;
    } catch (RuntimeException unreadable) {
      // a 2xx the venue sent after taking the request, but not a well-formed order: unknown
      log.warn("backpack: order clientId {} answered unreadably ({}); looking it up", request.clientId(),
          unreadable.getMessage());
      return resolveByClientId(request, unreadable);
    }
  }

  private Order resolveByClientId(OrderRequest request, RuntimeException cause) {
    return new OrderResolver(this, config, rest.nowMillis()).resolve(request, cause);
  }

  /**
   * Places several orders in one request. Each gets its own result; the batch as a whole is
   * never retried (an unknown outcome is resolved order by order through their client ids).
   * Every order is checked against its market first, as in {@link #placeOrder}; one that fails
   * stops the batch before anything is sent.
   *
   * @param requests the orders, {@code 1..} of them
   * @return one result per request, in order
   */
  public List<BatchOrderResult> placeOrders(List<OrderRequest> requests) {
    if (requests.isEmpty()) {
      throw new IllegalArgumentException("no orders");
    }
    List<Map<String, Object>> body = new ArrayList<>();
    for (OrderRequest r : requests) {
      r.checkAgainst(instrument(r.symbol()));
      body.add(orderBody(r));
    }
    JsonNode arr;
    try {
      arr = rest.signedJson(Endpoint.ORDER_BATCH, body);
      if (!arr.isArray() || arr.size() != requests.size()) {
        throw J.malformed("batch answer has " + arr.size() + " items for " + requests.size() + " orders");
      }
    } catch (RuntimeException e) {
      if (OrderResolver.isDefiniteRefusal(e)) {
        throw e;
      }
      List<BatchOrderResult> out = new ArrayList<>();
      for (OrderRequest r : requests) {
        try {
          out.add(new BatchOrderResult(r, resolveByClientId(r, e), null));
        } catch (ExchangeException unknownOrAbsent) {
          out.add(new BatchOrderResult(r, null, unknownOrAbsent));
        }
      }
      return out;
    }
    List<BatchOrderResult> out = new ArrayList<>();
    for (int i = 0; i < requests.size(); i++) {
      JsonNode item = arr.get(i);
      String op = J.strOrNull(item, "operation");
      if ("Err".equalsIgnoreCase(op) || (has(item, "code") && !has(item, "id"))) {
        String code = J.strOrNull(item, "code");
        String msg = "backpack: order " + i + " rejected: " + (code == null ? "" : code + " ") + J.strOrNull(item, "message");
        ExchangeException err = code != null && code.startsWith("INSUFFICIENT")
            ? new dev.nanpin.InsufficientFundsException(J.VENUE, code, msg, null)
            : new OrderRejectedException(J.VENUE, code, msg, null);
        out.add(new BatchOrderResult(requests.get(i), null, err));
      } else {
        out.add(new BatchOrderResult(requests.get(i), Adapters.order(item), null));
      }
    }
    return out;
  }

  /**
   * The request body of an order: decimals as plain strings, every order with its clientId.
   *
   * @param r the order
   * @return the body, in a stable order
   */
  static Map<String, Object> orderBody(OrderRequest r) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("symbol", r.symbol());
    b.put("side", Adapters.side(r.side()));
    b.put("orderType", r.type() == OrderType.LIMIT ? "Limit" : "Market");
    if (r.quantity() != null) {
      b.put("quantity", r.quantity().toPlainString());
    }
    if (r.quoteQuantity() != null) {
      b.put("quoteQuantity", r.quoteQuantity().toPlainString());
    }
    if (r.type() == OrderType.LIMIT) {
      b.put("price", r.limitPrice().toPlainString());
      b.put("timeInForce", r.timeInForce().name());
      if (r.postOnly()) {
        b.put("postOnly", true);
      }
    }
    if (r.reduceOnly()) {
      b.put("reduceOnly", true);
    }
    b.put("clientId", r.clientId());
    return b;
  }

  /**
   * Looks a resting order up by its client id.
   *
   * @param symbol the market
   * @param clientId the order's client id
   * @return the order if it is open at the venue; empty if the venue answers "not found"
   */
  public Optional<Order> openOrderByClientId(String symbol, long clientId) {
    try {
      return Optional.of(Adapters.order(rest.signedJson(Endpoint.ORDER_QUERY,
          Map.of("symbol", symbol, "clientId", clientId))));
    } catch (NotFoundException notOpen) {
      return Optional.empty();
    }
  }

  @Override
  public Optional<Order> orderByClientId(String symbol, long clientId) {
    Optional<Order> open = openOrderByClientId(symbol, clientId);
    if (open.isPresent()) {
      return open;
    }
    // filled or cancelled orders are no longer "open": look in the recent history
    for (Order o : orderHistory(symbol, 200)) {
      if (o.clientId() == clientId) {
        return Optional.of(o);
      }
    }
    return Optional.empty();
  }

  @Override
  public Optional<Order> orderById(String symbol, String orderId) {
    try {
      return Optional.of(Adapters.order(rest.signedJson(Endpoint.ORDER_QUERY,
          Map.of("symbol", symbol, "orderId", orderId))));
    } catch (NotFoundException notOpen) {
      JsonNode arr = rest.signedJson(Endpoint.ORDER_HISTORY, Map.of("symbol", symbol, "orderId", orderId));
      for (JsonNode n : array(arr, "order history")) {
        if (orderId.equals(J.strOrNull(n, "id"))) {
          return Optional.of(Adapters.order(n));
        }
      }
      return Optional.empty();
    }
  }

  @Override
  public List<Order> openOrders(String symbol) {
    Map<String, Object> q = new LinkedHashMap<>();
    if (symbol != null) {
      q.put("symbol", symbol);
    }
    List<Order> out = new ArrayList<>();
    for (JsonNode n : array(rest.signedJson(Endpoint.OPEN_ORDERS, q), "open orders")) {
      out.add(Adapters.order(n));
    }
    return out;
  }

  /**
   * Order history, newest first, paging as needed.
   *
   * @param symbol a market, or {@code null} for all
   * @param max the most orders returned
   * @return the orders
   */
  public List<Order> orderHistory(String symbol, int max) {
    List<Order> out = new ArrayList<>();
    for (int offset = 0; out.size() < max; offset += PAGE) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (symbol != null) {
        q.put("symbol", symbol);
      }
      int want = Math.min(PAGE, max - out.size());
      q.put("limit", Integer.toString(want));
      q.put("offset", Integer.toString(offset));
      q.put("sortDirection", "Desc");
      int n = 0;
      for (JsonNode o : array(rest.signedJson(Endpoint.ORDER_HISTORY, q), "order history")) {
        n++;
        out.add(Adapters.order(o));
      }
      if (n < want) {
        break;
      }
    }
    return out;
  }

  @Override
  public Order cancelOrder(String symbol, String orderId) {
    HttpResult r = rest.signed(Endpoint.ORDER_CANCEL, Map.of("symbol", symbol, "orderId", orderId));
    if (r.code() == 202 || r.body().isBlank()) {
      // "accepted but not yet executed": report what the venue shows now
      return orderById(symbol, orderId).orElseThrow(() -> new NotFoundException(J.VENUE, null,
          "backpack: cancel of " + orderId + " accepted but the order is not found", null));
    }
    return Adapters.order(rest.http().parse(r));
  }

  /**
   * Cancels a resting order by its client id.
   *
   * @param symbol the market
   * @param clientId the order's client id
   * @return the order after cancellation
   */
  public Order cancelOrderByClientId(String symbol, long clientId) {
    HttpResult r = rest.signed(Endpoint.ORDER_CANCEL, Map.of("symbol", symbol, "clientId", clientId));
    if (r.code() == 202 || r.body().isBlank()) {
      return orderByClientId(symbol, clientId).orElseThrow(() -> new NotFoundException(J.VENUE, null,
          "backpack: cancel of clientId " + clientId + " accepted but the order is not found", null));
    }
    return Adapters.order(rest.http().parse(r));
  }

  @Override
  public List<Order> cancelAllOrders(String symbol) {
    HttpResult r = rest.signed(Endpoint.ORDER_CANCEL_ALL, Map.of("symbol", Objects.requireNonNull(symbol, "symbol")));
    if (r.body().isBlank()) {
      return List.of();
    }
    List<Order> out = new ArrayList<>();
    for (JsonNode n : array(rest.http().parse(r), "cancelled orders")) {
      out.add(Adapters.order(n));
    }
    return out;
  }

  @Override
  public List<Fill> fills(String symbol, Instant since) {
    List<Fill> out = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      Map<String, Object> q = new LinkedHashMap<>();
      if (symbol != null) {
        q.put("symbol", symbol);
      }
      q.put("from", Long.toString(since.toEpochMilli()));
      q.put("limit", Integer.toString(PAGE));
      q.put("offset", Integer.toString(offset));
      q.put("sortDirection", "Asc");
      int n = 0;
      for (JsonNode f : array(rest.signedJson(Endpoint.FILL_HISTORY, q), "fills")) {
        n++;
        Fill fill = Adapters.fill(f);
        if (!fill.time().isBefore(since)) {
          out.add(fill);
        }
      }
      if (n < PAGE) {
        break;
      }
    }
    out.sort((a, b) -> a.time().compareTo(b.time()));
    return out;
  }

  // ---- streams ------------------------------------------------------------------------------

  @Override
  public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
    Objects.requireNonNull(listener, "listener");
    List<String> streams = new ArrayList<>();
    String ticker = "ticker." + symbol;
    streams.add(ticker);
    String kline = barInterval == null ? null : "kline." + interval(barInterval) + "." + symbol;
    if (kline != null) {
      streams.add(kline);
    }
    return ws.subscribe(streams, new StreamHandler() {
      @Override
      public void onData(String stream, JsonNode data) {
        try {
          if (stream.equals(ticker)) {
            listener.onTicker(Adapters.wsTicker(data));
          } else if (stream.equals(kline)) {
            Bar bar = Adapters.wsClosedBar(data);
            if (bar != null) {
              listener.onBar(symbol, bar);
            }
          }
        } catch (ExchangeException e) {
          listener.onStreamError(e);
        }
      }

      @Override
      public void onResync() {
        listener.onReconnected();
      }

      @Override
      public void onError(Throwable error) {
        listener.onStreamError(error);
      }
    });
  }

  /**
   * Streams a market's public events as typed records: trades ({@code onTrade}, aggressor side
   * from {@code isBuyerMaker}), best bid/ask ({@code onTicker}, last price = the last trade
   * when {@link MarketStream#TRADE} is subscribed too, else the mid), mark price and funding
   * ({@code onMarkPrice}), open interest ({@code onOpenInterest}) and forced orders ({@code
   * onLiquidation}). Subscribed, restored after a reconnect (then {@code onReconnected}) and
   * dispatched off the reader thread like {@link #streamMarket}. An event that is malformed or
   * implausible (a price of 0, a negative open interest, a time before 2010) reaches {@code
   * onStreamError} as a {@link dev.nanpin.DataException} naming the field, never a callback.
   *
   * @param symbol the market, e.g. {@code SOL_USDC_PERP}
   * @param streams which streams, at least one
   * @param listener the receiver
   * @return the subscription
   */
  public Subscription streamMarketData(String symbol, java.util.Set<MarketStream> streams, ExchangeListener listener) {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(listener, "listener");
    if (streams.isEmpty()) {
      throw new IllegalArgumentException("no streams to subscribe");
    }
    List<String> names = streams.stream().sorted().map(s -> s.streamName(symbol)).toList();
    return ws.subscribe(names, new MarketEventRouter(symbol, listener));
  }

  /**
   * Streams the account's orders, fills and positions. After every reconnect (or a listener
   * queue overflow) the open orders and positions are re-read by REST and delivered through
   * {@code onOrder}/{@code onPosition}, then {@code onReconnected} is called.
   */
  @Override
  public Subscription streamAccount(ExchangeListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (config.hasCredentials()) {
      rest.ensureClockSynced(); // the subscription is signed with the venue's time
    }
    return ws.subscribe(List.of("account.orderUpdate", "account.positionUpdate"), new StreamHandler() {
      @Override
      public void onData(String stream, JsonNode data) {
        try {
          if (stream.startsWith("account.orderUpdate")) {
            listener.onOrder(Adapters.wsOrder(data));
            if ("orderFill".equals(J.strOrNull(data, "e"))) {
              listener.onFill(Adapters.wsFill(data));
            }
          } else if (stream.startsWith("account.positionUpdate")) {
            listener.onPosition(Adapters.wsPosition(data));
          }
        } catch (ExchangeException e) {
          listener.onStreamError(e);
        }
      }

      @Override
      public void onResync() {
        try {
          for (Order o : openOrders(null)) {
            listener.onOrder(o);
          }
          for (Position p : positions()) {
            listener.onPosition(p);
          }
        } catch (RuntimeException e) {
          listener.onStreamError(e);
        }
        listener.onReconnected();
      }

      @Override
      public void onError(Throwable error) {
        listener.onStreamError(error);
      }
    });
  }

  /**
   * Keeps a local order book from the {@code depth} stream, synced to a REST snapshot by update
   * ids; re-synced from a fresh snapshot after any gap or reconnect. The listener gets the top
   * {@code levels} of each side after every applied delta, on the subscription's dispatch
   * thread. Snapshots are fetched on that thread too, never on the connection's reader.
   *
   * @param symbol the market
   * @param levels the levels per side handed to the listener, {@code >= 1}
   * @param listener receives each updated book
   * @return the subscription
   */
  public Subscription streamOrderBook(String symbol, int levels, java.util.function.Consumer<OrderBook> listener) {
    Objects.requireNonNull(listener, "listener");
    if (levels < 1) {
      throw new IllegalArgumentException("levels must be >= 1: " + levels);
    }
    DepthBook book = new DepthBook(symbol, 10_000);
    return ws.subscribe(List.of("depth." + symbol), new StreamHandler() {
      private int sinceSnapshot;

      @Override
      public void onData(String stream, JsonNode data) {
        DepthBook.Result r = book.onDelta(data);
        if (r == DepthBook.Result.APPLIED) {
          publish();
          return;
        }
        if (r == DepthBook.Result.GAP) {
          log.warn("backpack: depth gap on {}; re-syncing from a snapshot", symbol);
          sinceSnapshot = SNAPSHOT_AFTER_DELTAS;
          return;
        }
        // buffered: the venue's snapshot lags the stream, so wait for a few deltas first
        if (r == DepthBook.Result.BUFFERED && ++sinceSnapshot >= SNAPSHOT_AFTER_DELTAS) {
          sinceSnapshot = 0;
          JsonNode snap = rest.get(Endpoint.DEPTH, Map.of("symbol", symbol, "limit", "1000"));
          if (book.onSnapshot(snap)) {
            publish();
          }
        }
      }

      private void publish() {
        try {
          listener.accept(book.snapshot(levels));
        } catch (IllegalArgumentException crossed) {
          log.warn("backpack: local book of {} is inconsistent ({}); re-syncing", symbol, crossed.getMessage());
          book.reset();
          sinceSnapshot = 0;
        }
      }

      @Override
      public void onResync() {
        book.reset();
        sinceSnapshot = 0;
      }

      @Override
      public void onError(Throwable error) {
        log.debug("backpack: depth stream of {}: {}", symbol, error.getMessage());
      }
    });
  }

  /**
   * Subscribes any streams by name ({@code ticker.SOL_USDC}, {@code depth.200ms.BTC_USDC_PERP},
   * {@code markPrice.SOL_USDC_PERP}, {@code liquidation}, {@code account.orderUpdate}, ...) and
   * hands their raw payloads over.
   *
   * @param streams the stream names
   * @param listener the receiver
   * @return the subscription
   */
  public Subscription streamRaw(List<String> streams, RawStreamListener listener) {
    Objects.requireNonNull(listener, "listener");
    if (config.hasCredentials() && streams.stream().anyMatch(BackpackWs::isPrivate)) {
      rest.ensureClockSynced();
    }
    return ws.subscribe(streams, new StreamHandler() {
      @Override
      public void onData(String stream, JsonNode data) {
        listener.onMessage(stream, data.toString());
      }

      @Override
      public void onResync() {
        listener.onReconnected();
      }

      @Override
      public void onError(Throwable error) {
        listener.onError(error);
      }
    });
  }

  /** @return the WebSocket counters */
  public StreamStats streamStats() {
    return ws.stats();
  }

  @Override
  public void close() {
    ws.close();
  }

  @Override
  public String toString() {
    return "BackpackExchange[" + config + "]";
  }

  private static Iterable<JsonNode> array(JsonNode n, String what) {
    if (n == null || !n.isArray()) {
      throw J.malformed(what + " is not a JSON array: " + J.abbreviate(n));
    }
    return n;
  }

  private static Map<Duration, String> intervals() {
    Map<Duration, String> m = new LinkedHashMap<>();
    m.put(Duration.ofMinutes(1), "1m");
    m.put(Duration.ofMinutes(3), "3m");
    m.put(Duration.ofMinutes(5), "5m");
    m.put(Duration.ofMinutes(15), "15m");
    m.put(Duration.ofMinutes(30), "30m");
    m.put(Duration.ofHours(1), "1h");
    m.put(Duration.ofHours(2), "2h");
    m.put(Duration.ofHours(4), "4h");
    m.put(Duration.ofHours(6), "6h");
    m.put(Duration.ofHours(8), "8h");
    m.put(Duration.ofHours(12), "12h");
    m.put(Duration.ofDays(1), "1d");
    m.put(Duration.ofDays(3), "3d");
    m.put(Duration.ofDays(7), "1w");
    // Calendar months: 31 days is the longest, so a running month is never taken as closed.
    m.put(MONTH, "1month");
    return Collections.unmodifiableMap(m);
  }
}
