package dev.nanpin.live;

import dev.nanpin.ConfigException;
import dev.nanpin.Exchange;
import dev.nanpin.SignalFeed;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.Trade;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.store.StateStore;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.function.Consumer;

/**
 * A trading bot: one strategy on one market of an exchange (a venue, or a paper exchange), with
 * its sizers, its risk guard, its durable store, its signal feeds and its notifier, run by a
 * {@link LiveEngine}. This is the public way to run a bot from Java; {@code nanpin run} is a thin
 * layer over it.
 *
 * <pre>{@code
 * try (Bot bot = Bot.builder()
 *     .engine(EngineConfig.defaults("my-bot", "BTC_USDC").withBars(Duration.ofHours(1), 200))
 *     .exchange(exchange)
 *     .strategy(new NanpinStrategy(NanpinConfig.defaults()))
 *     .sizer(Sizer.fixedQuote(100))
 *     .risk(new RiskLimits(new BigDecimal("1000"), null, null, null, null))
 *     .store(Path.of("my-bot.db"))
 *     .signal(SignalFeed.computed("trend", MyTrendGenerator::new))
 *     .build()) {
 *   bot.start();
 *   bot.awaitTermination(Duration.ofDays(365));
 * }
 * }</pre>
 *
 * <p><b>Several symbols.</b> With {@link Builder#ladder} instead of {@link Builder#strategy}, the
 * bot trades several symbols on one account: one {@link LiveEngine} (a ladder) per symbol, each
 * with its own strategy instance and sizers, all on one engine thread, sharing the exchange, the
 * store and the account. Every order passes its symbol's risk guard, then the {@link
 * Builder#portfolioLimits} over every ladder ({@link dev.nanpin.risk.guard.PortfolioGuard}). Each
 * ladder keeps its state under owners keyed by its symbol ({@link LiveEngine#owner}), so a restart
 * restores every ladder. {@link #ladders()} and {@link #portfolio()} show each ladder and the
 * account; control calls ({@link #pause()}, {@link #cancelAllOrders()}, {@link #stop()}) act on
 * every ladder.
 *
 * <p><b>A ladder that fails.</b> An error a ladder cannot handle (its store, its strategy, a venue
 * answer it cannot place) means its state can no longer be trusted: that ladder stops at once (as
 * a single-symbol bot's engine does), its streams closed, its resting orders left on the venue
 * for the next start's reconciliation. The other ladders go on managing what they hold (fills,
 * reconciliation, orders that only reduce a position), but, since they share the account and the
 * portfolio guard can no longer see the failed ladder's position, <em>no ladder adds risk until
 * the bot is restarted</em>: every order that would is refused ({@code LADDER_FAILED}, naming the
 * ladder and why). {@link #failures()}, {@link #ladders()} ({@link EngineStatus#failure()}), the
 * status file, {@code /health} ({@code DEGRADED}) and {@code /ready} name the failed ladder and
 * its error; {@link #failure()} is the first. The bot stops when every ladder has failed or on
 * {@link #stop()}; a restart restores every ladder from the store and reconciles it with the venue.
 *
 * <p><b>Life cycle.</b> {@link Builder#build()} checks everything it can (the market exists on
 * the exchange, the risk limits have the margin model they need, every signal feed makes its
 * generator, the engine settings) before it opens the store, so a mistake costs no state.
 * {@link #start()} starts the engine (restore, warm-up, reconcile, {@code onStart}), then the
 * polled and streamed signal feeds and the trade stream. {@link #stop()} asks the engine to stop
 * gracefully; {@link #close()} stops, waits for the engine (at most {@link #CLOSE_WAIT}) and
 * closes what the bot owns: the store it opened from a path or URL and whatever was handed to
 * {@link Builder#owns}, in reverse order. The exchange, a store passed as an object and the
 * notifier stay the caller's unless handed to {@code owns}.
 *
 * <p><b>Watching.</b> With {@link Builder#http} the bot binds its {@link BotHttpServer} in {@link
 * Builder#build()}, serves from {@link #start()} (once the engine runs) and stops serving at {@link
 * #close()}; its metrics ({@link BotMetrics}) include the engine's notable events. With {@link
 * Builder#telegram} it sends those events and a periodic summary to a Telegram chat, and closes the
 * {@link TelegramNotifier} after the engine.
 *
 * <p><b>Signals.</b> Recorded and computed feeds are delivered at every bar close before the
 * strategy's {@code onBar}, in the simulator's order ({@link SignalFeed}); a polled feed is polled
 * once per period for the whole bot, on a poller thread of the bot, and each answer goes to every
 * ladder (one call to the data source however many symbols); streamed feeds push from their own
 * threads; all of them reach the strategies on the engine thread.
 *
 * <p><b>Thread safety.</b> The builder is not thread-safe. {@link #stop()}, {@link #status()},
 * {@link #failure()}, {@link #failures()}, {@link #awaitTermination} and {@link #offerTrade} may be called from any
 * thread (a signal handler calls {@code stop()}); {@link #start()}, {@link #runReplay} and
 * {@link #close()} belong to the thread that owns the bot.
 */
