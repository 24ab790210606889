package dev.nanpin.live;

import dev.nanpin.BarColumns;
import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeException;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Order;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderRequest;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Stateful;
import dev.nanpin.Strategy;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.spi.BarCloseSignals;
import dev.nanpin.spi.MutableExecution;
import dev.nanpin.store.StateKind;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoredOrder;
import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live engine's state on its one thread and the ledger kept from the fills: the strategy's
 * and sizer's durable state, the exact position and the kernel's {@link AccountBook}, the venue's
 * account figures, and the rule that a strategy callback runs in one store transaction whose
 * orders are sent only after it commits. The concerns built on it ({@link OrderPath}, {@link
 * FillApplier}, {@link Reconciler}, {@link StatusWriter}) and {@link LiveEngine} itself run only
 * on the engine thread; see {@link LiveEngine} for the contracts.
 */
abstract class EngineCore {
  static final Logger log = LoggerFactory.getLogger(LiveEngine.class);

  final EngineConfig cfg;
  final Exchange exchange;
  final Strategy strategy;
  final Sizer sizer;
  final RiskGuard guard;
  final StateStore store;
  final Clock clock;
  final Notifier notifier;
  final java.util.concurrent.ConcurrentLinkedQueue<Fill> arrivedFills =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  final java.util.concurrent.atomic.AtomicBoolean drainScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  final BarColumns bars = new BarColumns();
  final StrategyView ctx = new StrategyView(this);
  final MutableExecution exec = new MutableExecution();
  final Map<Class<?>, Signal> signals = new HashMap<>();
  /** Recorded and computed signal feeds, read at every bar close; set before start. */
  volatile BarCloseSignals barCloseSignals = BarCloseSignals.of(List.of());
  /** Requests recorded "sending" by the current callbacks, sent once their transaction commits. */
  final ArrayDeque<OrderRequest> toSend = new ArrayDeque<>();
  Instrument instrument;
  double price = Double.NaN;
  AccountState account;
  double quoteAvailable;
  BigDecimal position = BigDecimal.ZERO; // exact, from the fills
  double posQty; // position as a double, for the strategy's maths
  /** The kernel's position book: average entry, entry count, realised P&amp;L (the cash is the venue's). */
  final AccountBook book = new AccountBook();
  double tradeRealized;
  double tradeFees;
  double tradeCost;
  double venuePosQty = Double.NaN;
  long fillsApplied;
  int txDepth;
  boolean sending;
  boolean stopping;
  Map<String, String> savedStrategyState = Map.of();
  Map<String, String> savedSizerState = Map.of();
  Instant lastReconcile = Instant.MIN;
  Instant startedAt = Instant.MIN;
  final Map<Long, Instant> sendAttempts = new HashMap<>();
  volatile long lastEventMillis = -1;
  volatile boolean streamHealthy = true;
  volatile int reconnects;
  volatile String state = "new";
  volatile EngineObserver observer = EngineObserver.NONE;
  /** Arrival (monotonic) of the market event being handled, -1 outside one: for tick-to-order latency. */
  long marketEventNanos = -1;
  volatile Throwable failure;
  volatile boolean closeRequested;
  /** Set by the operator: new orders are refused while it holds. */
  volatile boolean paused;

  EngineCore(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier) {
    this.cfg = Objects.requireNonNull(config, "config");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.sizer = sizer;
    this.guard = Objects.requireNonNull(guard, "guard");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
  }

  /** The bot's portfolio when this engine is one ladder of several, else {@code null}. */
  Portfolio portfolio;

  /** The store owner of one kind of this engine's state ({@link LiveEngine#owner}). */
  String owner(String base) {
    return LiveEngine.owner(base, portfolio == null ? null : cfg.symbol());
  }

  /** Sizes, checks and records an intent; see {@link OrderPath}. */
  abstract int submit(OrderIntent intent);

  /** Sends the orders the last callbacks recorded; see {@link OrderPath}. */
  abstract void sendPending();

  // ---- strategy callbacks in a transaction ------------------------------------------------

  /**
   * Runs a strategy callback in one store transaction with the state it changes; sends the
   * orders it submitted once the outermost transaction has committed.
   */
  void inStrategyTx(Runnable body) {
    boolean outer = txDepth == 0;
    txDepth++;
    try {
      store.runInTransaction(s -> {
        body.run();
        saveStates();
      });
    } catch (RuntimeException e) {
      if (outer) {
        toSend.clear(); // their "sending" records were rolled back with the callback
      }
      throw e;
    } finally {
      txDepth--;
    }
    if (outer) {
      sendPending();
    }
  }

  void saveStates() {
    if (strategy instanceof Stateful st) {
      Map<String, String> now = st.saveState();
      if (!now.equals(savedStrategyState)) {
        store.saveState(StateKind.STRATEGY, owner(LiveEngine.STRATEGY_OWNER), now);
        savedStrategyState = Map.copyOf(now);
      }
    }
    if (sizer instanceof Stateful st) {
      Map<String, String> now = st.saveState();
      if (!now.equals(savedSizerState)) {
        store.saveState(StateKind.SIZER, owner(LiveEngine.SIZER_OWNER), now);
        savedSizerState = Map.copyOf(now);
      }
    }
  }

