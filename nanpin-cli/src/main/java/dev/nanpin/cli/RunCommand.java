package dev.nanpin.cli;

import dev.nanpin.ConfigException;
import dev.nanpin.DataQuery;
import dev.nanpin.Sentiment;
import dev.nanpin.Signal;
import dev.nanpin.data.FredSource;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.function.Supplier;
import dev.nanpin.Exchange;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.cli.config.BotConfig;
import dev.nanpin.cli.config.BotConfigLoader;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.EngineStatus;
import dev.nanpin.live.LiveEngine;
import dev.nanpin.live.Notifier;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.MarginMode;
import dev.nanpin.risk.guard.LiquidationEstimator;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.sim.paper.PaperConfig;
import dev.nanpin.sim.paper.PaperExchange;
import dev.nanpin.sizer.SizerChain;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoreOptions;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code nanpin run --config bot.yaml [--paper]}: runs a bot until SIGTERM or Ctrl-C (or the end
 * of a replay), then stops gracefully and exits 0.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run a bot from its YAML configuration: live, or with --paper on a simulated account fed by the "
        + "exchange's public market data. An exchange id 'paper' replays a CSV of bars instead. SIGTERM or Ctrl-C "
        + "stops it gracefully (exit code 0).")
final class RunCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--config", required = true, paramLabel = "FILE", description = "The bot's YAML file.")
  private Path config;

  @Option(names = "--paper", description = "Trade on a simulated account fed by the configured exchange's public "
      + "market data: no keys, no money.")
  private boolean paper;

  @Option(names = "--paper-cash", defaultValue = "10000", paramLabel = "QUOTE",
      description = "Starting quote balance of the paper account (default ${DEFAULT-VALUE}).")
  private BigDecimal paperCash;

  @Option(names = "--interval", defaultValue = "1h", paramLabel = "DURATION",
      description = "Bar interval handed to the strategy (default ${DEFAULT-VALUE}); a replay uses its CSV's.")
  private String interval;

  @Option(names = "--warmup", defaultValue = "200", paramLabel = "BARS",
      description = "Closed bars loaded before the first event (default ${DEFAULT-VALUE}).")
  private int warmup;

  @Option(names = "--mmf-base", defaultValue = "0.0125", paramLabel = "FRACTION",
      description = "Perps: maintenance-margin base of the liquidation-distance check, Backpack mmfFunction 'base' "
          + "(default: ${DEFAULT-VALUE}, SOL_USDC_PERP's; pass your market's).")
  private double mmfBase;

  @Option(names = "--mmf-factor", defaultValue = "0.0000765", paramLabel = "FACTOR",
      description = "Perps: maintenance-margin sqrt factor, Backpack mmfFunction 'factor' "
          + "(default: ${DEFAULT-VALUE}, SOL_USDC_PERP's; pass your market's).")
  private double mmfFactor;

  @Option(names = "--speed", defaultValue = "0", paramLabel = "FACTOR",
      description = "Replay pace: 0 plays bars as fast as the engine takes them (default), 60 plays an hour of "
          + "bars per minute.")
  private double speed;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    BotConfigLoader loader = new BotConfigLoader(System.getenv(), root.plugins());
    BotConfig bot = loader.load(config);
    for (String w : loader.validate(bot)) {
      err.println("warning: " + w);
    }
    if (!(speed >= 0) || Double.isInfinite(speed)) {
      throw new ConfigException("speed", "--speed must be >= 0: " + speed);
    }
    String symbol = bot.exchange().symbol();
    Strategy strategy = root.plugins().strategy(bot.strategy().id(), bot.strategy().params());
    List<Sizer> sizers = new ArrayList<>();
    for (BotConfig.Plugin p : bot.sizers()) {
      sizers.add(root.plugins().sizer(p.id(), p.params()));
    }
    Sizer sizer = sizers.isEmpty() ? null : new SizerChain(sizers, Double.NaN);

    Exchange upstream = null;
    Exchange exchange;
    PaperExchange replay = null;
    if ("paper".equals(bot.exchange().id())) {
      Map<String, Object> settings = new LinkedHashMap<>(bot.exchange().settings());
      settings.putIfAbsent("symbol", symbol);
      if (bot.store().path() != null) {
        settings.putIfAbsent("stateFile", bot.store().path().toAbsolutePath() + ".paper");
      }
      replay = (PaperExchange) root.plugins().exchange("paper", settings);
      exchange = replay;
    } else if (paper) {
      upstream = root.plugins().exchange(bot.exchange().id(), bot.exchange().settings());
      Path state = bot.store().path() == null ? null : Path.of(bot.store().path().toAbsolutePath() + ".paper");
      exchange = PaperExchange.mirror(new PaperConfig(upstream.instrument(symbol), paperCash, 0.0002, 0.0005, 0.0001,
          Math.max(1, strategy.leverageCeiling())), upstream, state);
    } else {
      exchange = root.plugins().exchange(bot.exchange().id(), bot.exchange().settings());
    }
    Clock clock = replay != null ? replay.clock() : Clock.systemUTC();
    Duration barInterval = replay != null ? replayInterval(bot) : dev.nanpin.spi.ConfigSpec.parseDuration(interval);

    RiskGuard guard = RiskGuard.of(bot.risk());
    // The liquidation-distance limit needs the market's margin model (Backpack's mmfFunction):
    // --mmf-base/--mmf-factor, SOL_USDC_PERP's by default as in `nanpin plan`; said at start so
    // that a bot on another market does not run on a borrowed model unnoticed.
    if (bot.risk().minLiquidationDistance() != null
        && exchange.instrument(symbol).kind() != InstrumentKind.SPOT) {
      guard = new RiskGuard(bot.risk(), LiquidationEstimator.perp(MarginMode.CROSS, Math.max(1, strategy.leverageCeiling()),
          MaintenanceMargin.sqrt(mmfBase, mmfFactor)));
      err.printf(java.util.Locale.ROOT, "liquidation-distance check of %s: maintenance margin %s + %s * sqrt(notional)%s%n",
          symbol, mmfBase, mmfFactor, spec.commandLine().getParseResult().hasMatchedOption("--mmf-base")
              ? "" : " (SOL_USDC_PERP's defaults; pass --mmf-base/--mmf-factor for your market)");
    }
    StoreOptions storeOptions = StoreOptions.defaults().withClock(clock);
    StateStore store = bot.store().path() != null
        ? StateStore.open(bot.store().path(), storeOptions)
        : StateStore.open(bot.store().url(), new Properties(), storeOptions);
    WebhookNotifier webhook = bot.notifications().enabled()
        ? new WebhookNotifier(bot.notifications().webhookUrl(), bot.name(), bot.notifications().events(),
            bot.notifications().timeout(), Clock.systemUTC())
        : null;
    EngineConfig engineConfig = EngineConfig.defaults(bot.name(), symbol)
        .withBars(barInterval, warmup)
        .withReconcile(bot.engine().reconcileEvery(), EngineConfig.defaults("", symbol).signingWindow())
        .withCancelOnShutdown(bot.engine().cancelOnShutdown())
        .withStatus(bot.engine().statusFile(), bot.engine().statusEvery());
    if (replay != null) {
      PaperConfig pc = replay.config();
      engineConfig = engineConfig.withFees(pc.makerFeeRate(), pc.takerFeeRate());
    }
    LiveEngine engine = new LiveEngine(engineConfig, exchange, strategy, sizer, guard, store, clock,
        webhook == null ? Notifier.NONE : webhook);

    List<dev.nanpin.DataSource> sources = new ArrayList<>();
    String base = exchange.instrument(symbol).base();
    for (BotConfig.DataSource d : bot.dataSources()) {
      dev.nanpin.DataSource ds = root.plugins().dataSource(d.id(), d.params());
      sources.add(ds);
      Supplier<? extends Signal> poll = signalPoll(ds, d, base);
      if (poll == null) {
        err.println("warning: data source " + d.id() + " answers none of the signal queries (sentiment, macro "
            + "regime, liquidations); it is not polled");
        continue;
      }
      engine.scheduleSignal(d.every(), poll);
    }

    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(1);
    Thread mainThread = Thread.currentThread();
    Runnable requestStop = () -> {
      if (stop.compareAndSet(false, true)) {
        engine.close();
        LockSupport.unpark(mainThread);
      }
    };
    Signals.onTerminate(requestStop);
    Thread hook = new Thread(() -> {
      // Reached only on an exit the signal handler did not see: stop and persist anyway.
      requestStop.run();
      try {
        done.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, "nanpin-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      engine.start();
      EngineStatus started = engine.status();
      out.println("nanpin run: started " + started.toJson());
      out.flush();
      ReplayRun replayRun = replay == null ? null
          : new ReplayRun(err, Path.of(String.valueOf(bot.exchange().settings().get("csv"))));
      if (replay != null) {
        long pauseNanos = speed > 0 ? (long) (barInterval.toNanos() / speed) : 0;
        while (!stop.get() && engine.failure() == null && replay.advance()) {
          engine.flush();
          replayRun.bar();
          if (pauseNanos > 0) {
            LockSupport.parkNanos(pauseNanos);
          }
        }
        if (!stop.get() && engine.failure() == null) {
          engine.reconcileNow();
          out.println("nanpin run: replay finished at " + replay.clock().instant());
        }
        engine.close();
      }
      while (!engine.awaitTermination(Duration.ofSeconds(1))) {
        if (stop.get()) {
          continue;
        }
      }
      EngineStatus end = engine.status();
      out.println("nanpin run: stopped " + end.toJson());
      if (replayRun != null) {
        replayRun.finish(store, bot.name(), out);
      }
      out.flush();
      if (engine.failure() != null) {
        err.println("nanpin: the engine stopped on an error: " + Main.describe(engine.failure()));
        return 1;
      }
      return 0;
    } finally {
      store.close();
      exchange.close();
      if (upstream != null) {
        upstream.close();
      }
      if (webhook != null) {
        webhook.close();
      }
      for (dev.nanpin.DataSource ds : sources) {
        ds.close();
      }
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it is waiting for done, which is now counted down
      }
    }
  }

  /**
   * The signal a data source feeds the strategy: the latest sentiment reading (index from the
   * {@code index} parameter, the Fear &amp; Greed index by default), the macro regime of the FRED
   * default series, or the liquidation clusters of the traded base asset; {@code null} if it
   * answers none of these.
   */
  static Supplier<? extends Signal> signalPoll(dev.nanpin.DataSource ds, BotConfig.DataSource d, String base) {
    if (ds.supports(DataQuery.SentimentHistory.class)) {
      Object index = d.params().get("index");
      DataQuery.SentimentHistory query = new DataQuery.SentimentHistory(
          index == null ? Sentiment.FEAR_GREED : index.toString(), 1);
      return () -> {
        List<Sentiment> values = ds.fetch(query).value();
        return values == null ? null
            : values.stream().max(java.util.Comparator.comparing(Sentiment::asOf)).orElse(null);
      };
    }
    if (ds.supports(FredSource.Macro.class)) {
      return () -> ds.fetch(FredSource.Macro.defaults(LocalDate.now(ZoneOffset.UTC), false)).value();
    }
    if (ds.supports(DataQuery.Liquidations.class)) {
      DataQuery.Liquidations query = new DataQuery.Liquidations(base);
      return () -> ds.fetch(query).value();
    }
    return null;
  }

  private Duration replayInterval(BotConfig bot) {
    Object csv = bot.exchange().settings().get("csv");
    List<dev.nanpin.Bar> bars = PaperExchange.readCsv(Path.of(String.valueOf(csv)));
    return Duration.between(bars.get(0).time(), bars.get(1).time());
  }
}
