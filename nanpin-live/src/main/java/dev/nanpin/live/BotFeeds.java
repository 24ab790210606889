package dev.nanpin.live;

import dev.nanpin.ConfigException;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import dev.nanpin.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signal feeds of a {@link Bot} that run beside the engines: polled feeds on a schedule,
 * streamed feeds and the market's trade stream, each delivered to every ladder (a ladder takes only
 * its own symbol's trades). Recorded and computed feeds are not here: the engines read them at
 * every bar close ({@link LiveEngine#signalsAtBarClose}).
 *
 * <p>A polled feed is polled once per period for the whole bot, on one poller thread of the bot (a
 * data source may block on the network; no engine thread ever waits for it), and each answer is
 * handed to every ladder still running: a bot of several symbols costs a rate-limited data API no
 * more calls than a bot of one. A failing poll is logged, counted ({@link EngineHealth}) and tried
 * again at the next period; once no ladder runs, nothing is polled.
 *
 * <p>Started once by {@link Bot#start()}, stopped by {@link Bot#stop()} and closed by {@link
 * Bot#close()}; {@link #stopPolling()} and {@link #offerTrade} are safe from any thread.
 */
final class BotFeeds implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  private final String bot;
  private final List<LiveEngine> engines;
  private final EngineHealth health;
  private final List<SignalFeed> feeds;
  private final Bot.TradeStream trades;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();
  private ScheduledThreadPoolExecutor poller; // guarded by this

  BotFeeds(String bot, List<LiveEngine> engines, EngineHealth health, List<SignalFeed> feeds,
      Bot.TradeStream trades) {
    this.bot = bot;
    this.engines = List.copyOf(engines);
    this.health = health;
    this.feeds = List.copyOf(feeds);
    this.trades = trades;
  }

  /**
   * Schedules the polled feeds and subscribes the streamed ones and the trade stream.
   *
   * @throws ConfigException ({@code signals}) if a subscription fails
   */
  void start() {
    try {
      for (SignalFeed f : feeds) {
        if (f instanceof SignalFeed.Polled p) {
          schedule(p.name(), p.every().toMillis(), health.timedPoll(p.name(), p.poll()));
        } else if (f instanceof SignalFeed.Streamed s) {
          health.feed(s.name());
          subscriptions.add(s.subscriber().subscribe(signal -> {
            health.reading(s.name());
            deliver(signal);
          }));
        }
      }
      if (trades != null) {
        subscriptions.add(trades.subscribe(this::offerTrade));
      }
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ConfigException("signals", "bot %s: a subscription failed at start: %s".formatted(bot, e));
    }
  }

  private synchronized void schedule(String name, long everyMillis, Supplier<Signal> poll) {
    if (poller == null) {
      poller = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "nanpin-signals-" + bot);
        t.setDaemon(true);
        return t;
      });
    }
    poller.scheduleWithFixedDelay(() -> pollOnce(name, poll), 0, everyMillis, TimeUnit.MILLISECONDS);
  }

  /** One tick of a polled feed: one poll, its answer to every ladder still running. */
  private void pollOnce(String name, Supplier<Signal> poll) {
    if (engines.stream().noneMatch(BotFeeds::running)) {
      return;
    }
    try {
      Signal s = poll.get();
      if (s != null) {
        deliver(s);
      }
    } catch (RuntimeException e) {
      log.warn("Bot {}: signal poll {} failed: {}", bot, name, e.toString());
    }
  }

  /** Hands a signal to every ladder still running, on its engine thread. */
  private void deliver(Signal signal) {
    for (LiveEngine e : engines) {
      if (running(e)) {
        try {
          e.offerSignal(signal);
        } catch (RejectedExecutionException stopped) {
          // the ladder stopped between the check and the offer: nothing left to tell
        }
      }
    }
  }

  /** Whether a ladder still takes signals: not asked to stop, not failed. */
  private static boolean running(LiveEngine e) {
    return !e.closeRequested && e.failure() == null;
  }

  /** Hands a public trade to every ladder; each takes its own symbol's. */
  void offerTrade(Trade trade) {
    for (LiveEngine e : engines) {
      e.offerTrade(trade);
    }
  }

  /** Stops polling; idempotent. */
  synchronized void stopPolling() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  /** Stops polling and ends the subscriptions; a failure to close one is logged and the others are still closed. */
  @Override
  public void close() {
    stopPolling();
    for (AutoCloseable s : subscriptions) {
      BotLifecycle.closeQuietly(bot, s);
    }
    subscriptions.clear();
  }
}