public final class Bot implements AutoCloseable {
  /** The longest {@link #close()} waits for the engine to stop before closing the resources. */
  public static final Duration CLOSE_WAIT = Duration.ofMinutes(1);

  /** The engine, or the first ladder's of a multi-symbol bot. */
  private final LiveEngine engine;
  /** Every engine: one, or one per ladder in symbol order. */
  private final List<LiveEngine> engines;
  /** The ladders seen together, or {@code null} for a single-symbol bot. */
  private final Portfolio portfolio;
  private final EngineHealth health;
  private final StateStore store;
  private final EngineConfig config;
  private final BotFeeds feeds;
  private final BotLifecycle life;

  /** Made by {@link BotAssembly} from a checked builder. */
  Bot(EngineConfig config, List<LiveEngine> engines, Portfolio portfolio, EngineHealth health, StateStore store,
      BotFeeds feeds, BarReplay replay, Deque<AutoCloseable> owned) {
    this.config = config;
    this.engine = engines.get(0);
    this.engines = List.copyOf(engines);
    this.portfolio = portfolio;
    this.health = health;
    this.store = store;
    this.feeds = feeds;
    this.life = new BotLifecycle(config.name(), engines, feeds, replay, owned);
  }

  /** Serves the bot's HTTP endpoints from {@link #start()}; set once by {@link BotAssembly}. */
  void serve(BotHttpServer server) {
    life.serve(server);
  }

  /** @return a new builder */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts the engine and waits until it runs, then starts the polled and streamed signal feeds
   * and the trade stream. Call once.
   *
   * @throws IllegalStateException if the bot was started or closed before
   * @throws dev.nanpin.NanpinException if the venue, the store or a subscription fails at start;
   *     the engine is then stopped
   */
  public void start() {
    life.start();
  }

  /**
   * Drives a replay (see {@link Builder#replay}) bar by bar in lock step with the engine: each
   * bar is handled, with every event it caused, before the next is released. Returns when the
   * replay ends, {@link #stop()} is called or every ladder has failed (the others play on past a
   * failed ladder, as live); at the end of the replay the ladders still running reconcile once
   * more, and all are asked to stop.
   *
   * @param pause the wall time to wait between bars, {@link Duration#ZERO} for as fast as the
   *     engine goes
   * @return {@code true} if the replay reached its end
   * @throws IllegalStateException if the bot has no replay or was not started
   * @throws InterruptedException if interrupted while waiting for the engine
   */
  public boolean runReplay(Duration pause) throws InterruptedException {
    return runReplay(pause, () -> {});
  }

  /**
   * Runs the replay as {@link #runReplay(Duration)} does, calling {@code afterBar} after each bar
   * the engine has handled (a progress display, for example).
   *
   * @param pause the pause after each bar, {@link Duration#ZERO} for none
   * @param afterBar called on this thread after each bar
   * @return {@code true} when the replay reached its end
   * @throws InterruptedException if interrupted
   */
  public boolean runReplay(Duration pause, Runnable afterBar) throws InterruptedException {
    return life.runReplay(pause, afterBar);
  }

  /**
   * Asks the engine to stop gracefully, without waiting (see {@link LiveEngine#close()}), and
   * ends the signal subscriptions. A running {@linkplain #runReplay replay} first finishes the bar
   * it is playing, with every event that bar caused, and then stops the engine. Idempotent; safe
   * from any thread.
   */
  public void stop() {
    life.stop();
  }

  /** @return whether {@link #stop()} (or {@link #close()}) was called */
  public boolean stopRequested() {
    return life.stopRequested();
  }