  void restore() {
    // the book margins a perp as the order path sizes it, at the strategy's leverage ceiling (its
    // cash stays unused: the money is the venue's)
    book.reset(instrument.kind() != InstrumentKind.SPOT, Math.max(1, strategy.leverageCeiling()), 0);
    if (strategy instanceof Stateful st && store.restore(StateKind.STRATEGY, owner(LiveEngine.STRATEGY_OWNER), st)) {
      savedStrategyState = Map.copyOf(st.saveState());
      log.info("Restored the strategy's state from {}", store.jdbcUrl());
    }
    if (sizer instanceof Stateful st && store.restore(StateKind.SIZER, owner(LiveEngine.SIZER_OWNER), st)) {
      savedSizerState = Map.copyOf(st.saveState());
    }
    Map<String, String> ledger = store.loadState(StateKind.STRATEGY, owner(LiveEngine.LEDGER_OWNER));
    if (!ledger.isEmpty()) {
      setPosition(new BigDecimal(ledger.get("posQty")));
      book.restorePosition(posQty, Double.parseDouble(ledger.get("avgEntry")),
          Integer.parseInt(ledger.get("entryCount")));
      tradeRealized = Double.parseDouble(ledger.get("tradeRealized"));
      tradeFees = Double.parseDouble(ledger.get("tradeFees"));
      tradeCost = Double.parseDouble(ledger.get("tradeCost"));
    }
    fillsApplied = portfolio == null ? store.fillCount()
        : store.fillsSince(Instant.EPOCH).stream().filter(f -> f.symbol().equals(cfg.symbol())).count();
  }

  void saveLedger() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("posQty", position.toPlainString());
    m.put("avgEntry", Double.toString(book.averageEntry()));
    m.put("entryCount", Integer.toString(book.entries()));
    m.put("tradeRealized", Double.toString(tradeRealized));
    m.put("tradeFees", Double.toString(tradeFees));
    m.put("tradeCost", Double.toString(tradeCost));
    store.saveState(StateKind.STRATEGY, owner(LiveEngine.LEDGER_OWNER), m);
  }

  /**
   * The price a resting market order is valued at: the last price; before the first one (a
   * restart before the next bar, no warm-up bars) the average entry, or 0 when flat, so that a
   * figure is never NaN. A flat ladder's market order thus counts for nothing until the first
   * price, at most one bar.
   */
  double markOrEntry() {
    if (price > 0) {
      return price;
    }
    double entry = book.averageEntry();
    return entry > 0 ? entry : 0;
  }

  /** The notional of our resting orders that would add to the position if they filled. */
  double restingNotional() {
    return resting(false);
  }

  /**
   * What our resting orders that would add to the position reserve, by the kernel's rule ({@link
   * OrderSizing#requiredQuote}: notional plus fee on spot, initial margin plus fee on perps), as
   * the backtester counts it for the strategy's account view.
   */
  double reservedQuote() {
    return resting(true);
  }

  private double resting(boolean reservation) {
    double resting = 0;
    for (StoredOrder so : store.openOrders()) {
      if (!so.symbol().equals(cfg.symbol())) {
        continue;
      }
      boolean adds = (so.side() == Side.BUY) == (posQty >= 0);
      if (adds && so.quantity() != null) {
        boolean limit = so.limitPrice() != null;
        double n = so.quantity().subtract(so.filledQuantity()).doubleValue() * (limit ? so.limitPrice().doubleValue() : markOrEntry());
        resting += reservation ? OrderSizing.requiredQuote(n, limit ? cfg.makerFeeRate() : cfg.takerFeeRate(),
            book.perpetual(), book.leverage()) : n;
      }
    }
    return Math.max(0, resting);
  }

  static BigDecimal bd(double v) {
    return new BigDecimal(v, MathContext.DECIMAL64);
  }

  static Order withClientId(Order o, long clientId) {
    if (o.clientId() == clientId) {
      return o;
    }
    return new Order(o.orderId(), clientId, o.symbol(), o.side(), o.type(), o.status(), o.quantity(),
        o.filledQuantity(), o.limitPrice(), o.reduceOnly(), o.createdAt());
  }

  /** Applies a fill to the kernel's book; returns whether the fill closed the position (a round trip ended). */
  boolean applyToLedger(Fill f) {
    double q = f.quantity().doubleValue();
    double p = f.price().doubleValue();
    double fee = f.fee().doubleValue();
    BigDecimal signed = f.side() == Side.BUY ? f.quantity() : f.quantity().negate();
    int sign = signed.signum();
    boolean adds = posQty == 0 || (posQty > 0) == (sign > 0);
    tradeFees += fee;
    if (adds) {
      tradeCost += q * p;
    }
    tradeRealized += book.applyFill(sign, q, p, q * p, fee);
    boolean closed = book.lastFillClosed();
    setPosition(position.add(signed));
    return closed;
  }

  void setPosition(BigDecimal exact) {
    position = exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
    posQty = position.doubleValue();
    // the exact quantity is the venue's; the book keeps its entry and count
    book.restorePosition(posQty, book.averageEntry(), book.entries());
  }

  double unrealized() {
    return Double.isNaN(price) ? 0 : book.unrealisedPnl(price);
  }

  /**
   * Reads the venue's account and free quote again.
   *
   * @return whether both were read (a failure is logged and the last figures stay)
   */
  boolean refreshAccount() {
    try {
      account = exchange.account();
      String quote = instrument.quote();
      quoteAvailable = 0;
      for (Balance b : exchange.balances()) {
        if (b.asset().equals(quote)) {
          quoteAvailable = b.available().doubleValue();
        }
      }
      return true;
    } catch (ExchangeException e) {
      log.warn("Account refresh failed: {}", e.getMessage());
      return false;
    }
  }

  static Instant latest(Instant a, Instant b, Instant c) {
    Instant m = a.isAfter(b) ? a : b;
    return m.isAfter(c) ? m : c;
  }

  static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

}
