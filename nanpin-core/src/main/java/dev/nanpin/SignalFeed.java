package dev.nanpin;

import dev.nanpin.internal.Checks;
import dev.nanpin.spi.Plugins;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where a strategy's {@link Signal}s come from: one description that the simulator and the live
 * engine (through {@code Bot.builder()}) both accept, so a bot is configured the same way for a
 * backtest and for trading. A feed is a description, not a running thing: it is immutable and
 * thread-safe, and each engine run makes its own state from it (a {@link Computed} feed makes a
 * new {@link SignalGenerator} per run, a Monte Carlo path included).
 *
 * <p>Four kinds:
 * <ul>
 *   <li>{@link #recorded} signals observed in the past (a Fear &amp; Greed history): each reaches
 *       the strategy at the close of the first bar that closes at or after its {@link
 *       Signal#asOf()}, in the simulator and on a live or replayed bar stream alike.
 *   <li>{@link #computed} from the bars themselves by a {@link SignalGenerator} (an indicator,
 *       Wyckoff phases, an ML model): run at every bar close, and live also on every public
 *       trade when a trade stream is attached.
 *   <li>{@link #polled} from a data source on a schedule (live only: a poll has no past).
 *   <li>{@link #streamed} pushed by a subscription (live only).
 * </ul>
 *
 * <p><b>Order at a bar close</b> (simulator and live): first the recorded signals observed by the
 * close, in time order; then each computed feed in the order the feeds were given, each
 * non-null signal delivered as soon as its generator returns it; then the strategy's {@code
 * onBar} for that bar. A delivered signal reaches {@link Strategy#onSignal} and becomes the
 * answer of {@link StrategyContext#signal(Class)} for its type. Polled and streamed signals reach
 * the strategy between events, whenever they arrive.
 */
public sealed interface SignalFeed permits SignalFeed.Recorded, SignalFeed.Computed, SignalFeed.Polled,
    SignalFeed.Streamed {

  /** @return the feed's name, used in messages and logs */
  String name();

  /**
   * Recorded signals, replayed at the close of the bar that observes each one.
   *
   * @param name the feed's name
   * @param signals the signals, in any order (sorted by {@link Signal#asOf()}, ties kept in order)
   * @return the feed
   */
  static SignalFeed recorded(String name, List<? extends Signal> signals) {
    return new Recorded(name, List.copyOf(signals));
  }

  /**
   * Signals computed from the bars (and trades) by a generator.
   *
   * @param name the feed's name
   * @param factory makes a new, independent generator for each engine run
   * @return the feed
   */
  static SignalFeed computed(String name, Supplier<? extends SignalGenerator> factory) {
    return new Computed(name, factory);
  }

  /**
   * Signals computed by a generator plugin found by id ({@link dev.nanpin.spi.PluginFamily#SIGNAL}).
   * One generator is made here, so an unknown id or a bad setting fails now, naming the id and
   * the known ids, not at the first run.
   *
   * @param plugins the plugin lookup
   * @param id the generator's provider id
   * @param settings its raw settings
   * @return the feed, named after the id
   * @throws PluginException if no provider has the id (the message lists the known ids)
   * @throws ConfigException if a setting is unknown, mistyped or out of range
   */
  static SignalFeed computed(Plugins plugins, String id, Map<String, ?> settings) {
    Objects.requireNonNull(plugins, "plugins");
    Map<String, ?> copy = Map.copyOf(settings);
    plugins.signalGenerator(id, copy);
    return new Computed(id, () -> plugins.signalGenerator(id, copy));
  }

  /**
   * Signals polled live on a schedule; a backtest refuses this feed (record the history instead).
   *
   * @param name the feed's name
   * @param every the period
   * @param poll answers the latest signal, or {@code null} when there is none; may block on I/O
   * @return the feed
   */
  static SignalFeed polled(String name, Duration every, Supplier<? extends Signal> poll) {
    return new Polled(name, every, poll);
  }

  /**
   * Signals pushed live by a subscription; a backtest refuses this feed.
   *
   * @param name the feed's name
   * @param subscriber opens the subscription when the bot starts
   * @return the feed
   */
  static SignalFeed streamed(String name, Subscriber subscriber) {
    return new Streamed(name, subscriber);
  }

  /**
   * Recorded signals.
   *
   * @param name the feed's name
   * @param signals the signals in time order
   */
  record Recorded(String name, List<Signal> signals) implements SignalFeed {
    /** Validates, copies and sorts by {@link Signal#asOf()}. */
    public Recorded {
      Checks.notBlank(name, "name");
      List<Signal> sorted = new ArrayList<>(signals.size());
      for (Signal s : signals) {
        sorted.add(Objects.requireNonNull(s, "signal"));
      }
      sorted.sort(Comparator.comparing(Signal::asOf));
      signals = List.copyOf(sorted);
    }
  }

  /**
   * Signals computed by a generator.
   *
   * @param name the feed's name
   * @param factory makes a new generator for each run
   */
  record Computed(String name, Supplier<? extends SignalGenerator> factory) implements SignalFeed {
    /** Validates. */
    public Computed {
      Checks.notBlank(name, "name");
      Objects.requireNonNull(factory, "factory");
    }

    /**
     * @return a new generator
     * @throws PluginException if the factory answers {@code null}
     */
    public SignalGenerator newGenerator() {
      SignalGenerator g = factory.get();
      if (g == null) {
        throw new PluginException("signal", name, List.of(), "signal feed '" + name + "' made no generator");
      }
      return g;
    }
  }

  /**
   * Signals polled on a schedule.
   *
   * @param name the feed's name
   * @param every the period, {@code > 0}
   * @param poll the poll
   */
  record Polled(String name, Duration every, Supplier<? extends Signal> poll) implements SignalFeed {
    /** Validates. */
    public Polled {
      Checks.notBlank(name, "name");
      Objects.requireNonNull(every, "every");
      if (every.isZero() || every.isNegative()) {
        throw new ConfigException("every", "signal feed '%s': every must be positive: %s".formatted(name, every));
      }
      Objects.requireNonNull(poll, "poll");
    }
  }

  /**
   * Signals pushed by a subscription.
   *
   * @param name the feed's name
   * @param subscriber opens the subscription
   */
  record Streamed(String name, Subscriber subscriber) implements SignalFeed {
    /** Validates. */
    public Streamed {
      Checks.notBlank(name, "name");
      Objects.requireNonNull(subscriber, "subscriber");
    }
  }

  /** Opens a stream of signals. */
  @FunctionalInterface
  interface Subscriber {
    /**
     * Starts pushing signals to {@code sink}, from any thread, until the returned handle is closed.
     *
     * @param sink where signals go; thread-safe
     * @return closes the subscription
     * @throws Exception if the subscription cannot be opened
     */
    AutoCloseable subscribe(Consumer<? super Signal> sink) throws Exception;
  }
}
