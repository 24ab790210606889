package dev.nanpin.benchmarks;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.Position;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The in-process venue of {@link LiveTickBenchmark}: one spot market, a large quote balance, no
 * history; it keeps the engine's market and account listeners so that the benchmark can hand
 * the engine a market event as a stream would, and it fills every order at once at its last
 * price, answering the order as filled and publishing the fill on the account stream (from the
 * engine thread, inside {@code placeOrder}, as an in-process venue would). The instant the engine
 * hands it an order ({@link System#nanoTime()} on entry to {@link #placeOrder}) is the end of a
 * tick-to-order measurement.
 *
 * <p>Orders and fills are not kept: a lookup by client id finds nothing and the fill history is
 * empty, so the benchmark's engine reconciles only at start.
 */
final class LatencyVenue implements Exchange {
  static final String SYMBOL = "BTC_USDC";
  private static final BigDecimal PRICE = new BigDecimal("100000");

  private final Instrument instrument = new Instrument(SYMBOL, "BTC", "USDC", InstrumentKind.SPOT,
      new BigDecimal("0.1"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
  private final Instant t0 = Instant.parse("2025-01-02T00:00:00Z");
  volatile ExchangeListener market;
  volatile ExchangeListener account;
  /** System.nanoTime() when the last order was handed over. */
  volatile long placedNanos;
  /** Orders handed over so far. */
  volatile long placed;
  /** The engine thread's CPU time when the last order was handed over (when measured). */
  volatile long placedCpuNanos;
  boolean cpu;

  @Override
  public Order placeOrder(OrderRequest request) {
    long now = System.nanoTime();
    if (cpu) {
      placedCpuNanos = LiveTickBenchmark.THREADS.getCurrentThreadCpuTime();
    }
    placedNanos = now;
    long n = placed + 1; // only the engine thread places orders
    placed = n;
    String id = Long.toString(n);
    BigDecimal qty = request.quantity();
    Order answer = new Order(id, request.clientId(), request.symbol(), request.side(), request.type(),
        OrderStatus.FILLED, qty, qty, request.limitPrice(), request.reduceOnly(), t0);
    ExchangeListener a = account;
    if (a != null) {
      a.onFill(new Fill("f" + id, id, request.clientId(), request.symbol(), request.side(), PRICE, qty,
          BigDecimal.ZERO, "USDC", false, t0));
    }
    return answer;
  }

  @Override
  public String id() {
    return "latency";
  }

  @Override
  public List<Instrument> instruments() {
    return List.of(instrument);
  }

  @Override
  public Instrument instrument(String symbol) {
    return instrument;
  }

  @Override
  public Ticker ticker(String symbol) {
    return new Ticker(SYMBOL, PRICE, null, null, t0);
  }

  @Override
  public OrderBook orderBook(String symbol, int depth) {
    throw new UnsupportedOperationException("no book");
  }

  @Override
  public List<Bar> bars(String symbol, Duration interval, Instant from, Instant to) {
    return List.of();
  }

  @Override
  public AccountState account() {
    BigDecimal cash = new BigDecimal("1000000000");
    return new AccountState(cash, cash, cash, BigDecimal.ZERO, t0);
  }

  @Override
  public List<Balance> balances() {
    return List.of(new Balance("USDC", new BigDecimal("1000000000"), BigDecimal.ZERO));
  }

  @Override
  public List<Position> positions() {
    return List.of();
  }

  @Override
  public Optional<Order> orderByClientId(String symbol, long clientId) {
    return Optional.empty();
  }

  @Override
  public Optional<Order> orderById(String symbol, String orderId) {
    return Optional.empty();
  }

  @Override
  public List<Order> openOrders(String symbol) {
    return List.of();
  }

  @Override
  public Order cancelOrder(String symbol, String orderId) {
    throw new UnsupportedOperationException("nothing rests");
  }

  @Override
  public List<Order> cancelAllOrders(String symbol) {
    return List.of();
  }

  @Override
  public List<Fill> fills(String symbol, Instant since) {
    return List.of();
  }

  @Override
  public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
    market = listener;
    return () -> market = null;
  }

  @Override
  public Subscription streamAccount(ExchangeListener listener) {
    account = listener;
    return () -> account = null;
  }

  @Override
  public void close() {}
}
