package dev.nanpin.live;

import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRequest;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.testkit.FakeExchange;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A {@link FakeExchange} with scripted faults: a dropped account stream, an order call that
 * times out after the venue accepted it, repeated fill events, and an account derived from the
 * fills so that the engine's position checks have a venue view.
 */
final class ScriptedExchange implements Exchange {
  final FakeExchange fake;
  final List<ExchangeListener> market = new CopyOnWriteArrayList<>();
  /** The symbol each market listener subscribed to. */
  private final java.util.Map<ExchangeListener, String> streamed = new java.util.concurrent.ConcurrentHashMap<>();
  final List<ExchangeListener> account = new CopyOnWriteArrayList<>();
  final List<OrderRequest> placed = new CopyOnWriteArrayList<>();
  volatile boolean streamDown;
  volatile boolean timeoutAfterAccept;
  /** placeOrder takes the order, then throws OrderOutcomeUnknownException. */
  volatile boolean outcomeUnknownAfterAccept;
  /** Order lookups (by client id, open orders) fail as if the venue were unreachable. */
  volatile boolean lookupsFail;
  volatile boolean failFills;
  volatile BigDecimal baseOverride;
  /** What {@link #positions()} answers (a perp's position with its liquidation price). */
  volatile List<Position> positions = List.of();
  /** What {@link #circuitState()} answers. */
  volatile String circuit = "CLOSED";
  volatile Consumer<OrderRequest> beforePlace = r -> {};
  /**
   * The free quote {@link #balances()} reports: ample by default, so that the engine's
   * affordability check ({@code AccountBook.restRefusal}) passes the orders these tests place;
   * this venue models no locks.
   */
  volatile BigDecimal quoteFree = new BigDecimal("100000000");
  /** Calls of {@link #account()}: each is a REST call on a real venue. */
  final java.util.concurrent.atomic.AtomicInteger accountReads = new java.util.concurrent.atomic.AtomicInteger();

  ScriptedExchange(Clock clock, Instrument instrument, Ticker ticker, List<Bar> history) {
    fake = new FakeExchange(clock);
    fake.list(instrument, ticker, history);
    fake.streamAccount(new ExchangeListener() {
      @Override
      public void onFill(Fill fill) {
        if (!streamDown) {
          account.forEach(l -> l.onFill(fill));
        }
      }

      @Override
      public void onOrder(Order order) {
        if (!streamDown) {
          account.forEach(l -> l.onOrder(order));
        }
      }
    });
  }

  /** Pushes a bar to the market streams of its symbol, as a venue streams each subscription its own. */
  void pushBar(String symbol, Bar bar) {
    market.forEach(l -> {
      if (symbol.equals(streamed.get(l))) {
        l.onBar(symbol, bar);
      }
    });
  }

  void replayFill(Fill fill) {
    account.forEach(l -> l.onFill(fill));
  }

  void reconnect() {
    account.forEach(ExchangeListener::onReconnected);
  }

  private BigDecimal base() {
    if (baseOverride != null) {
      return baseOverride;
    }
    BigDecimal q = BigDecimal.ZERO;
    for (Fill f : fake.fills(null, Instant.EPOCH)) {
      q = f.side() == Side.BUY ? q.add(f.quantity()) : q.subtract(f.quantity());
    }
    return q;
  }

  @Override
  public String id() {
    return "scripted";
  }

  @Override
  public List<Instrument> instruments() {
    return fake.instruments();
  }

  @Override
  public Instrument instrument(String symbol) {
    return fake.instrument(symbol);
  }

  @Override
  public Ticker ticker(String symbol) {
    return fake.ticker(symbol);
  }

  @Override
  public OrderBook orderBook(String symbol, int depth) {
    return fake.orderBook(symbol, depth);
  }

  @Override
  public List<Bar> bars(String symbol, Duration interval, Instant from, Instant to) {
    return fake.bars(symbol, interval, from, to);
  }

  @Override
  public AccountState account() {
    accountReads.incrementAndGet();
    return fake.account();
  }

  @Override
  public List<Balance> balances() {
    List<Balance> out = new ArrayList<>();
    for (Balance q : fake.balances()) {
      out.add(new Balance(q.asset(), quoteFree, q.locked()));
    }
    BigDecimal b = base();
    if (b.signum() > 0) {
      out.add(new Balance("BTC", b, BigDecimal.ZERO));
    }
    return out;
  }

  @Override
  public List<Position> positions() {
    return positions;
  }

  @Override
  public String circuitState() {
    return circuit;
  }

  @Override
  public Order placeOrder(OrderRequest request) {
    beforePlace.accept(request);
    placed.add(request);
    Order o = fake.placeOrder(request);
    if (timeoutAfterAccept) {
      throw new VenueUnavailableException("scripted", "TIMEOUT", "read timed out after sending", null);
    }
    if (outcomeUnknownAfterAccept) {
      throw new dev.nanpin.OrderOutcomeUnknownException("scripted", request, "outcome unknown", null);
    }
    return o;
  }

  @Override
  public Optional<Order> orderByClientId(String symbol, long clientId) {
    lookupFailure();
    return fake.orderByClientId(symbol, clientId);
  }

  @Override
  public Optional<Order> orderById(String symbol, String orderId) {
    return fake.orderById(symbol, orderId);
  }

  @Override
  public List<Order> openOrders(String symbol) {
    lookupFailure();
    return fake.openOrders(symbol);
  }

  @Override
  public Order cancelOrder(String symbol, String orderId) {
    return fake.cancelOrder(symbol, orderId);
  }

  @Override
  public List<Order> cancelAllOrders(String symbol) {
    return fake.cancelAllOrders(symbol);
  }

  @Override
  public List<Fill> fills(String symbol, Instant since) {
    if (failFills) {
      throw new VenueUnavailableException("scripted", "503", "venue unavailable", null);
    }
    return fake.fills(symbol, since);
  }

  @Override
  public Subscription streamMarket(String symbol, Duration barInterval, ExchangeListener listener) {
    streamed.put(listener, symbol);
    market.add(listener);
    return () -> market.remove(listener);
  }

  @Override
  public Subscription streamAccount(ExchangeListener listener) {
    account.add(listener);
    return () -> account.remove(listener);
  }

  @Override
  public void close() {
    fake.close();
  }

  private void lookupFailure() {
    if (lookupsFail) {
      throw new VenueUnavailableException("scripted", null, "lookup failed", null);
    }
  }
}
