package dev.nanpin.live;

import dev.nanpin.ConfigException;
import dev.nanpin.SignalFeed;
import java.util.ArrayList;
import java.util.List;

/**
 * The signal feeds of a {@link Bot} that run beside the engines: polled feeds on a schedule,
 * streamed feeds and the market's trade stream, each delivered to every ladder (a ladder takes only
 * its own symbol's trades). Recorded and computed feeds are not here: the engines read them at
 * every bar close ({@link LiveEngine#signalsAtBarClose}). Started once by {@link Bot#start()},
 * closed by {@link Bot#close()}, both on the bot owner's thread.
 */
final class BotFeeds implements AutoCloseable {
  private final String bot;
  private final List<LiveEngine> engines;
  private final EngineHealth health;
  private final List<SignalFeed> feeds;
  private final Bot.TradeStream trades;
  private final List<AutoCloseable> subscriptions = new ArrayList<>();

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
          for (LiveEngine e : engines) {
            e.scheduleSignal(p.every(), health.timedPoll(p.name(), p.poll()));
          }
        } else if (f instanceof SignalFeed.Streamed s) {
          health.feed(s.name());
          subscriptions.add(s.subscriber().subscribe(signal -> {
            health.reading(s.name());
            engines.forEach(e -> e.offerSignal(signal));
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

  /** Hands a public trade to every ladder; each takes its own symbol's. */
  void offerTrade(dev.nanpin.Trade trade) {
    for (LiveEngine e : engines) {
      e.offerTrade(trade);
    }
  }

  /** Ends the subscriptions; a failure to close one is logged and the others are still closed. */
  @Override
  public void close() {
    for (AutoCloseable s : subscriptions) {
      BotLifecycle.closeQuietly(bot, s);
    }
    subscriptions.clear();
  }
}
