package dev.nanpin.live;

import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.store.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The live engine's events: the venue's streams hand every event to the engine's {@link
 * EngineLoop} (tickers as the latest value, everything else in arrival order), and each is
 * handled there, guarded: an error stops the engine ({@link #fail}). Also the plumbing the public
 * methods of {@link LiveEngine} use to run work on the engine thread. Engine thread only, except
 * {@link Listener}'s callbacks and the hand-over methods, which any thread may call.
 */
abstract class EngineEvents extends StatusWriter {
  private static final int RECONNECT_STORM_COUNT = 3;
  private static final Duration RECONNECT_STORM_WINDOW = Duration.ofMinutes(5);

  final EngineLoop engineLoop;
  /** Events handed over and not yet handled (a replay's {@code flush} waits for none). */
  final AtomicInteger pendingEvents = new AtomicInteger();
  final Consumer<Signal> deliverSignal = this::deliverSignal;
  final List<Subscription> subscriptions = new ArrayList<>();
  private final ArrayDeque<Long> reconnectTimes = new ArrayDeque<>();
  /** The strategy's tick callback, made once: a tick that places no order allocates nothing. */
  private final Runnable onTick = () -> strategy.onTick(ctx);
  private final EngineLoop.Latest<Ticker> latestTicker = new EngineLoop.Latest<>() {
    @Override
    void handle(Ticker ticker, long arrived) {
      onTickerEvent(ticker, arrived);
    }
  };

  EngineEvents(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier, EngineLoop engineLoop) {
    super(config, exchange, strategy, sizer, guard, store, clock, notifier);
    this.engineLoop = Objects.requireNonNull(engineLoop, "engineLoop");
  }

  /** Stops the signal poller, if any; see {@link LiveEngine#scheduleSignal}. */
  abstract void stopPoller();

  /**
   * The latest ticker, on the engine thread: the price, then the strategy's {@code onTick} in a
   * store transaction. Guarded as every event is; no allocation of its own.
   *
   * @param arrived when the first ticker this one replaced was handed over (tick-to-order latency)
   */
  private void onTickerEvent(Ticker ticker, long arrived) {
    try {
      if (failure != null) {
        return;
      }
      try {
        touch();
        price = ticker.last().doubleValue();
        marketEventNanos = arrived;
        inStrategyTx(onTick);
        marketEventNanos = -1;
      } catch (RuntimeException | Error e) {
        fail(e);
      }
    } finally {
      pendingEvents.decrementAndGet();
    }
  }

  // ---- the loop -----------------------------------------------------------------------------

  void enqueue(Runnable task) {
    pendingEvents.incrementAndGet();
    try {
      engineLoop.execute(() -> {
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

  void offer(Runnable task) {
    try {
      enqueue(task);
    } catch (RejectedExecutionException e) {
      log.debug("Event dropped: engine {} has stopped", cfg.name());
    }
  }

  /** A scheduled task of this engine: it ends with the engine, also on a loop other engines share. */
  void periodic(Runnable task) {
    if (!stopping) {
      guarded(task);
    }
  }

  void guarded(Runnable task) {
    if (failure != null) {
      return;
    }
    try {
      task.run();
    } catch (RuntimeException | Error e) {
      fail(e);
    }
  }

  <T> T call(Supplier<T> work) {
    try {
      return engineLoop.submit(() -> {
        try {
          return work.get();
        } catch (RuntimeException | Error e) {
          fail(e);
          throw e;
        }
      }).get(5, TimeUnit.MINUTES);
    } catch (RejectedExecutionException | CancellationException e) {
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

  void fail(Throwable e) {
    if (failure != null) {
      return;
    }
    failure = e;
    state = "failed";
    log.error("Engine {} ({}) stopped by an error: {}", cfg.name(), cfg.symbol(), e.toString(), e);
    notifier.notify(Notifier.ERROR, fields("symbol", cfg.symbol(), "error", String.valueOf(e.getMessage())));
    for (Subscription s : subscriptions) {
      closeQuietly(s);
    }
    stopPoller();
    writeStatusQuietly();
    engineLoop.abort();
  }

  // ---- events -------------------------------------------------------------------------------

  /** The venue's streams: every event is handed to the engine thread; nothing else runs here. */
  final class Listener implements ExchangeListener {
    @Override
    public void onTicker(Ticker ticker) {
      if (!ticker.symbol().equals(cfg.symbol())) {
        return;
      }
      // Only the latest price matters: a ticker that finds the previous one still waiting last in
      // the queue takes its place (the hand-over allocates nothing; see EngineLoop.Latest).
      long arrived = System.nanoTime();
      pendingEvents.incrementAndGet();
      try {
        if (!engineLoop.offerLatest(latestTicker, ticker, arrived)) {
          pendingEvents.decrementAndGet();
        }
      } catch (RejectedExecutionException e) {
        pendingEvents.decrementAndGet();
        log.debug("Event dropped: engine {} has stopped", cfg.name());
      }
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

  void touch() {
    lastEventMillis = clock.millis();
    streamHealthy = true;
  }


  static void closeQuietly(Subscription s) {
    try {
      s.close();
    } catch (RuntimeException e) {
      log.debug("closing a subscription failed: {}", e.toString());
    }
  }

  void deliverSignal(Signal signal) {
    signals.put(signal.getClass(), signal);
    strategy.onSignal(ctx, signal);
  }

  /** The close time of the last bar seen: its open time plus the bar length. */
  long barCloseMillis() {
    return bars.lastTime() + cfg.barInterval().toMillis();
  }
}