  /**
   * Waits until the engine has stopped.
   *
   * @param timeout the longest wait
   * @return {@code true} if it stopped in time
   * @throws InterruptedException if interrupted
   */
  public boolean awaitTermination(Duration timeout) throws InterruptedException {
    return engine.awaitTermination(timeout);
  }

  /**
   * @return the address the bot's HTTP endpoints are bound to (with the port the system chose when
   *     asked for port 0), or empty when the bot serves no HTTP ({@link Builder#http})
   */
  public Optional<InetSocketAddress> httpAddress() {
    return Optional.ofNullable(life.http()).map(BotHttpServer::address);
  }

  /** @return what the engine reported beyond its status: reconciliations, liquidation distance, feeds */
  EngineHealth health() {
    return health;
  }

  /** @return a snapshot of the engine; of the first ladder for a multi-symbol bot (see {@link #ladders()}) */
  public EngineStatus status() {
    return engine.status();
  }

  /** @return every ladder's snapshot, in symbol order (one for a single-symbol bot) */
  public List<EngineStatus> ladders() {
    return portfolio == null ? List.of(engine.status()) : portfolio().orElseThrow().ladders();
  }

  /**
   * @return the snapshot of every ladder and the shared account, taken at one moment on the
   *     engine thread; empty for a single-symbol bot
   */
  public Optional<PortfolioStatus> portfolio() {
    return portfolio == null ? Optional.empty() : Optional.of(engine.onLoop(() -> portfolio.snapshot(config.name())));
  }

  /** @return the symbols the bot trades, in order */
  public List<String> symbols() {
    return engines.stream().map(e -> e.cfg.symbol()).toList();
  }

  /** @return the bot's durable state: orders, fills, equity history, audit log (read it; the engine writes it) */
  public StateStore store() {
    return store;
  }

  /** Pauses trading: new orders are refused until {@link #resume()}; see {@link LiveEngine#pause()}. */
  public void pause() {
    engines.forEach(LiveEngine::pause);
  }

  /** Resumes trading after {@link #pause()}. */
  public void resume() {
    engines.forEach(LiveEngine::resume);
  }

  /** @return whether trading is paused */
  public boolean paused() {
    return engine.paused();
  }

  /**
   * Cancels every open order of the bot's running ladders on the venue (a failed ladder's orders
   * are left to the next start's reconciliation: its state is not trusted to name them).
   *
   * @return how many the venue confirmed cancelled
   */
  public int cancelAllOrders() {
    return life.cancelAllOrders();
  }

  /**
   * @param timeout the longest to wait
   * @return how long an empty task waits behind the engine's queued events
   */
  public Duration eventLoopLag(Duration timeout) {
    return engine.eventLoopLag(timeout);
  }

  /** @return the error that stopped the engine, or the first failed ladder's; {@code null} when none failed */
  public Throwable failure() {
    return life.failure();
  }

  /** @return each failed ladder's error by symbol, in symbol order; empty when none failed */
  public Map<String, Throwable> failures() {
    return life.failures();
  }

  /** @return the engine settings the bot runs with (warm-up raised to the generators' needs) */
  public EngineConfig config() {
    return config;
  }

  /** @return the bar length of the bot's market stream */
  public Duration barInterval() {
    return config.barInterval();
  }

  /**
   * Hands a public trade to the computed signal feeds (a trade stream calls this).
   *
   * @param trade the trade
   */
  public void offerTrade(Trade trade) {
    feeds.offerTrade(trade);
  }

  /**
   * Stops, waits for the engine (at most {@link #CLOSE_WAIT}), ends the subscriptions and closes
   * what the bot owns, last opened first. Idempotent. A resource that fails to close is logged
   * and the others are still closed.
   */
  @Override
  public void close() {
    life.close();
  }

  /** A bar replay the bot drives in lock step, such as a paper exchange replaying a CSV. */
  @FunctionalInterface
  public interface BarReplay {
    /**
     * Releases the next bar (its market events and fills), price by price.
     *
     * @param afterPrint run after each price print that filled orders, so that the engine reacts
     *     before the path goes on
     * @return {@code false} when no bar is left
     */
    boolean advance(Runnable afterPrint);
  }

  /** A stream of the market's public trades, for the computed signal feeds. */
  @FunctionalInterface
  public interface TradeStream {
    /**
     * Starts pushing trades to {@code sink}, in venue order, until the handle is closed.
     *
     * @param sink where trades go; thread-safe
     * @return closes the stream
     * @throws Exception if the stream cannot be opened
     */
    AutoCloseable subscribe(Consumer<Trade> sink) throws Exception;
  }

