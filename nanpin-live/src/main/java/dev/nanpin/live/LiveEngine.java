package dev.nanpin.live;

import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeException;
import dev.nanpin.Order;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Stateful;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.Subscription;
import dev.nanpin.Trade;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.spi.BarCloseSignals;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.OrderUpdate;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoredOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one {@link Strategy} live (or on a paper exchange): market and account streams in, order
 * intents out, every step recorded in a {@link StateStore}.
 *
 * <h2>One event loop</h2>
 * Every event (a bar, a ticker, a fill, an order update, a signal, a reconciliation tick) is a
 * task on one engine thread ({@link EngineLoop}), so the strategy, the sizer and the engine's
 * ledger see events one at a time, in arrival order, without locks. Stream callbacks only hand
 * over. Tickers are the one exception to "every event": only the latest price matters, so a
 * ticker that arrives while the previous one still waits as the last queued event replaces it
 * ({@link Strategy#onTick} then sees the newer price once); it never moves ahead of a bar, fill
 * or order update that arrived after it, and those are never merged.
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
public final class LiveEngine extends EngineEvents implements AutoCloseable {
  /** The store owner of the strategy's state. */
  public static final String STRATEGY_OWNER = "strategy";
  /** The store owner of the sizer's state. */
  public static final String SIZER_OWNER = "sizer";
  /** The store owner of the engine's own ledger (position, entry count, round-trip figures). */
  public static final String LEDGER_OWNER = "engine.ledger";

  private ScheduledThreadPoolExecutor poller; // guarded by this

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
    this(config, exchange, strategy, sizer, guard, store, clock, notifier,
        new EngineLoop("nanpin-engine-" + config.symbol(), 1), null);
  }

  /**
   * An engine that is one ladder of a multi-symbol bot: it runs on the bot's shared loop, keeps
   * its durable state under owners keyed by its symbol ({@link #owner}) and checks every order
   * against the bot's {@link Portfolio} as well.
   */
  LiveEngine(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier, EngineLoop engineLoop, Portfolio portfolio) {
    super(config, exchange, strategy, sizer, guard, store, clock, notifier, engineLoop);
    this.portfolio = portfolio;
  }

  /**
   * The store owner an engine keeps one kind of its state under: {@code base} itself for a
   * single-symbol bot (as always), {@code base@SYMBOL} for a ladder of a multi-symbol bot, so that
   * every ladder is restored on its own after a restart.
   *
   * @param base {@link #STRATEGY_OWNER}, {@link #SIZER_OWNER} or {@link #LEDGER_OWNER}
   * @param symbol the ladder's symbol, or {@code null} for a single-symbol bot
   * @return the owner
   */
  public static String owner(String base, String symbol) {
    return symbol == null ? base : base + "@" + symbol;
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
    engineLoop.scheduleWithFixedDelay(() -> periodic(() -> maybeReconcile("periodic", true)), reconcileMs, reconcileMs,
        TimeUnit.MILLISECONDS);
    // orders of unknown outcome block new orders: look again well within a signing window
    long resolveMs = Math.max(1, Math.min(reconcileMs, cfg.signingWindow().toMillis() / 4));
    engineLoop.scheduleWithFixedDelay(() -> periodic(() -> resolveUnknownOrders("tick")), resolveMs, resolveMs,
        TimeUnit.MILLISECONDS);
    if (cfg.statusFile() != null) {
      long statusMs = cfg.statusEvery().toMillis();
      engineLoop.scheduleWithFixedDelay(this::statusTick, 0, statusMs, TimeUnit.MILLISECONDS);
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
      engineLoop.shutdown();
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
    return engineLoop.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
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
   * @throws IllegalStateException if the engine stopped on an error, or the engine thread did
   *     not get through the queued events within 5 minutes
   * @throws InterruptedException if interrupted while waiting
   */
  public void flush() throws InterruptedException {
    while (pendingEvents.get() > 0) {
      try {
        engineLoop.submit(() -> null).get(5, TimeUnit.MINUTES);
      } catch (TimeoutException e) {
        throw new IllegalStateException("engine " + cfg.name() + " did not answer in 5 minutes", e);
      } catch (RejectedExecutionException | CancellationException e) {
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
      engineLoop.submit(() -> null).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
      return Duration.ofNanos(System.nanoTime() - t0);
    } catch (TimeoutException e) {
      return timeout;
    } catch (RejectedExecutionException | CancellationException | ExecutionException e) {
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

  /** Runs {@code work} on the engine thread and returns its answer (a portfolio snapshot). */
  <T> T onLoop(Supplier<T> work) {
    return engineLoop.isShutdown() ? work.get() : call(work);
  }

  /** @return a snapshot of the engine, taken on the engine thread */
  public EngineStatus status() {
    if (engineLoop.isShutdown()) {
      return snapshot();
    }
    return call(this::snapshot);
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
    log.info("Engine {} stopped: position {} {}, {} open orders", cfg.name(), posQty, cfg.symbol(),
        store.openOrders().stream().filter(o -> o.symbol().equals(cfg.symbol())).count());
    engineLoop.stopped();
  }

  private void cancelResting() {
    for (StoredOrder so : store.openOrders()) {
      if (so.state() == OrderState.SENDING || so.exchangeOrderId() == null || !so.symbol().equals(cfg.symbol())) {
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

  @Override
  synchronized void stopPoller() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

}
