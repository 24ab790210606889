package dev.nanpin.testkit;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.Position;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An in-memory {@link Exchange} for tests: a fixed set of instruments with scripted tickers,
 * books and bars; orders rest until a test fills or cancels them with {@link #fill}. Events go
 * to the account listeners synchronously. Thread-safe through one lock.
 */
public final class FakeExchange implements Exchange {
  private final Clock clock;
  private final Map<String, Instrument> instruments = new LinkedHashMap<>();
  private final Map<String, Ticker> tickers = new LinkedHashMap<>();
  private final Map<String, List<Bar>> bars = new LinkedHashMap<>();
  private final Map<String, Order> orders = new LinkedHashMap<>();
  private final List<Fill> fills = new ArrayList<>();
  private final List<ExchangeListener> accountListeners = new CopyOnWriteArrayList<>();
  private long nextOrderId = 1;
  private long nextFillId = 1;
  private boolean closed;

  /**
   * Creates an empty fake.
   *
   * @param clock the time of orders and fills
   */
  public FakeExchange(Clock clock) {
    this.clock = clock;
  }

  /**
   * A fake with one spot market {@code BTC_USDC} at 100,000, 24 hourly bars up to
   * 2025-01-02T00:00Z, and a fixed clock at that instant.
   *
   * @return the fake
   */
  public static FakeExchange withBtc() {
    Instant end = Instant.parse("2025-01-02T00:00:00Z");
    FakeExchange fake = new FakeExchange(Clock.fixed(end, java.time.ZoneOffset.UTC));
    Instrument btc = new Instrument("BTC_USDC", "BTC", "USDC", dev.nanpin.InstrumentKind.SPOT,
        new BigDecimal("0.1"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
    List<Bar> hourly = new ArrayList<>();
    for (int i = 24; i > 0; i--) {
      double p = 100_000 - i * 10;
      hourly.add(Bar.of(end.minus(Duration.ofHours(i)), p, p + 50, p - 50, p + 10, 3));
    }
    fake.list(btc, new Ticker("BTC_USDC", new BigDecimal("100000"), new BigDecimal("99999.9"),
        new BigDecimal("100000.1"), end), hourly);
    return fake;
  }

  /**
   * Lists a market.
   *
   * @param instrument the instrument
   * @param ticker its ticker
   * @param history its bars, oldest first
   */
  public synchronized void list(Instrument instrument, Ticker ticker, List<Bar> history) {
    instruments.put(instrument.symbol(), instrument);
    tickers.put(instrument.symbol(), ticker);
    bars.put(instrument.symbol(), List.copyOf(history));
  }

  /**
   * Fills (part of) a resting order and tells the account listeners.
   *
   * @param orderId the venue id
   * @param quantity the base quantity to fill
   * @param price the execution price
   * @return the fill
   */
  public Fill fill(String orderId, BigDecimal quantity, BigDecimal price) {
    Fill fill;
    Order updated;
    synchronized (this) {
      Order o = orders.get(orderId);
      if (o == null || o.status().isTerminal()) {
        throw new IllegalStateException("order " + orderId + " is not open");
      }
      BigDecimal filled = o.filledQuantity().add(quantity);
      OrderStatus status = o.quantity() != null && filled.compareTo(o.quantity()) >= 0
          ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED;
      updated = new Order(o.orderId(), o.clientId(), o.symbol(), o.side(), o.type(), status, o.quantity(),
          filled, o.limitPrice(), o.reduceOnly(), o.createdAt());
      orders.put(orderId, updated);
      fill = new Fill("F" + nextFillId++, orderId, o.clientId(), o.symbol(), o.side(), price, quantity,
          BigDecimal.ZERO, instruments.get(o.symbol()).quote(), true, clock.instant());
      fills.add(fill);
    }
    for (ExchangeListener l : accountListeners) {
      l.onFill(fill);
      l.onOrder(updated);
    }
    return fill;
  }

  @Override
  public String id() {
    return "fake";
  }

  @Override
  public synchronized List<Instrument> instruments() {
    return List.copyOf(instruments.values());
  }

  @Override
  public synchronized Instrument instrument(String symbol) {
    Instrument i = instruments.get(symbol);
    if (i == null) {
      throw new NotFoundException(id(), "MARKET_NOT_FOUND", "no market " + symbol, null);
    }
    return i;
  }

  @Override
  public synchronized Ticker ticker(String symbol) {
    instrument(symbol);
    return tickers.get(symbol);
  }

  @Override
  public synchronized OrderBook orderBook(String symbol, int depth) {
    Ticker t = ticker(symbol);
    return new OrderBook(symbol, List.of(new OrderBook.Level(t.bid(), BigDecimal.ONE)),
        List.of(new OrderBook.Level(t.ask(), BigDecimal.ONE)), 1, t.time());
  }

  @Override
  public synchronized List<Bar> bars(String symbol, Duration interval, Instant from, Instant to) {
    instrument(symbol);
    return bars.get(symbol).stream().filter(b -> !b.time().isBefore(from) && b.time().isBefore(to)).toList();
  }

  @Override
  public synchronized AccountState account() {
    return new AccountState(new BigDecimal("10000"), new BigDecimal("10000"), new BigDecimal("10000"),
        BigDecimal.ZERO, clock.instant());
  }

  @Override
  public List<Balance> balances() {
    return List.of(new Balance("USDC", new BigDecimal("10000"), BigDecimal.ZERO));
  }

  @Override
  public List<Position> positions() {
    return List.of();
  }

  @Override
  public synchronized Order placeOrder(OrderRequest request) {
    Instrument instrument = instruments.get(request.symbol());
    if (instrument == null) {
      throw new OrderRejectedException(id(), "MARKET_NOT_FOUND", "no market " + request.symbol(), null);
    }
    request.checkAgainst(instrument);
    for (Order o : orders.values()) {
      if (o.clientId() == request.clientId()) {
        return o; // the venue answers a repeated client id with the existing order
      }
    }
    Order order = new Order(Long.toString(nextOrderId++), request.clientId(), request.symbol(), request.side(),
        request.type(), OrderStatus.NEW, request.quantity(), BigDecimal.ZERO, request.limitPrice(),
        request.reduceOnly(), clock.instant());
    orders.put(order.orderId(), order);
    return order;
  }

  @Override
  public synchronized Optional<Order> orderByClientId(String symbol, long clientId) {
    return orders.values().stream().filter(o -> o.symbol().equals(symbol) && o.clientId() == clientId).findFirst();
  }

  @Override
  public synchronized Optional<Order> orderById(String symbol, String orderId) {
    return Optional.ofNullable(orders.get(orderId)).filter(o -> o.symbol().equals(symbol));
  }

  @Override
  public synchronized List<Order> openOrders(String symbol) {
    return orders.values().stream()
        .filter(o -> !o.status().isTerminal() && (symbol == null || o.symbol().equals(symbol))).toList();
  }

  @Override
  public synchronized Order cancelOrder(String symbol, String orderId) {
    Order o = orders.get(orderId);
    if (o == null || o.status().isTerminal() || !o.symbol().equals(symbol)) {
      throw new NotFoundException(id(), "ORDER_NOT_FOUND", "no open order " + orderId, null);
    }
    Order cancelled = new Order(o.orderId(), o.clientId(), o.symbol(), o.side(), o.type(), OrderStatus.CANCELLED,
        o.quantity(), o.filledQuantity(), o.limitPrice(), o.reduceOnly(), o.createdAt());
    orders.put(orderId, cancelled);
    return cancelled;
  }

  @Override
  public List<Order> cancelAllOrders(String symbol) {
    List<Order> cancelled = new ArrayList<>();
    for (Order o : openOrders(symbol)) {
      cancelled.add(cancelOrder(o.symbol(), o.orderId()));
    }
    return cancelled;
  }

  @Override
  public synchronized List<Fill> fills(String symbol, Instant since) {
    return fills.stream()
        .filter(f -> (symbol == null || f.symbol().equals(symbol)) && !f.time().isBefore(since)).toList();
  }

  @Override
  public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
    instrument(symbol);
    return () -> {};
  }

  @Override
  public Subscription streamAccount(ExchangeListener listener) {
    accountListeners.add(listener);
    return () -> accountListeners.remove(listener);
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** @return whether {@link #close()} was called */
  public synchronized boolean isClosed() {
    return closed;
  }
}