  /**
   * Assembles a {@link Bot}. Required: {@link #engine}, {@link #exchange}, {@link #strategy} (or,
   * for several symbols, one {@link #ladder} per symbol), and a store ({@link #store(Path)}, {@link #store(String, Properties)} or {@link
   * #store(StateStore)}). Not thread-safe.
   */
  public static final class Builder {
    /** The settings, and what builds the bot from them. */
    private final BotAssembly plan = new BotAssembly();

    private Builder() {}

    /**
     * Adds a symbol to a multi-symbol bot: one ladder, with a strategy instance and sizers of its
     * own (their state is kept and restored per symbol). All ladders run on one engine thread,
     * share the exchange (one connection where the connector multiplexes its streams), the store
     * and the account, and every order passes the {@link #portfolioLimits} besides the {@link
     * #risk} limits of its symbol. Use it instead of {@link #strategy} and {@link #sizer}; the
     * {@link #engine} settings apply to every ladder, with the ladder's symbol.
     *
     * @param symbol the venue symbol
     * @param strategy this symbol's strategy instance (never shared with another ladder)
     * @param sizers this symbol's sizers, applied in order (none: sizer intents are refused)
     * @return this builder
     * @throws ConfigException ({@code symbols}) if the symbol was added before
     */
    public Builder ladder(String symbol, Strategy strategy, Sizer... sizers) {
      BotAssembly.addLadder(plan.ladders, symbol, strategy, sizers);
      return this;
    }

