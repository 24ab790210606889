package dev.nanpin.live;

import dev.nanpin.AccountState;
import dev.nanpin.AccountView;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.BarColumns;
import dev.nanpin.BarSeries;
import dev.nanpin.ExchangeException;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.Order;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Stateful;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.TimeInForce;
import dev.nanpin.Trade;
import dev.nanpin.spi.BarCloseSignals;
import dev.nanpin.spi.MutableExecution;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.engine.OrderSizing;
import dev.nanpin.engine.RiskCheck;
import dev.nanpin.engine.Rounding;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.OrderUpdate;
import dev.nanpin.store.StateKind;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoredOrder;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@link Strategy} live (or on a paper exchange): market and account streams in, order
 * intents out, every step recorded in a {@link StateStore}.
 *
 * <h2>One event loop</h2>
 * Every event (a bar, a ticker, a fill, an order update, a signal, a reconciliation tick) is a
 * task on one engine thread, so the strategy, the sizer and the engine's ledger see events one at
 * a time, in arrival order, without locks. Stream callbacks only enqueue.
 *
 * <h2>Order path</h2>
 * {@code intent -> size (sizer) -> round to the grid -> RiskGuard -> allocate a clientId
 * (durable) -> record "sending" (durable) -> send -> record the answer}. Every strategy callback
 * runs inside one store transaction together with the strategy's and sizer's state and the
 * "sending" records of the orders it submitted; the orders are sent only after that transaction
 * commits, so an order is never sent before its record is durable. A send whose outcome is
 * unknown (timeout, venue unavailable) is looked up by clientId; if the venue does not know it,
 * the order stays "sending" until the signing window has passed: it is never sent again. An
 * order left "sending" by a killed process is treated the same way after a restart. While any
 * order of the symbol has an unknown outcome, no new order is placed on it ({@link
 * EngineStatus#unresolvedOrders()} says how many); they are looked up by clientId at start, at
 * every bar and on a wall-clock tick, so trading goes on as soon as they are settled.
 *
 * <h2>Fills</h2>
 * A fill (from the stream, or from the venue's fill history during reconciliation) is applied
 * once: it is recorded unique by fill id, and the ledger, the order, the strategy's and sizer's
 * state are saved in the same transaction, then {@link Strategy#onFill} runs inside it. A fill
 * seen again, in this run or after a restart, is skipped.
 *
 * <h2>Reconciliation</h2>
 * At start and then every {@link EngineConfig#reconcileEvery()} (in wall time and in event time):
 * missed fills are applied, venue orders carrying one of our clientIds that the store lacks are
 * adopted, store orders are brought to the venue's state, "sending" orders unknown to the venue
 * after the signing window are failed, the position is corrected to the venue's view, and the
 * account is snapshotted. Every decision is written to the store's audit log; those that changed
 * something are also logged at WARN.
 *
 * <h2>Thread safety</h2>
 * Public methods may be called from any thread; they hand work to the engine thread.
 */
public final class LiveEngine implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(LiveEngine.class);

  /** The store owner of the strategy's state. */
  public static final String STRATEGY_OWNER = "strategy";
  /** The store owner of the sizer's state. */
  public static final String SIZER_OWNER = "sizer";
  /** The store owner of the engine's own ledger (position, entry count, round-trip figures). */
  public static final String LEDGER_OWNER = "engine.ledger";

  private static final int RECONNECT_STORM_COUNT = 3;
  private static final Duration RECONNECT_STORM_WINDOW = Duration.ofMinutes(5);

  private final EngineConfig cfg;
  private final Exchange exchange;
  private final Strategy strategy;
  private final Sizer sizer;
  private final RiskGuard guard;
  private final StateStore store;
  private final Clock clock;
  private final Notifier notifier;
  private final ScheduledThreadPoolExecutor loop;
  private final AtomicInteger pendingEvents = new AtomicInteger();
  private final java.util.concurrent.ConcurrentLinkedQueue<Fill> arrivedFills =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private final java.util.concurrent.atomic.AtomicBoolean drainScheduled =
      new java.util.concurrent.atomic.AtomicBoolean();
  private final BarColumns bars = new BarColumns();
  private final Context ctx = new Context();
  private volatile boolean paused;
  private final java.util.function.Consumer<Signal> deliverSignal = this::deliverSignal;
  private final MutableExecution exec = new MutableExecution();
  private final Map<Class<?>, Signal> signals = new HashMap<>();
  /** Recorded and computed signal feeds, read at every bar close; set before start. */
  private volatile BarCloseSignals barCloseSignals = BarCloseSignals.of(List.of());
  private final ArrayDeque<Long> toSend = new ArrayDeque<>();
  private final ArrayDeque<Long> reconnectTimes = new ArrayDeque<>();
  private final List<Subscription> subscriptions = new ArrayList<>();
  private ScheduledThreadPoolExecutor poller; // guarded by this

  // ---- engine-thread state ----------------------------------------------------------------
  private Instrument instrument;
  private double price = Double.NaN;
  private AccountState account;
  private double quoteAvailable;
  private BigDecimal position = BigDecimal.ZERO; // exact, from the fills
  private double posQty; // position as a double, for the strategy's maths
  /** The kernel's position book: average entry, entry count, realised P&amp;L (the cash is the venue's). */
  private final AccountBook book = new AccountBook();
  private double tradeRealized;
  private double tradeFees;
  private double tradeCost;
  private double venuePosQty = Double.NaN;
  private long fillsApplied;
  private int txDepth;
  private boolean sending;
  private boolean stopping;
  private Map<String, String> savedStrategyState = Map.of();
  private Map<String, String> savedSizerState = Map.of();
  private Instant lastReconcile = Instant.MIN;
  private Instant startedAt = Instant.MIN;
  private final Map<Long, Instant> sendAttempts = new HashMap<>();
  private volatile long lastEventMillis = -1;
  private volatile boolean streamHealthy = true;
  private volatile int reconnects;
  private volatile String state = "new";
  private volatile EngineObserver observer = EngineObserver.NONE;
  /** Arrival (monotonic) of the market event being handled, -1 outside one: for tick-to-order latency. */
  private long marketEventNanos = -1;
  private volatile Throwable failure;
  private volatile boolean closeRequested;

  /**
   * Creates an engine; nothing runs until {@link #start()}.
   *
   * @param config the engine's settings
   * @param exchange the venue (or a paper exchange); the engine does not close it
   * @param strategy the strategy; restored from the store if it is {@link Stateful}
   * @param sizer the sizer chain for {@link Sizing#SIZER} intents, or {@code null} to refuse them
   * @param guard the risk guard every order that adds to the position passes
   * @param store the durable state; the engine does not close it
   * @param clock the engine's clock: the wall clock live, the replay clock on a CSV replay
   * @param notifier where notable events go, {@link Notifier#NONE} for nowhere
   */
  public LiveEngine(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier) {
    this.cfg = Objects.requireNonNull(config, "config");
    this.exchange = Objects.requireNonNull(exchange, "exchange");
    this.strategy = Objects.requireNonNull(strategy, "strategy");
    this.sizer = sizer;
    this.guard = Objects.requireNonNull(guard, "guard");
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.notifier = Objects.requireNonNull(notifier, "notifier");
    this.loop = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "nanpin-engine-" + config.symbol());
      t.setDaemon(false);
      return t;
    });
    this.loop.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    this.loop.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  // ---- life cycle ---------------------------------------------------------------------------

  /**
   * Starts the engine and waits until it is running: restores the strategy, the sizer and the
   * ledger from the store, loads the warm-up bars, subscribes to the streams (their events wait
   * until the start is done), reconciles with the venue, calls {@link Strategy#onStart}, then
   * schedules reconciliation and the status file. Call it once.
   *
   * @throws IllegalStateException if the engine was started before
   * @throws dev.nanpin.NanpinException if the venue or the store fails during start; the engine
   *     is then stopped
   */
  public void start() {
    if (!"new".equals(state)) {
      throw new IllegalStateException("engine " + cfg.name() + " was already started");
    }
    state = "starting";
    call(() -> {
      instrument = exchange.instrument(cfg.symbol());
      startedAt = clock.instant();
      restore();
      Instant now = clock.instant();
      if (cfg.warmupBars() > 0) {
        Instant from = now.minus(cfg.barInterval().multipliedBy(cfg.warmupBars()));
        for (Bar b : exchange.bars(cfg.symbol(), cfg.barInterval(), from, now)) {
          if (bars.append(b)) {
            // Generators warm up on history; their readings are remembered, not delivered:
            // the strategy has not started yet.
            barCloseSignals.onBarClose(bars, barCloseMillis(), s -> signals.put(s.getClass(), s));
          }
        }
      }
      if (bars.size() > 0) {
        price = bars.close(bars.size() - 1);
      }
      // Subscribe before reconciling, so that nothing falls between the two: events queue up
      // behind this task and are handled once it is done.
      Listener listener = new Listener();
      subscriptions.add(exchange.streamAccount(listener));
      subscriptions.add(exchange.streamMarket(cfg.symbol(), cfg.barInterval(), listener));
      refreshAccount();
      reconcile("start");
      inStrategyTx(() -> strategy.onStart(ctx));
      state = "running";
      return null;
    });
    long reconcileMs = cfg.reconcileEvery().toMillis();
    loop.scheduleWithFixedDelay(() -> guarded(() -> maybeReconcile("periodic", true)), reconcileMs, reconcileMs,
        TimeUnit.MILLISECONDS);
    // orders of unknown outcome block new orders: look again well within a signing window
    long resolveMs = Math.max(1, Math.min(reconcileMs, cfg.signingWindow().toMillis() / 4));
    loop.scheduleWithFixedDelay(() -> guarded(() -> resolveUnknownOrders("tick")), resolveMs, resolveMs,
        TimeUnit.MILLISECONDS);
    if (cfg.statusFile() != null) {
      long statusMs = cfg.statusEvery().toMillis();
      loop.scheduleWithFixedDelay(() -> guarded(this::writeStatus), 0, statusMs, TimeUnit.MILLISECONDS);
    }
    log.info("Engine {} running on {} {} ({} warm-up bars, position {})", cfg.name(), exchange.id(),
        cfg.symbol(), bars.size(), posQty);
  }

  /**
   * Stops the engine gracefully, without waiting: no new intents are accepted, the streams are
   * closed, in-flight work finishes, resting orders are cancelled if configured, {@link
   * Strategy#onStop} runs, the state is saved and the status file written. Idempotent; wait with
   * {@link #awaitTermination}.
   */
  @Override
  public void close() {
    if (closeRequested) {
      return;
    }
    closeRequested = true;
    try {
      enqueue(this::shutdownOnLoop);
    } catch (RejectedExecutionException e) {
      loop.shutdown();
    }
  }

  /**
   * Waits until the engine has stopped after {@link #close()} or a failure.
   *
   * @param timeout the longest wait
   * @return {@code true} if it stopped in time
   * @throws InterruptedException if interrupted while waiting
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return loop.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** @return the error that stopped the engine, or {@code null} */
  public Throwable failure() {
    return failure;
  }

  /**
   * Waits until every event queued so far, and every event those events queued, has been
   * handled: a replay driver calls it after each bar so that the replay runs in lock step.
   *
   * Returns at once when the engine has stopped after {@link #close()}.
   *
   * @throws IllegalStateException if the engine stopped on an error
   * @throws InterruptedException if interrupted while waiting
   */
  public void flush() throws InterruptedException {
    while (pendingEvents.get() > 0) {
      try {
        loop.submit(() -> {}).get();
      } catch (RejectedExecutionException e) {
        if (failure == null) {
          return; // closed: nothing more will be handled
        }
        throw new IllegalStateException("engine " + cfg.name() + " has stopped", failure);
      } catch (ExecutionException e) {
        throw new IllegalStateException(e.getCause());
      }
    }
  }

  /**
   * Pauses trading: from now on every new order the strategy asks for is refused ("paused by the
   * operator"); resting orders stay, fills and reconciliation go on. Safe from any thread.
   */
  public void pause() {
    if (!paused) {
      paused = true;
      offer(() -> store.audit("pause", cfg.name(), true, "new orders refused until resumed"));
    }
  }

  /** Resumes trading after {@link #pause()}. Safe from any thread. */
  public void resume() {
    if (paused) {
      paused = false;
      offer(() -> store.audit("resume", cfg.name(), true, "new orders accepted again"));
    }
  }

  /** @return whether the engine is paused */
  public boolean paused() {
    return paused;
  }

  /**
   * Cancels every open order of this bot's symbol on the venue, on the engine thread (orders still
   * being sent are left to reconciliation: cancelling blind could hit nothing).
   *
   * @return how many orders the venue confirmed cancelled
   * @throws IllegalStateException when the engine has stopped
   */
  public int cancelAllOrders() {
    return call(() -> {
      int cancelled = 0;
      for (StoredOrder so : store.openOrders()) {
        if (so.symbol().equals(cfg.symbol()) && ctx.cancel((int) so.clientId())) {
          cancelled++;
        }
      }
      store.audit("cancel-all", cfg.name(), cancelled > 0, cancelled + " orders cancelled by the operator");
      return cancelled;
    });
  }

  /**
   * Measures the event loop's lag: how long an empty task waits behind the queued events.
   *
   * @param timeout the longest to wait
   * @return the lag, or {@code timeout} when the loop did not answer in time
   * @throws IllegalStateException when the engine has stopped
   */
  public Duration eventLoopLag(Duration timeout) {
    long t0 = System.nanoTime();
    try {
      loop.submit(() -> {}).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Duration.ofNanos(System.nanoTime() - t0);
    } catch (TimeoutException e) {
      return timeout;
    } catch (RejectedExecutionException | ExecutionException e) {
      throw new IllegalStateException("engine " + cfg.name() + " has stopped", failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return timeout;
    }
  }

  /**
   * Hands a data signal to the strategy on the engine thread; {@link StrategyContext#signal}
   * answers it from then on.
   *
   * @param signal the signal
   */
  public void offerSignal(Signal signal) {
    Objects.requireNonNull(signal, "signal");
    enqueue(() -> inStrategyTx(() -> deliverSignal(signal)));
  }

  /**
   * Sets the recorded and computed signal feeds delivered at every bar close, before the
   * strategy's {@code onBar} of that bar, in the order {@link dev.nanpin.SignalFeed} documents
   * (the simulator's order); polled and streamed feeds among them are ignored here (see {@link
   * #scheduleSignal}, {@link #offerSignal}). Warm-up bars loaded at start run through the
   * generators too; their readings become {@link StrategyContext#signal}'s answers without an
   * {@code onSignal}. Call before {@link #start()}.
   *
   * @param feeds the feeds, in delivery order
   * @throws IllegalStateException if the engine was started
   */
  public void signalsAtBarClose(List<? extends dev.nanpin.SignalFeed> feeds) {
    if (!"new".equals(state)) {
      throw new IllegalStateException("engine " + cfg.name() + " was already started");
    }
    barCloseSignals = BarCloseSignals.of(feeds);
  }

  /**
   * Hands a public trade of the market to the computed signal feeds, on the engine thread; a
   * trade stream calls it for each trade, in venue order.
   *
   * @param trade the trade
   */
  public void offerTrade(Trade trade) {
    Objects.requireNonNull(trade, "trade");
    if (trade.symbol().equals(cfg.symbol())) {
      offer(() -> barCloseSignals.onTrade(trade));
    }
  }

  private void deliverSignal(Signal signal) {
    signals.put(signal.getClass(), signal);
    strategy.onSignal(ctx, signal);
  }

  /** The close time of the last bar seen: its open time plus the bar length. */
  private long barCloseMillis() {
    return bars.lastTime() + cfg.barInterval().toMillis();
  }

  /**
   * Polls a signal source on a schedule, on a poller thread of its own (a data source may block
   * on the network; the engine thread never does), and hands each answer to the strategy through
   * {@link #offerSignal}. A failing poll is logged and retried at the next period.
   *
   * @param every the period
   * @param source the poll; {@code null} answers are ignored
   */
  public synchronized void scheduleSignal(Duration every, Supplier<? extends Signal> source) {
    Objects.requireNonNull(source, "source");
    if (poller == null) {
      poller = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "nanpin-signals-" + cfg.symbol());
        t.setDaemon(true);
        return t;
      });
    }
    poller.scheduleWithFixedDelay(() -> {
      try {
        Signal s = source.get();
        if (s != null && !closeRequested) {
          offerSignal(s);
        }
      } catch (RuntimeException e) {
        log.warn("Signal poll failed: {}", e.toString());
      }
    }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Tells {@code o} about reconciliations, the liquidation distance and tick-to-order latency; before start. */
  void observe(EngineObserver o) {
    this.observer = Objects.requireNonNull(o, "o");
  }

  /**
   * Reconciles with the venue now, on the engine thread, and waits for it.
   *
   * @throws IllegalStateException if the engine is not running
   */
  public void reconcileNow() {
    call(() -> {
      reconcile("requested");
      return null;
    });
  }

  /** @return a snapshot of the engine, taken on the engine thread */
  public EngineStatus status() {
    if (loop.isShutdown()) {
      return snapshot();
    }
    return call(this::snapshot);
  }

  // ---- the loop -----------------------------------------------------------------------------

  private void enqueue(Runnable task) {
    pendingEvents.incrementAndGet();
    try {
      loop.execute(() -> {
        try {
          guarded(task);
        } finally {
          pendingEvents.decrementAndGet();
        }
      });
    } catch (RejectedExecutionException e) {
      pendingEvents.decrementAndGet();
      throw e;
    }
  }

  private void offer(Runnable task) {
    try {
      enqueue(task);
    } catch (RejectedExecutionException e) {
      log.debug("Event dropped: engine {} has stopped", cfg.name());
    }
  }

  private void guarded(Runnable task) {
    if (failure != null) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  private <T> T call(Supplier<T> work) {
    try {
      return loop.submit(() -> {
        try {
          return work.get();
        } catch (RuntimeException | Error e) {
          fail(e);
          throw e;
        }
      }).get(5, TimeUnit.MINUTES);
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("engine " + cfg.name() + " has stopped", failure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("engine " + cfg.name() + " did not answer in 5 minutes", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private void fail(Throwable e) {
    if (failure != null) {
      return;
    }
    failure = e;
    state = "failed";
    log.error("Engine {} stopped by an error: {}", cfg.name(), e.toString(), e);
    notifier.notify(Notifier.ERROR, fields("error", String.valueOf(e.getMessage())));
    for (Subscription s : subscriptions) {
      closeQuietly(s);
    }
    stopPoller();
    writeStatusQuietly();
    loop.shutdown();
  }

  private void shutdownOnLoop() {
    if (stopping) {
      return;
    }
    state = "stopping";
    stopping = true;
    log.info("Engine {} stopping", cfg.name());
    for (Subscription s : subscriptions) {
      closeQuietly(s);
    }
    stopPoller();
    if (cfg.cancelOnShutdown()) {
      cancelResting();
    }
    inStrategyTx(() -> strategy.onStop(ctx));
    saveStates();
    state = "stopped";
    writeStatusQuietly();
    log.info("Engine {} stopped: position {}, {} open orders", cfg.name(), posQty, store.openOrders().size());
    loop.shutdown();
  }

  private void cancelResting() {
    for (StoredOrder so : store.openOrders()) {
      if (so.state() == OrderState.SENDING || so.exchangeOrderId() == null) {
        continue;
      }
      try {
        Order o = exchange.cancelOrder(cfg.symbol(), so.exchangeOrderId());
        store.updateOrder(OrderUpdate.from(withClientId(o, so.clientId()), "cancelled on shutdown", clock.instant()));
      } catch (ExchangeException e) {
        log.warn("Could not cancel order {} on shutdown: {}", so.clientId(), e.getMessage());
      }
    }
  }

  private synchronized void stopPoller() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  private static void closeQuietly(Subscription s) {
    try {
      s.close();
    } catch (RuntimeException e) {
      log.debug("closing a subscription failed: {}", e.toString());
    }
  }

  // ---- strategy callbacks in a transaction ------------------------------------------------

  /**
   * Runs a strategy callback in one store transaction with the state it changes; sends the
   * orders it submitted once the outermost transaction has committed.
   */
  private void inStrategyTx(Runnable body) {
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

  private void saveStates() {
    if (strategy instanceof Stateful st) {
      Map<String, String> now = st.saveState();
      if (!now.equals(savedStrategyState)) {
        store.saveState(StateKind.STRATEGY, STRATEGY_OWNER, now);
        savedStrategyState = Map.copyOf(now);
      }
    }
    if (sizer instanceof Stateful st) {
      Map<String, String> now = st.saveState();
      if (!now.equals(savedSizerState)) {
        store.saveState(StateKind.SIZER, SIZER_OWNER, now);
        savedSizerState = Map.copyOf(now);
      }
    }
  }

  private void restore() {
    if (strategy instanceof Stateful st && store.restore(StateKind.STRATEGY, STRATEGY_OWNER, st)) {
      savedStrategyState = Map.copyOf(st.saveState());
      log.info("Restored the strategy's state from {}", store.jdbcUrl());
    }
    if (sizer instanceof Stateful st && store.restore(StateKind.SIZER, SIZER_OWNER, st)) {
      savedSizerState = Map.copyOf(st.saveState());
    }
    Map<String, String> ledger = store.loadState(StateKind.STRATEGY, LEDGER_OWNER);
    if (!ledger.isEmpty()) {
      setPosition(new BigDecimal(ledger.get("posQty")));
      book.restorePosition(posQty, Double.parseDouble(ledger.get("avgEntry")),
          Integer.parseInt(ledger.get("entryCount")));
      tradeRealized = Double.parseDouble(ledger.get("tradeRealized"));
      tradeFees = Double.parseDouble(ledger.get("tradeFees"));
      tradeCost = Double.parseDouble(ledger.get("tradeCost"));
    }
    fillsApplied = store.fillCount();
  }

  private void saveLedger() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("posQty", position.toPlainString());
    m.put("avgEntry", Double.toString(book.averageEntry()));
    m.put("entryCount", Integer.toString(book.entries()));
    m.put("tradeRealized", Double.toString(tradeRealized));
    m.put("tradeFees", Double.toString(tradeFees));
    m.put("tradeCost", Double.toString(tradeCost));
    store.saveState(StateKind.STRATEGY, LEDGER_OWNER, m);
  }

  // ---- order path ---------------------------------------------------------------------------

  private int submit(OrderIntent intent) {
    Objects.requireNonNull(intent, "intent");
    if (stopping) {
      return refuse("the engine is shutting down");
    }
    List<StoredOrder> unknown = unresolvedOrders();
    if (!unknown.isEmpty()) {
      // never trade over an order that may exist: it is resolved by its client id first
      return refuse("order(s) %s on %s have an unknown outcome; no new order until they are resolved by client id"
          .formatted(unknown.stream().map(StoredOrder::clientId).toList(), cfg.symbol()));
    }
    if (paused) {
      return refuse("paused by the operator");
    }
    boolean limit = intent.type() == OrderType.LIMIT;
    BigDecimal limitPrice;
    try {
      // the kernel's rule: a limit is rounded to the tick first, and the order is sized at it
      limitPrice = limit ? Rounding.limitPrice(instrument, intent.side().sign(), intent.limitPrice()) : null;
    } catch (IllegalArgumentException e) {
      return refuse(e.getMessage());
    }
    double ref = limit ? limitPrice.doubleValue() : price;
    if (!(ref > 0)) {
      return refuse("no price yet");
    }
    boolean perp = instrument.kind() != InstrumentKind.SPOT;
    boolean reduce = intent.reduceOnly() || intent.sizing() == Sizing.POSITION_FRACTION;
    double fee = limit ? cfg.makerFeeRate() : cfg.takerFeeRate();
    double unit = 0;
    if (intent.sizing() == Sizing.SIZER) {
      if (sizer == null) {
        return refuse("the intent asks the sizer, and no sizer is configured");
      }
      unit = sizer.quoteSize(intent, ref, ctx, ctx.timeMillis());
      if (!(unit >= 0) || Double.isInfinite(unit)) {
        return refuse("the sizer answered " + unit);
      }
    }
    // The kernel's sizing; the venue margins a perp at the strategy's leverage ceiling, which the
    // risk guard enforces.
    double qty = OrderSizing.quantity(intent.sizing(), intent.amount(), ref, fee, perp, strategy.leverageCeiling(),
        OrderSizing.free(ctx, perp), posQty, unit);
    if (reduce) {
      boolean reduces = posQty != 0 && (posQty > 0) == (intent.side() == Side.SELL);
      if (!reduces) {
        return refuse("reduce-only order would not reduce the position");
      }
      qty = Math.min(qty, Math.abs(posQty));
    }
    if (!perp && intent.side() == Side.SELL) {
      qty = Math.min(qty, Math.max(0, posQty));
    }
    if (!(qty > 0) || Double.isInfinite(qty)) {
      return refuse("order size is zero");
    }
    BigDecimal quantity = Rounding.quantity(instrument, qty);
    if (!instrument.isTradable(quantity)) {
      return refuse("quantity %s is below the minimum %s of %s".formatted(quantity.toPlainString(),
          instrument.minQuantity().toPlainString(), instrument.symbol()));
    }
    BigDecimal refPrice = limit ? limitPrice : Rounding.decimal(price);
    String riskRefusal = RiskCheck.refusal(guard, cfg.symbol(), intent.side().sign(), quantity, refPrice, reduce,
        account == null ? 0 : account.equity().doubleValue(), account == null ? 0 : account.collateral().doubleValue(),
        price, posQty, book.averageEntry(), restingNotional());
    if (riskRefusal != null) {
      return refuse(riskRefusal);
    }
    OrderRequest probe = new OrderRequest(cfg.symbol(), intent.side(), intent.type(), quantity, null, limitPrice,
        TimeInForce.GTC, reduce && perp, intent.postOnly(), 0);
    try {
      probe.checkAgainst(instrument);
    } catch (OrderRejectedException e) {
      return refuse(e.getMessage());
    }
    long clientId = store.allocateClientId();
    if (clientId > Integer.MAX_VALUE) {
      return refuse("client id " + clientId + " does not fit the strategy's order id");
    }
    OrderRequest request = new OrderRequest(cfg.symbol(), intent.side(), intent.type(), quantity, null, limitPrice,
        TimeInForce.GTC, reduce && perp, intent.postOnly(), clientId);
    store.recordSending(request, intent.tag());
    toSend.add(clientId);
    return (int) clientId;
  }

  /**
   * Orders of this symbol whose placement outcome is unknown: recorded "sending" and not merely
   * queued by this process's last callback, that is, sent without a definite answer by this
   * process, or left "sending" by a process that was killed. They are never sent again; they are
   * resolved by their client id ({@link #resolveSending}).
   */
  private List<StoredOrder> unresolvedOrders() {
    List<StoredOrder> out = new ArrayList<>();
    for (StoredOrder so : store.openOrders()) {
      if (so.state() == OrderState.SENDING && so.symbol().equals(cfg.symbol()) && !toSend.contains(so.clientId())) {
        out.add(so);
      }
    }
    return out;
  }

  /**
   * Resolves the orders of unknown outcome now, when there are any: each is looked up by its
   * client id. Runs at every bar (event time) and on a wall-clock tick, so that new orders are
   * blocked no longer than the lookup or the signing window takes.
   */
  private void resolveUnknownOrders(String why) {
    if (stopping || failure != null) {
      return;
    }
    List<StoredOrder> unknown = unresolvedOrders();
    if (unknown.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    for (StoredOrder so : unknown) {
      try {
        resolveSending(so, now);
      } catch (ExchangeException e) {
        store.audit("RESOLVE_FAILED", "order " + so.clientId(), false, why + ": " + e.getMessage());
        log.warn("Looking up order {} of unknown outcome failed ({}); retried: {}", so.clientId(), why,
            e.getMessage());
      }
    }
  }

  private int refuse(String reason) {
    log.debug("Intent refused: {}", reason);
    strategy.onOrderRejected(ctx, -1, reason);
    return -1;
  }

  /** The notional of our resting orders that would add to the position if they filled. */
  private double restingNotional() {
    double resting = 0;
    for (StoredOrder so : store.openOrders()) {
      boolean adds = (so.side() == Side.BUY) == (posQty >= 0);
      if (adds && so.quantity() != null) {
        double p = so.limitPrice() != null ? so.limitPrice().doubleValue() : price;
        resting += so.quantity().subtract(so.filledQuantity()).doubleValue() * p;
      }
    }
    return Math.max(0, resting);
  }

  private static BigDecimal bd(double v) {
    return new BigDecimal(v, MathContext.DECIMAL64);
  }

  /** Sends the orders recorded as "sending" by the last callbacks, one at a time. */
  private void sendPending() {
    if (sending) {
      return; // the outer loop below picks up orders queued by nested callbacks
    }
    sending = true;
    try {
      Long cid;
      while ((cid = toSend.poll()) != null) {
        send(cid);
      }
    } finally {
      sending = false;
    }
  }

  private void send(long clientId) {
    StoredOrder so = store.order(clientId).orElseThrow();
    if (so.state() != OrderState.SENDING) {
      return;
    }
    try {
      if (marketEventNanos >= 0) {
        observer.tickToOrder(System.nanoTime() - marketEventNanos);
      }
      Order o = exchange.placeOrder(so.toRequest());
      store.updateOrder(OrderUpdate.from(withClientId(o, clientId), "placed", clock.instant()));
    } catch (OrderRejectedException | InsufficientFundsException e) {
      store.updateOrder(new OrderUpdate(clientId, OrderState.REJECTED, null, null, e.getMessage(), clock.instant()));
      log.info("Order {} rejected by {}: {}", clientId, exchange.id(), e.getMessage());
      inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) clientId, e.getMessage()));
    } catch (RuntimeException e) {
      // Outcome unknown: the venue may have the order. Look it up; never send it again.
      sendAttempts.put(clientId, clock.instant());
      log.warn("Order {} outcome unknown after {}: resolving by client id", clientId, e.toString());
      Optional<Order> found;
      try {
        found = exchange.orderByClientId(cfg.symbol(), clientId);
      } catch (RuntimeException lookup) {
        found = Optional.empty();
        log.warn("Looking up order {} failed: {}; reconciliation will settle it", clientId, lookup.toString());
      }
      if (found.isPresent()) {
        store.updateOrder(OrderUpdate.from(found.get(), "resolved by client id after " + e.getClass().getSimpleName(),
            clock.instant()));
        store.audit("RESOLVE_SENDING", "order " + clientId, true, "found at the venue after " + e);
      } else {
        store.audit("SEND_UNKNOWN", "order " + clientId, false,
            "no venue record yet after " + e + "; left sending until the signing window passes");
      }
    }
  }

  private static Order withClientId(Order o, long clientId) {
    if (o.clientId() == clientId) {
      return o;
    }
    return new Order(o.orderId(), clientId, o.symbol(), o.side(), o.type(), o.status(), o.quantity(),
        o.filledQuantity(), o.limitPrice(), o.reduceOnly(), o.createdAt());
  }

  // ---- events -------------------------------------------------------------------------------

  private final class Listener implements ExchangeListener {
    @Override
    public void onTicker(Ticker ticker) {
      if (!ticker.symbol().equals(cfg.symbol())) {
        return;
      }
      long arrived = System.nanoTime();
      offer(() -> {
        touch();
        price = ticker.last().doubleValue();
        marketEventNanos = arrived;
        inStrategyTx(() -> strategy.onTick(ctx));
        marketEventNanos = -1;
      });
    }

    @Override
    public void onBar(String symbol, Bar bar) {
      if (!symbol.equals(cfg.symbol())) {
        return;
      }
      long arrived = System.nanoTime();
      offer(() -> {
        touch();
        if (!bars.append(bar)) {
          return;
        }
        price = bar.close().doubleValue();
        refreshAccount();
        marketEventNanos = arrived;
        resolveUnknownOrders("bar");
        inStrategyTx(() -> {
          barCloseSignals.onBarClose(bars, barCloseMillis(), deliverSignal);
          strategy.onBar(ctx);
        });
        marketEventNanos = -1;
        // queued, so that the fill events of orders the bar placed are handled first
        offer(() -> maybeReconcile("periodic", false));
      });
    }

    @Override
    public void onFill(Fill fill) {
      // Fills that arrive together are applied together (the kernel's gap rule): one drain task
      // takes every fill that has arrived by the time the loop reaches it.
      arrivedFills.add(fill);
      if (drainScheduled.compareAndSet(false, true)) {
        offer(() -> {
          touch();
          drainArrivedFills();
        });
      }
    }

    @Override
    public void onOrder(Order order) {
      offer(() -> {
        touch();
        onOrderUpdate(order);
      });
    }

    @Override
    public void onReconnected() {
      offer(() -> {
        touch();
        reconnects++;
        long now = System.nanoTime();
        reconnectTimes.addLast(now);
        while (!reconnectTimes.isEmpty() && now - reconnectTimes.peekFirst() > RECONNECT_STORM_WINDOW.toNanos()) {
          reconnectTimes.removeFirst();
        }
        if (reconnectTimes.size() >= RECONNECT_STORM_COUNT) {
          log.warn("{} stream reconnects within {}", reconnectTimes.size(), RECONNECT_STORM_WINDOW);
          notifier.notify(Notifier.RECONNECT_STORM, fields("reconnects", Integer.toString(reconnectTimes.size())));
          reconnectTimes.clear();
        }
        reconcileOrRetry("reconnect");
      });
    }

    @Override
    public void onStreamError(Throwable error) {
      streamHealthy = false;
      log.warn("Stream error on {}: {}", exchange.id(), error.toString());
    }
  }

  private void touch() {
    lastEventMillis = clock.millis();
    streamHealthy = true;
  }

  private void onOrderUpdate(Order order) {
    if (!order.symbol().equals(cfg.symbol())) {
      return;
    }
    Optional<StoredOrder> so = order.clientId() >= 0 ? store.order(order.clientId()) : Optional.empty();
    if (so.isEmpty()) {
      so = store.orderByExchangeId(order.orderId());
    }
    if (so.isEmpty()) {
      return; // not ours, or not yet answered: reconciliation adopts it if it carries our id
    }
    StoredOrder s = so.get();
    boolean wasOpen = s.state().isOpen();
    store.updateOrder(OrderUpdate.from(withClientId(order, s.clientId()), "stream", clock.instant()));
    if (wasOpen && order.status() == dev.nanpin.OrderStatus.REJECTED) {
      inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) s.clientId(), "rejected by " + exchange.id()));
    }
  }

  private Optional<StoredOrder> ourOrder(Fill f) {
    Optional<StoredOrder> so = f.clientId() >= 0 ? store.order(f.clientId()) : Optional.empty();
    if (so.isEmpty()) {
      so = store.orderByExchangeId(f.orderId());
    }
    if (so.isPresent()) {
      return so;
    }
    // Our order, answered by the venue but not yet recorded? Ask the venue who owns it.
    Optional<Order> venue;
    try {
      venue = exchange.orderById(cfg.symbol(), f.orderId());
    } catch (RuntimeException e) {
      log.warn("Looking up order {} of fill {} failed: {}", f.orderId(), f.fillId(), e.toString());
      return Optional.empty();
    }
    if (venue.isEmpty() || venue.get().clientId() < 0) {
      return Optional.empty();
    }
    Order o = venue.get();
    so = store.order(o.clientId());
    if (so.isPresent()) {
      store.updateOrder(OrderUpdate.from(o, "venue id learned from fill " + f.fillId(), clock.instant()));
      return store.order(o.clientId());
    }
    if (isOurs(o.clientId())) {
      return Optional.of(adopt(o));
    }
    return Optional.empty();
  }

  private boolean isOurs(long clientId) {
    return clientId >= 1 && clientId <= store.lastClientId();
  }

  private StoredOrder adopt(Order o) {
    String detail = "venue order %s %s %s qty %s filled %s status %s".formatted(o.orderId(), o.side(), o.type(),
        o.quantity() == null ? "-" : o.quantity().toPlainString(), o.filledQuantity().toPlainString(), o.status());
    StoredOrder so = store.adoptOrder(o, -1, "adopted by reconciliation");
    store.audit("ADOPT_ORDER", "order " + o.clientId(), true, detail);
    log.warn("Reconciliation adopted order {}: {}", o.clientId(), detail);
    return so;
  }

  /** Applies a fill once: recorded, ledger, order, strategy and sizer, all in one transaction. */
  private boolean applyFill(Fill f, String source) {
    return applyFills(List.of(f), source) == 1;
  }

  /** Takes every fill that has arrived from the stream and applies them together. */
  private void drainArrivedFills() {
    drainScheduled.set(false); // a fill that arrives from now on schedules the next drain
    List<Fill> batch = new ArrayList<>();
    Fill f;
    while ((f = arrivedFills.poll()) != null) {
      batch.add(f);
    }
    applyFills(batch, "stream");
  }

  /**
   * Applies fills that arrived together, each once, by the kernel's gap rule: every fill is
   * recorded and applied to the order, the ledger and the position first, then the sizer and the
   * strategy hear {@code onFill} once per fill, in arrival order; all in one transaction, so a
   * crash leaves either all of them with their callbacks' state or none.
   *
   * @return the number of fills applied (not seen before, and ours)
   */
  private int applyFills(List<Fill> batch, String source) {
    List<Fill> ours = new ArrayList<>();
    List<Long> owners = new ArrayList<>();
    for (Fill f : batch) {
      if (!f.symbol().equals(cfg.symbol()) || store.hasFill(f.fillId())) {
        continue;
      }
      Optional<StoredOrder> owner = ourOrder(f); // may ask the venue: outside the transaction
      if (owner.isEmpty()) {
        store.audit("FOREIGN_FILL", "fill " + f.fillId(), false,
            "fill of order %s (client id %d) is not this bot's; the position check accounts for it"
                .formatted(f.orderId(), f.clientId()));
        continue;
      }
      ours.add(f);
      owners.add(owner.get().clientId());
    }
    if (ours.isEmpty()) {
      return 0;
    }
    List<Fill> applied = new ArrayList<>();
    List<Long> appliedOwners = new ArrayList<>();
    inStrategyTx(() -> {
      applied.clear();
      appliedOwners.clear();
      List<Runnable> callbacks = new ArrayList<>();
      for (int k = 0; k < ours.size(); k++) {
        Fill f = ours.get(k);
        long cid = owners.get(k);
        if (!store.recordFill(f)) {
          continue;
        }
        applied.add(f);
        appliedOwners.add(cid);
        callbacks.add(applyRecorded(f, cid, source));
      }
      for (Runnable r : callbacks) {
        r.run();
      }
    });
    if (!applied.isEmpty()) {
      refreshAccount();
      for (int k = 0; k < applied.size(); k++) {
        Fill f = applied.get(k);
        notifier.notify(Notifier.FILL, fields("symbol", f.symbol(), "side", f.side().name(),
            "price", f.price().toPlainString(), "quantity", f.quantity().toPlainString(),
            "clientId", Long.toString(appliedOwners.get(k)), "position", Double.toString(posQty)));
      }
    }
    return applied.size();
  }

  /**
   * Applies a recorded fill to its order, the ledger and the position (caller holds the
   * transaction); returns the sizer and strategy callbacks, to run once the other fills of the
   * batch are applied.
   */
  private Runnable applyRecorded(Fill f, long cid, String source) {
    StoredOrder so = store.order(cid).orElseThrow();
    // The venue's answer to the send may already carry this fill's quantity: the stored fills
    // are the count that cannot double.
    BigDecimal filled = BigDecimal.ZERO;
    for (Fill each : store.fillsOf(cid)) {
      filled = filled.add(each.quantity());
    }
    filled = filled.max(so.filledQuantity());
    boolean complete = so.quantity() != null && filled.compareTo(so.quantity()) >= 0;
    OrderState st = complete ? OrderState.FILLED : (so.state().isTerminal() ? so.state() : OrderState.PARTIALLY_FILLED);
    store.updateOrder(new OrderUpdate(cid, st, f.orderId(), filled, "fill " + f.fillId() + " (" + source + ")",
        f.time()));
    boolean closed = applyToLedger(f);
    fillsApplied++;
    double pnl = tradeRealized - tradeFees;
    double ret = tradeCost > 0 ? pnl / tradeCost : 0;
    if (closed) {
      tradeRealized = 0;
      tradeFees = 0;
      tradeCost = 0;
    }
    saveLedger();
    store.savePosition(new Position(cfg.symbol(), position, bd(Math.max(0, book.averageEntry())),
        bd(Double.isNaN(price) ? f.price().doubleValue() : price), bd(unrealized()), null, f.time()));
    boolean orderComplete = complete || so.quantity() == null;
    int tag = so.tag();
    return () -> {
      exec.set((int) cid, tag, f.side(), f.price().doubleValue(), f.quantity().doubleValue(),
          f.fee().doubleValue(), f.maker(), orderComplete, f.time().toEpochMilli());
      if (sizer != null) {
        sizer.onFill(exec, ctx);
      }
      strategy.onFill(ctx, exec);
      if (closed && sizer != null) {
        sizer.onTradeClosed(pnl, ret);
      }
    };
  }

  /** Applies a fill to the kernel's book; returns whether the fill closed the position (a round trip ended). */
  private boolean applyToLedger(Fill f) {
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

  private void setPosition(BigDecimal exact) {
    position = exact.signum() == 0 ? BigDecimal.ZERO : exact.stripTrailingZeros();
    posQty = position.doubleValue();
    // the exact quantity is the venue's; the book keeps its entry and count
    book.restorePosition(posQty, book.averageEntry(), book.entries());
  }

  private double unrealized() {
    return Double.isNaN(price) ? 0 : book.unrealisedPnl(price);
  }

  private void refreshAccount() {
    try {
      account = exchange.account();
      String quote = instrument.quote();
      quoteAvailable = 0;
      for (Balance b : exchange.balances()) {
        if (b.asset().equals(quote)) {
          quoteAvailable = b.available().doubleValue();
        }
      }
    } catch (ExchangeException e) {
      log.warn("Account refresh failed: {}", e.getMessage());
    }
  }

  // ---- reconciliation -----------------------------------------------------------------------

  private void maybeReconcile(String why, boolean wallTick) {
    if (stopping || failure != null) {
      return;
    }
    Instant now = clock.instant();
    if (wallTick || !now.isBefore(lastReconcile.plus(cfg.reconcileEvery()))) {
      reconcileOrRetry(why);
    }
  }

  /** Reconciles; a venue failure (timeout, outage, rate limit) is retried next period, not fatal. */
  private void reconcileOrRetry(String why) {
    try {
      reconcile(why);
    } catch (ExchangeException e) {
      log.warn("Reconciliation ({}) failed, retried in {}: {}", why, cfg.reconcileEvery(), e.getMessage());
      store.audit("RECONCILE_FAILED", cfg.symbol(), false, why + ": " + e.getMessage());
      observer.reconcileFailed();
    }
  }

  private void reconcile(String why) {
    Instant now = clock.instant();
    lastReconcile = now;
    int changes = 0;
    // 1. missed fills, from the venue's history since the last fill we saw
    // A margin before the last stored fill: a fill the stream missed may carry an earlier time
    // than one it delivered. Fills already stored are skipped by id.
    Duration margin = cfg.reconcileEvery().multipliedBy(2).compareTo(Duration.ofMinutes(10)) > 0
        ? cfg.reconcileEvery().multipliedBy(2) : Duration.ofMinutes(10);
    Instant since = store.lastFill().map(f -> f.time().minus(margin))
        .orElseGet(() -> store.recentOrders(Integer.MAX_VALUE).stream().map(StoredOrder::createdAt)
            .min(Instant::compareTo).orElse(now));
    for (Fill f : exchange.fills(cfg.symbol(), since)) {
      if (!store.hasFill(f.fillId()) && applyFill(f, "reconciliation")) {
        changes++;
        store.audit("APPLY_MISSED_FILL", "fill " + f.fillId(), true, "%s %s @ %s of order %s, missed by the stream"
            .formatted(f.side(), f.quantity().toPlainString(), f.price().toPlainString(), f.orderId()));
        log.warn("Reconciliation applied missed fill {} ({} {} @ {})", f.fillId(), f.side(),
            f.quantity().toPlainString(), f.price().toPlainString());
      }
    }
    // 2. venue orders carrying our client ids
    Set<Long> openAtVenue = new HashSet<>();
    for (Order o : exchange.openOrders(cfg.symbol())) {
      if (o.clientId() < 0) {
        continue;
      }
      openAtVenue.add(o.clientId());
      Optional<StoredOrder> so = store.order(o.clientId());
      if (so.isEmpty()) {
        if (isOurs(o.clientId())) {
          adopt(o);
          changes++;
        }
      } else if (differs(so.get(), o)) {
        changes += settle(so.get(), o, so.get().state() == OrderState.SENDING ? "RESOLVE_SENDING" : "UPDATE_ORDER");
      }
    }
    // 3. store orders the venue no longer lists as open
    for (StoredOrder so : store.openOrders()) {
      if (!so.symbol().equals(cfg.symbol()) || openAtVenue.contains(so.clientId())) {
        continue;
      }
      if (so.state() == OrderState.SENDING) {
        changes += resolveSending(so, now);
        continue;
      }
      Optional<Order> venue = exchange.orderByClientId(cfg.symbol(), so.clientId());
      if (venue.isPresent()) {
        changes += settle(so, venue.get(), "UPDATE_ORDER");
      } else {
        store.audit("MISSING_ORDER", "order " + so.clientId(), false,
            "state %s in the store, unknown to the venue; left as is".formatted(so.state()));
      }
    }
    // 4. the position, to the venue's view
    BigDecimal venueQty = venuePosition();
    if (venueQty != null) {
      venuePosQty = venueQty.doubleValue();
      if (venueQty.compareTo(position) != 0) {
        String detail = "ledger %s, venue %s".formatted(position.toPlainString(), venueQty.toPlainString());
        double oldQty = posQty;
        store.runInTransaction(s -> {
          setPosition(venueQty);
          if (position.signum() != 0 && (oldQty == 0 || Math.signum(oldQty) != Math.signum(posQty))) {
            book.restorePosition(posQty, venueEntry != null && venueEntry.signum() > 0 ? venueEntry.doubleValue() : price,
                1);
          }
          saveLedger();
          store.savePosition(new Position(cfg.symbol(), position, bd(book.averageEntry()), bd(price > 0 ? price : 0),
              bd(unrealized()), null, now));
          store.audit("CORRECT_POSITION", cfg.symbol(), true, detail);
        });
        log.warn("Reconciliation corrected the position of {} to the venue's view: {}", cfg.symbol(), detail);
        changes++;
      }
    }
    // 5. balances and collateral
    refreshAccount();
    if (account != null) {
      store.saveEquity(account);
    }
    store.audit("RECONCILE", cfg.symbol(), changes > 0, "%s: %d change(s), position %s".formatted(why, changes, posQty));
    observer.reconciled(changes);
    if (changes == 0) {
      log.debug("Reconciliation ({}) found nothing to change", why);
    }
  }

  private BigDecimal venueEntry;

  /**
   * Resolves one order recorded "sending" by its client id: settled to the venue's state when the
   * venue has it; failed when it has no record of it after the signing window counted from the
   * order's last possible signature; otherwise left "sending" (and blocking) for the next try.
   *
   * @return 1 when something changed, else 0
   */
  private int resolveSending(StoredOrder so, Instant now) {
    Optional<Order> venue = exchange.orderByClientId(cfg.symbol(), so.clientId());
    if (venue.isPresent()) {
      return settle(so, venue.get(), "RESOLVE_SENDING");
    }
    // The request was signed no earlier than it was recorded and no later than the last send
    // attempt of this process, or, for a send of an earlier process, than this start.
    Instant signedBy = latest(so.createdAt(), startedAt, sendAttempts.getOrDefault(so.clientId(), Instant.MIN));
    if (!now.isAfter(signedBy.plus(cfg.signingWindow()))) {
      store.audit("WAIT_SENDING", "order " + so.clientId(), false,
          "recorded %s, signing window open until %s".formatted(so.createdAt(), signedBy.plus(cfg.signingWindow())));
      return 0;
    }
    store.updateOrder(new OrderUpdate(so.clientId(), OrderState.FAILED, null, null,
        "no venue record after the signing window", now));
    store.audit("FAIL_SENDING", "order " + so.clientId(), true,
        "recorded %s, last possible signature %s, no venue record at %s, signing window %s"
            .formatted(so.createdAt(), signedBy, now, cfg.signingWindow()));
    sendAttempts.remove(so.clientId());
    log.warn("Order {} failed: the venue has no record of it after the signing window", so.clientId());
    inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) so.clientId(), "never reached the venue"));
    return 1;
  }

  private static Instant latest(Instant a, Instant b, Instant c) {
    Instant m = a.isAfter(b) ? a : b;
    return m.isAfter(c) ? m : c;
  }

  /** The venue's position: its positions list, or the base balance on a spot market. */
  private BigDecimal venuePosition() {
    venueEntry = null;
    observer.liquidationDistance(Double.NaN); // until the venue lists a position with a liquidation price
    for (Position p : exchange.positions()) {
      if (p.symbol().equals(cfg.symbol())) {
        venueEntry = p.entryPrice();
        checkLiquidation(p);
        return p.quantity();
      }
    }
    if (instrument.kind() == InstrumentKind.SPOT) {
      for (Balance b : exchange.balances()) {
        if (b.asset().equals(instrument.base())) {
          return b.total();
        }
      }
      return BigDecimal.ZERO;
    }
    return BigDecimal.ZERO;
  }

  private void checkLiquidation(Position p) {
    BigDecimal min = guard.limits().minLiquidationDistance();
    if (p.liquidationPrice() == null || p.markPrice().signum() <= 0 || p.isFlat()) {
      return;
    }
    double mark = p.markPrice().doubleValue();
    double distance = Math.abs(mark - p.liquidationPrice().doubleValue()) / mark;
    observer.liquidationDistance(distance);
    if (min != null && distance < min.doubleValue()) {
      log.warn("Position {} is {} from liquidation at {}, below the limit {}", p.symbol(), distance,
          p.liquidationPrice().toPlainString(), min.toPlainString());
      notifier.notify(Notifier.LIQUIDATION_WARNING, fields("symbol", p.symbol(), "distance", Double.toString(distance),
          "liquidationPrice", p.liquidationPrice().toPlainString(), "markPrice", p.markPrice().toPlainString()));
    }
  }

  private static boolean differs(StoredOrder so, Order o) {
    return so.state() != OrderState.of(o.status()) || so.filledQuantity().compareTo(o.filledQuantity()) != 0
        || so.exchangeOrderId() == null;
  }

  private int settle(StoredOrder so, Order o, String action) {
    if (!differs(so, o)) {
      return 0;
    }
    String detail = "store %s filled %s, venue %s filled %s".formatted(so.state(), so.filledQuantity().toPlainString(),
        o.status(), o.filledQuantity().toPlainString());
    var result = store.updateOrder(OrderUpdate.from(withClientId(o, so.clientId()), "reconciliation", clock.instant()));
    boolean changed = result == dev.nanpin.store.UpdateResult.APPLIED;
    store.audit(action, "order " + so.clientId(), changed, detail);
    if (changed) {
      log.warn("Reconciliation {} order {}: {}", action, so.clientId(), detail);
      if (o.status() == dev.nanpin.OrderStatus.REJECTED && so.state().isOpen()) {
        inStrategyTx(() -> strategy.onOrderRejected(ctx, (int) so.clientId(), "rejected by " + exchange.id()));
      }
    }
    return changed ? 1 : 0;
  }

  // ---- status -------------------------------------------------------------------------------

  private EngineStatus snapshot() {
    long age = lastEventMillis < 0 ? -1 : Math.max(0, clock.millis() - lastEventMillis);
    int open;
    long fills;
    try {
      open = (int) store.openOrders().stream().filter(o -> o.symbol().equals(cfg.symbol())).count();
      fills = fillsApplied;
    } catch (RuntimeException e) {
      open = -1;
      fills = fillsApplied;
    }
    int unknown;
    try {
      unknown = unresolvedOrders().size();
    } catch (RuntimeException e) {
      unknown = -1;
    }
    return new EngineStatus(cfg.name(), cfg.symbol(), state, clock.instant(), posQty, venuePosQty,
        book.averageEntry(), book.entries(), Double.isNaN(price) ? 0 : price,
        account == null ? Double.NaN : account.equity().doubleValue(), open, fills, age, streamHealthy, reconnects,
        unknown, exchange.circuitState());
  }

  private void writeStatus() {
    Path file = cfg.statusFile();
    if (file == null) {
      return;
    }
    try {
      Path abs = file.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      Files.writeString(tmp, snapshot().toJson() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("Cannot write the status file {}: {}", file, e.toString());
    }
  }

  private void writeStatusQuietly() {
    try {
      writeStatus();
    } catch (RuntimeException e) {
      log.debug("status write failed: {}", e.toString());
    }
  }

  private static Map<String, String> fields(String... kv) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i + 1 < kv.length; i += 2) {
      m.put(kv[i], kv[i + 1]);
    }
    return m;
  }

  // ---- what the strategy sees ---------------------------------------------------------------

  private final class Context implements StrategyContext, AccountView {
    @Override
    public Instrument instrument() {
      return instrument;
    }

    @Override
    public BarSeries bars() {
      return bars;
    }

    @Override
    public long timeMillis() {
      return clock.millis();
    }

    @Override
    public double price() {
      return price;
    }

    @Override
    public AccountView account() {
      return this;
    }

    @Override
    public int submit(OrderIntent intent) {
      return LiveEngine.this.submit(intent);
    }

    @Override
    public boolean cancel(int orderId) {
      Optional<StoredOrder> so = store.order(orderId);
      if (so.isEmpty() || so.get().state().isTerminal()) {
        return false;
      }
      if (so.get().exchangeOrderId() == null) {
        return false; // not answered yet: reconciliation settles it, cancelling blind could hit nothing
      }
      try {
        Order o = exchange.cancelOrder(cfg.symbol(), so.get().exchangeOrderId());
        store.updateOrder(OrderUpdate.from(withClientId(o, orderId), "cancelled by the strategy", clock.instant()));
        return o.status() == dev.nanpin.OrderStatus.CANCELLED;
      } catch (ExchangeException e) {
        log.info("Cancel of order {} failed: {}", orderId, e.getMessage());
        return false;
      }
    }

    @Override
    public void cancelAll() {
      for (StoredOrder so : store.openOrders()) {
        if (so.symbol().equals(cfg.symbol())) {
          cancel((int) so.clientId());
        }
      }
    }

    @Override
    public int openOrderCount() {
      return (int) store.openOrders().stream().filter(o -> o.symbol().equals(cfg.symbol())).count();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <S extends Signal> S signal(Class<S> type) {
      Signal s = signals.get(type);
      if (s != null) {
        return (S) s;
      }
      for (Signal v : signals.values()) {
        if (type.isInstance(v)) {
          return type.cast(v);
        }
      }
      return null;
    }

    @Override
    public double equity() {
      if (account == null) {
        return 0;
      }
      return account.equity().doubleValue();
    }

    @Override
    public double cash() {
      return instrument.kind() == InstrumentKind.SPOT ? quoteAvailable : freeMargin();
    }

    @Override
    public double freeMargin() {
      return account == null ? 0 : account.freeMargin().doubleValue();
    }

    @Override
    public double collateral() {
      return account == null ? 0 : account.collateral().doubleValue();
    }

    @Override
    public double capitalInUse() {
      return Math.abs(posQty) * book.averageEntry() + restingNotional();
    }

    @Override
    public double positionQuantity() {
      return posQty;
    }

    @Override
    public double averageEntryPrice() {
      return book.averageEntry();
    }

    @Override
    public int entryCount() {
      return book.entries();
    }

    @Override
    public double makerFeeRate() {
      return cfg.makerFeeRate();
    }

    @Override
    public double takerFeeRate() {
      return cfg.takerFeeRate();
    }
  }
}
