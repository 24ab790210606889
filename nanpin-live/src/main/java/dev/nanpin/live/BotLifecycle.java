package dev.nanpin.live;

import java.time.Duration;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link Bot}'s life cycle: start (engines, then HTTP and the signal feeds), the lock-step
 * replay, the graceful stop and the close of what the bot owns. {@link #stop()}, {@link
 * #stopRequested()} and {@link #failure()} are safe from any thread; the rest belongs to the
 * thread that owns the bot (see {@link Bot}).
 */
final class BotLifecycle {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final String name;
  private final List<LiveEngine> engines;
  private final BotFeeds feeds;
  private final Bot.BarReplay replay;
  /** What close() closes, last opened first. */
  private final Deque<AutoCloseable> owned;
  /** The HTTP face, bound by build() and serving from start(); {@code null} when not asked for. */
  private BotHttpServer http;
  private volatile boolean stopRequested;
  private volatile boolean replaying;
  private boolean started;
  private boolean closed;

  BotLifecycle(String name, List<LiveEngine> engines, BotFeeds feeds, Bot.BarReplay replay,
      Deque<AutoCloseable> owned) {
    this.name = name;
    this.engines = List.copyOf(engines);
    this.feeds = feeds;
    this.replay = replay;
    this.owned = owned;
  }

  /** Serves HTTP from {@link #start()}; set once, before it. */
  void serve(BotHttpServer server) {
    this.http = server;
  }

  /** @return the HTTP face, or {@code null} */
  BotHttpServer http() {
    return http;
  }

  /** See {@link Bot#start()}. */
  void start() {
    if (started || closed) {
      throw new IllegalStateException("bot " + name + " was already started");
    }
    started = true;
    try {
      for (LiveEngine e : engines) {
        e.start();
      }
    } catch (RuntimeException e) {
      stop();
      throw e;
    }
    try {
      if (http != null) {
        http.start();
      }
      feeds.start();
    } catch (RuntimeException e) {
      engines.forEach(LiveEngine::close);
      throw e;
    }
  }

  /** See {@link Bot#runReplay(Duration, Runnable)}. */
  boolean runReplay(Duration pause, Runnable afterBar) throws InterruptedException {
    if (replay == null || !started) {
      throw new IllegalStateException(replay == null ? "bot " + name + " has no replay"
          : "start the bot before running its replay");
    }
    long pauseNanos = pause.toNanos();
    // the engine hears each print's fills and reacts before the path goes on, as in a backtest
    Runnable react = () -> {
      try {
        flushAll();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    };
    replaying = true;
    boolean finished = false;
    try {
      // a failed ladder stops alone: the replay goes on while any ladder runs, as a live bot does
      boolean more = true;
      while (!stopRequested && anyRunning() && (more = replay.advance(react))) {
        flushAll();
        afterBar.run();
        if (pauseNanos > 0) {
          LockSupport.parkNanos(pauseNanos);
        }
      }
      finished = !more && !stopRequested;
      for (LiveEngine e : engines) {
        if (finished && e.failure() == null) {
          e.reconcileNow();
        }
      }
    } finally {
      replaying = false;
      stopRequested = true;
      engines.forEach(LiveEngine::close);
    }
    return finished;
  }

  private void flushAll() throws InterruptedException {
    for (LiveEngine e : engines) {
      e.flush();
    }
  }

  /** See {@link Bot#stop()}. */
  void stop() {
    stopRequested = true;
    feeds.stopPolling();
    // A running replay closes the engines itself once the bar it is playing has been handled: a
    // fill the venue records in that bar must reach the store before the engines stop listening.
    // (stopRequested is written before replaying is read, and the replay writes replaying before
    // it reads stopRequested, so one of the two always closes the engines.)
    if (!replaying) {
      engines.forEach(LiveEngine::close);
    }
  }

  boolean stopRequested() {
    return stopRequested;
  }

  /** @return whether some ladder neither failed nor stopped */
  boolean anyRunning() {
    for (LiveEngine e : engines) {
      if (e.failure() == null && !e.closeRequested) {
        return true;
      }
    }
    return false;
  }

  /** @return the first ladder's failure, in symbol order, or {@code null} */
  Throwable failure() {
    for (LiveEngine e : engines) {
      if (e.failure() != null) {
        return e.failure();
      }
    }
    return null;
  }

  /** See {@link Bot#failures()}. */
  Map<String, Throwable> failures() {
    Map<String, Throwable> out = new LinkedHashMap<>();
    for (LiveEngine e : engines) {
      if (e.failure() != null) {
        out.put(e.cfg.symbol(), e.failure());
      }
    }
    return out;
  }

  /** See {@link Bot#cancelAllOrders()}: the running ladders only. */
  int cancelAllOrders() {
    int cancelled = 0;
    for (LiveEngine e : engines) {
      if (e.failure() == null) {
        cancelled += e.cancelAllOrders();
      }
    }
    return cancelled;
  }

  /** See {@link Bot#close()}. */
  void close() {
    if (closed) {
      return;
    }
    closed = true;
    stop();
    try {
      if (!engines.get(0).awaitTermination(Bot.CLOSE_WAIT)) {
        log.warn("Bot {}: the engine did not stop within {}; closing its resources anyway", name, Bot.CLOSE_WAIT);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    feeds.close();
    while (!owned.isEmpty()) {
      closeQuietly(name, owned.pop());
    }
  }

  /** Closes {@code c}, logging a failure instead of throwing it. */
  static void closeQuietly(String bot, AutoCloseable c) {
    try {
      c.close();
    } catch (Exception e) {
      log.warn("Bot {}: closing {} failed: {}", bot, c, e.toString());
    }
  }
}