    /**
     * @param limits the limits over all ladders of a multi-symbol bot (active ladders, total
     *     capital in use, equity share per symbol, total leverage), checked before every order that
     *     adds risk; none by default
     * @return this builder
     */
    public Builder portfolioLimits(PortfolioLimits limits) {
      plan.portfolioLimits = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * @param config the engine settings: name, symbol, bar interval, warm-up, reconciliation,
     *     status file, fees
     * @return this builder
     */
    public Builder engine(EngineConfig config) {
      plan.engine = Objects.requireNonNull(config, "config");
      return this;
    }

    /**
     * @param exchange the venue connector or paper exchange; closed only if also handed to {@link #owns}
     * @return this builder
     */
    public Builder exchange(Exchange exchange) {
      plan.exchange = Objects.requireNonNull(exchange, "exchange");
      return this;
    }

    /**
     * @param strategy the strategy; restored from the store when it is {@link dev.nanpin.Stateful}
     * @return this builder
     */
    public Builder strategy(Strategy strategy) {
      plan.strategy = Objects.requireNonNull(strategy, "strategy");
      return this;
    }

    /**
     * Adds a sizer to the chain that sizes {@link dev.nanpin.Sizing#SIZER} intents (applied in
     * the order added); without any such intents are refused.
     *
     * @param sizer the sizer
     * @return this builder
     */
    public Builder sizer(Sizer sizer) {
      plan.sizers.add(Objects.requireNonNull(sizer, "sizer"));
      return this;
    }

    /**
     * @param limits the risk limits every order that adds to the position must pass
     * @return this builder
     */
    public Builder risk(RiskLimits limits) {
      plan.risk = Objects.requireNonNull(limits, "limits");
      return this;
    }

    /**
     * Sets the market's maintenance-margin model (Backpack's {@code mmfFunction}), which the
     * liquidation-distance limit of a perp needs; the estimate uses cross margin at the
     * strategy's leverage ceiling.
     *
     * @param model the model
     * @return this builder
     */
    public Builder marginModel(MaintenanceMargin model) {
      plan.marginModel = Objects.requireNonNull(model, "model");
      return this;
    }

    /**
     * Uses this guard as is, instead of one built from {@link #risk} and {@link #marginModel}.
     *
     * @param guard the guard
     * @return this builder
     */
    public Builder riskGuard(RiskGuard guard) {
      plan.guard = Objects.requireNonNull(guard, "guard");
      return this;
    }

    /**
     * @param sqliteFile the store's SQLite file, opened by {@link #build()} and closed by the bot
     * @return this builder
     */
    public Builder store(Path sqliteFile) {
      clearStore();
      plan.storePath = Objects.requireNonNull(sqliteFile, "sqliteFile");
      return this;
    }

    /**
     * @param jdbcUrl the store's JDBC URL, opened by {@link #build()} and closed by the bot
     * @param properties the connection properties (a password, if any)
     * @return this builder
     */
    public Builder store(String jdbcUrl, Properties properties) {
      clearStore();
      plan.storeUrl = Objects.requireNonNull(jdbcUrl, "jdbcUrl");
      plan.storeProperties = properties == null ? new Properties() : properties;
      return this;
    }

    /**
     * @param store an open store; the caller keeps it (and closes it after the bot)
     * @return this builder
     */
    public Builder store(StateStore store) {
      clearStore();
      plan.store = Objects.requireNonNull(store, "store");
      return this;
    }

    private void clearStore() {
      plan.storePath = null;
      plan.storeUrl = null;
      plan.store = null;
    }

    /**
     * Adds a signal feed; feeds are delivered in the order added.
     *
     * @param feed the feed
     * @return this builder
     */
    public Builder signal(SignalFeed feed) {
      plan.feeds.add(Objects.requireNonNull(feed, "feed"));
      return this;
    }

    /**
     * @param notifier where notable events go (fills, errors, reconnect storms)
     * @return this builder
     */
    public Builder notifier(Notifier notifier) {
      plan.notifier = Objects.requireNonNull(notifier, "notifier");
      return this;
    }

    /**
     * @param clock the engine's clock: the wall clock live (the default), the replay's clock on a replay
     * @return this builder
     */
    public Builder clock(Clock clock) {
      plan.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Makes the bot a replay, driven by {@link Bot#runReplay}: e.g. {@code paper::advance} for a
     * paper exchange replaying a CSV.
     *
     * @param replay releases one bar per call
     * @return this builder
     */
    public Builder replay(BarReplay replay) {
      plan.replay = Objects.requireNonNull(replay, "replay");
      return this;
    }

    /**
     * @param stream the market's public trades, handed to the computed signal feeds
     * @return this builder
     */
    public Builder trades(TradeStream stream) {
      plan.trades = Objects.requireNonNull(stream, "stream");
      return this;
    }

    /**
     * Serves the bot's HTTP endpoints ({@link BotHttpServer}: health, readiness, Prometheus
     * metrics, the JSON API and the status page) from {@link Bot#start()} to {@link Bot#close()}.
     * Off by default. {@link #build()} binds the address, so a taken port fails there.
     *
     * @param bind where to listen: {@code 127.0.0.1:8089} is the usual; port 0 picks a free one
     *     ({@link Bot#httpAddress()} tells which). Binding beyond loopback exposes the bot's figures
     *     to the network: put it behind a proxy that authenticates.
     * @param token the bearer token of the control endpoints ({@code POST /api/pause},
     *     {@code /api/resume}, {@code /api/cancel-all}), at least 16 characters; {@code null}
     *     leaves them out
     * @return this builder
     * @throws ConfigException ({@code http.token}) if the token is shorter than 16 characters
     */
    public Builder http(InetSocketAddress bind, String token) {
      plan.httpBind = Objects.requireNonNull(bind, "bind");
      plan.httpToken = BotAssembly.checkToken(token);
      return this;
    }

    /**
     * Sends the bot's notable events and a periodic summary to Telegram, besides the {@link
     * #notifier}. The bot creates the {@link TelegramNotifier} and closes it after the engine.
     *
     * @param settings token, chat, events and summary period ({@link
     *     TelegramNotifier.Settings#fromEnvironment})
     * @return this builder
     */
    public Builder telegram(TelegramNotifier.Settings settings) {
      plan.telegram = Objects.requireNonNull(settings, "settings");
      return this;
    }

    /**
     * Hands a resource to the bot: {@link Bot#close()} closes it, after the engine stopped, in the
     * reverse order of the calls (so hand over what others depend on first).
     *
     * @param resource the resource
     * @return this builder
     */
    public Builder owns(AutoCloseable resource) {
      plan.owns.add(Objects.requireNonNull(resource, "resource"));
      return this;
    }

    /**
     * Checks everything, then opens the store (when given as a path or URL) and builds the bot.
     *
     * @return the bot, not started
     * @throws ConfigException naming the missing or invalid setting; nothing was opened then
     * @throws dev.nanpin.NanpinException if the exchange does not list the market
     */
    public Bot build() {
      return plan.build();
    }
  }
}
