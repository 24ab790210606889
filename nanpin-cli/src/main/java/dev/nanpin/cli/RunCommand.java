package dev.nanpin.cli;

import dev.nanpin.ConfigException;
import dev.nanpin.DataSource;
import dev.nanpin.Exchange;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.PluginException;
import dev.nanpin.SignalFeed;
import dev.nanpin.Strategy;
import dev.nanpin.cli.config.BotConfig;
import dev.nanpin.cli.config.BotConfigLoader;
import dev.nanpin.data.SignalQueries;
import dev.nanpin.live.Bot;
import dev.nanpin.live.BotHttpServer;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.PortfolioStatus;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.live.paper.PaperPortfolio;
import dev.nanpin.spi.Plugins;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
      + "market data: no keys, no money. With several symbols, one paper account of --paper-cash for all.")
  private boolean paper;

  @Option(names = "--paper-cash", defaultValue = "10000", paramLabel = "QUOTE",
      description = "Starting quote balance of the paper account (default ${DEFAULT-VALUE}).")
  private BigDecimal paperCash;

  @Option(names = "--paper-funding-rate", paramLabel = "RATE",
      description = "Funding rate per 8 h the --paper account pays on a perpetual (longs pay when positive; 0 to "
          + "assume none). Required for a perpetual, as backtest's --funding-rate.")
  private Double paperFundingRate;

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

  @Option(names = "--http", paramLabel = "HOST:PORT",
      description = "Serve /health, /ready, /metrics, the JSON API and the status page at this address, e.g. "
          + "127.0.0.1:8089 (overrides http.bind of the YAML; port 0 picks a free one). The control endpoints need "
          + "http.token in the YAML.")
  private String http;

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
    Deque<AutoCloseable> opened = new ArrayDeque<>(); // closed here if the bot cannot be built
    Bot running;
    Replay replay;
    try {
      Bot.Builder builder = Bot.builder();
      replay = assemble(bot, builder, opened, err);
      running = builder.build();
    } catch (RuntimeException e) {
      while (!opened.isEmpty()) {
        try {
          opened.pop().close();
        } catch (Exception suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
    return run(running, replay, bot, out, err);
  }

  /**
   * A CSV replay the run drives: its clock, its bar driver, the CSV its progress counts and the
   * (first) market's paper settings, whose fees the engine reports.
   */
  private record Replay(Clock clock, Bot.BarReplay driver, Path csv, PaperConfig config) {}

  /**
   * Sets the builder up from the YAML: the exchange (a CSV replay, a paper mirror of the venue, or
   * the venue), strategy, sizers, risk with the margin model, store, notifier and signal feeds.
   * Every resource it opens is pushed on {@code opened} and handed to the bot to close.
   *
   * @return the CSV replay, or {@code null}
   */
  private Replay assemble(BotConfig bot, Bot.Builder builder, Deque<AutoCloseable> opened, PrintWriter err) {
    String symbol = bot.exchange().symbol();
    Strategy strategy = root.plugins().strategy(bot.strategy().id(), bot.strategy().params());
    boolean multi = !bot.exchange().markets().isEmpty();
    Map<String, Strategy> ladders = Map.of();
    if (multi) {
      ladders = ladders(bot, builder);
      builder.portfolioLimits(bot.portfolio());
    } else {
      builder.strategy(strategy);
      for (BotConfig.Plugin p : bot.sizers()) {
        builder.sizer(root.plugins().sizer(p.id(), p.params()));
      }
    }
    Exchange upstream = null;
    Exchange exchange;
    Replay replay = null;
    if ("paper".equals(bot.exchange().id()) && multi) {
      List<PaperConfig> paperConfigs = new ArrayList<>();
      PaperPortfolio portfolio = paperPortfolio(bot, paperConfigs);
      exchange = portfolio;
      replay = new Replay(portfolio.clock(), portfolio::advance, csvOf(bot, bot.exchange().markets().get(0)),
          paperConfigs.get(0));
    } else if (multi && paper) {
      // every symbol mirrors the venue's market data, on one paper pool of --paper-cash
      upstream = own(root.plugins().exchange(bot.exchange().id(), bot.exchange().settings()), opened);
      List<PaperConfig> accounts = new ArrayList<>();
      for (BotConfig.Market m : bot.exchange().markets()) {
        accounts.add(mirrorAccount(upstream.instrument(m.symbol()), ladders.get(m.symbol())));
      }
      exchange = PaperPortfolio.mirror(paperCash, accounts, upstream, paperStateFile(bot));
    } else if ("paper".equals(bot.exchange().id())) {
      Map<String, Object> settings = new LinkedHashMap<>(bot.exchange().settings());
      settings.putIfAbsent("symbol", symbol);
      if (bot.store().path() != null) {
        settings.putIfAbsent("stateFile", bot.store().path().toAbsolutePath() + ".paper");
      }
      PaperExchange single = (PaperExchange) root.plugins().exchange("paper", settings);
      exchange = single;
      replay = new Replay(single.clock(), single::advance, Path.of(String.valueOf(bot.exchange().settings().get("csv"))),
          single.config());
    } else if (paper) {
      upstream = own(root.plugins().exchange(bot.exchange().id(), bot.exchange().settings()), opened);
      exchange = PaperExchange.mirror(mirrorAccount(upstream.instrument(symbol), strategy), upstream,
          paperStateFile(bot));
    } else {
      exchange = root.plugins().exchange(bot.exchange().id(), bot.exchange().settings());
    }
    own(exchange, opened);
    Instrument instrument = exchange.instrument(symbol);
    String base = instrument.base();
    Clock clock = replay != null ? replay.clock() : Clock.systemUTC();
    Duration barInterval = replay != null ? replayInterval(replay.csv()) : dev.nanpin.spi.ConfigSpec.parseDuration(interval);
    for (SignalFeed feed : signalFeeds(bot, root.plugins(), base, opened, err)) {
      builder.signal(feed);
    }
    builder.exchange(exchange).clock(clock).risk(bot.risk());
    // The liquidation-distance limit needs the market's margin model (Backpack's mmfFunction):
    // --mmf-base/--mmf-factor, SOL_USDC_PERP's by default as in `nanpin plan`; said at start so
    // that a bot on another market does not run on a borrowed model unnoticed.
    if (bot.risk().minLiquidationDistance() != null && instrument.kind() != InstrumentKind.SPOT) {
      builder.marginModel(MaintenanceMargin.sqrt(mmfBase, mmfFactor));
      err.printf(java.util.Locale.ROOT, "liquidation-distance check of %s: maintenance margin %s + %s * sqrt(notional)%s%n",
          symbol, mmfBase, mmfFactor, spec.commandLine().getParseResult().hasMatchedOption("--mmf-base")
              ? "" : " (SOL_USDC_PERP's defaults; pass --mmf-base/--mmf-factor for your market)");
    }
    if (bot.store().path() != null) {
      builder.store(bot.store().path());
    } else {
      builder.store(bot.store().url(), new Properties());
    }
    InetSocketAddress bind = bot.http().bind();
    if (http != null) {
      try {
        bind = BotHttpServer.parseAddress(http);
      } catch (IllegalArgumentException e) {
        throw new ConfigException("--http", "--http " + e.getMessage());
      }
    }
    if (bind != null) {
      builder.http(bind, bot.http().token());
      if (!bind.getAddress().isLoopbackAddress()) {
        err.println("warning: the HTTP endpoints listen on " + bind.getHostString() + ", beyond this machine: "
            + "anyone who reaches it sees the bot's position and orders");
      }
    }
    if (bot.notifications().telegram() != null) {
      builder.telegram(bot.notifications().telegram());
    }
    if (bot.notifications().enabled()) {
      builder.notifier(own(new WebhookNotifier(bot.notifications().webhookUrl(), bot.name(),
          bot.notifications().events(), bot.notifications().timeout(), Clock.systemUTC()), opened));
    }
    EngineConfig engineConfig = EngineConfig.defaults(bot.name(), symbol)
        .withBars(barInterval, warmup)
        .withReconcile(bot.engine().reconcileEvery(), EngineConfig.defaults("", symbol).signingWindow())
        .withCancelOnShutdown(bot.engine().cancelOnShutdown())
        .withStatus(bot.engine().statusFile(), bot.engine().statusEvery());
    if (replay != null) {
      PaperConfig pc = replay.config();
      engineConfig = engineConfig.withFees(pc.makerFeeRate(), pc.takerFeeRate());
      builder.replay(replay.driver());
    }
    builder.engine(engineConfig);
    // Handed over in the order opened: the bot closes the last first (the exchange before its upstream).
    List<AutoCloseable> inOrder = new ArrayList<>(opened);
    java.util.Collections.reverse(inOrder);
    inOrder.forEach(builder::owns);
    return replay;
  }

  /**
   * The paper account of one mirrored market ({@code --paper}): {@code --paper-cash}, 2 bps maker,
   * 5 bps taker, 1 bp slippage, the strategy's leverage ceiling, and for a perpetual the stated
   * {@code --paper-funding-rate} (required).
   */
  private PaperConfig mirrorAccount(Instrument market, Strategy strategy) {
    PaperConfig account = new PaperConfig(market, paperCash, 0.0002, 0.0005, 0.0001,
        Math.max(1, strategy.leverageCeiling()));
    if (paperFundingRate != null) {
      return account.withFunding(paperFundingRate, PaperConfig.DEFAULT_FUNDING_INTERVAL);
    }
    if (account.perp()) {
      throw new ConfigException("--paper-funding-rate", market.symbol() + " is a perpetual: --paper needs a stated "
          + "funding assumption, --paper-funding-rate RATE (0 to assume none)");
    }
    return account;
  }

  /** The paper account's state file beside the store's, or {@code null} for a store given by URL. */
  private static Path paperStateFile(BotConfig bot) {
    return bot.store().path() == null ? null : Path.of(bot.store().path().toAbsolutePath() + ".paper");
  }

  /**
   * The ladders of a multi-symbol bot: per symbol, a strategy instance with the {@code strategy:}
   * parameters overridden by the symbol's {@code params}, and new instances of the sizers.
   *
   * @return each symbol's strategy, in order
   */
  private Map<String, Strategy> ladders(BotConfig bot, Bot.Builder builder) {
    Map<String, Strategy> strategies = new LinkedHashMap<>();
    for (BotConfig.Market m : bot.exchange().markets()) {
      Map<String, Object> params = new LinkedHashMap<>(bot.strategy().params());
      params.putAll(m.params());
      Strategy s;
      try {
        s = root.plugins().strategy(bot.strategy().id(), params);
      } catch (ConfigException e) {
        throw new ConfigException("exchange.symbols." + m.symbol() + ".params", "symbol " + m.symbol() + ": "
            + e.getMessage());
      }
      List<dev.nanpin.Sizer> sizers = new ArrayList<>();
      for (BotConfig.Plugin p : bot.sizers()) {
        sizers.add(root.plugins().sizer(p.id(), p.params()));
      }
      builder.ladder(m.symbol(), s, sizers.toArray(dev.nanpin.Sizer[]::new));
      strategies.put(m.symbol(), s);
    }
    return strategies;
  }

  /** A symbol's exchange settings: {@code exchange.settings}, then the symbol's own, then its name. */
  private static Map<String, Object> settingsOf(BotConfig bot, BotConfig.Market m) {
    Map<String, Object> settings = new LinkedHashMap<>(bot.exchange().settings());
    settings.putAll(m.settings());
    settings.put("symbol", m.symbol());
    String[] parts = m.symbol().split("[-_/]");
    if (!m.settings().containsKey("base") && parts.length >= 2) {
      settings.put("base", parts[0]);
    }
    if (!m.settings().containsKey("quote") && parts.length >= 2) {
      settings.put("quote", parts[1]);
    }
    settings.remove("stateFile");
    return settings;
  }

  private static Path csvOf(BotConfig bot, BotConfig.Market m) {
    Object csv = settingsOf(bot, m).get("csv");
    if (csv == null) {
      throw new ConfigException("exchange.symbols." + m.symbol() + ".settings.csv",
          "symbol %s of the paper replay has no csv: set exchange.symbols[].settings.csv".formatted(m.symbol()));
    }
    return Path.of(String.valueOf(csv));
  }

  /**
   * The paper replay of a multi-symbol bot: one market per symbol, each read by the {@code paper}
   * provider from its settings (its csv, grid, fees, history), on one pool of the first symbol's
   * {@code cash}, its state kept beside the store.
   */
  private PaperPortfolio paperPortfolio(BotConfig bot, List<PaperConfig> configs) {
    List<PaperPortfolio.Market> markets = new ArrayList<>();
    BigDecimal cash = null;
    for (BotConfig.Market m : bot.exchange().markets()) {
      csvOf(bot, m);
      PaperExchange one = (PaperExchange) root.plugins().exchange("paper", settingsOf(bot, m));
      List<dev.nanpin.Bar> bars = PaperExchange.readCsv(csvOf(bot, m));
      markets.add(new PaperPortfolio.Market(one.config(), bars, replayInterval(csvOf(bot, m)), one.cursor()));
      cash = cash == null ? one.config().initialCash() : cash;
      configs.add(one.config());
    }
    return PaperPortfolio.replay(cash, markets, paperStateFile(bot));
  }

  private static <T extends AutoCloseable> T own(T resource, Deque<AutoCloseable> opened) {
    opened.push(resource);
    return resource;
  }

  /**
   * The signal feeds of a bot's YAML: each {@code data:} source polled for the first signal query
   * it answers (as before the {@code signals:} section existed), then each {@code signals:} entry,
   * a generator by id or a source polled for its named query. Data sources opened are pushed on
   * {@code opened}.
   */
  static List<SignalFeed> signalFeeds(BotConfig bot, Plugins plugins, String base, Deque<AutoCloseable> opened,
      PrintWriter err) {
    List<SignalFeed> feeds = new ArrayList<>();
    for (BotConfig.DataSource d : bot.dataSources()) {
      DataSource ds = own(plugins.dataSource(d.id(), d.params()), opened);
      Optional<String> query = SignalQueries.defaultQuery(ds);
      if (query.isEmpty()) {
        err.println("warning: data source " + d.id() + " answers none of the signal queries ("
            + String.join(", ", SignalQueries.NAMES) + "); it is not polled");
        continue;
      }
      feeds.add(SignalQueries.feed(ds, query.get(), d.every(), d.params(), base, Clock.systemUTC()));
    }
    for (int i = 0; i < bot.signals().size(); i++) {
      BotConfig.SignalSpec g = bot.signals().get(i);
      String key = "signals[" + i + "]";
      try {
        if (g.computed()) {
          feeds.add(SignalFeed.computed(plugins, g.id(), g.params()));
          continue;
        }
        DataSource ds = own(plugins.dataSource(g.source(), g.params()), opened);
        String query = g.query() != null ? g.query() : SignalQueries.defaultQuery(ds).orElseThrow(() ->
            new ConfigException("query", "data source '%s' answers none of the signal queries (%s)".formatted(
                g.source(), String.join(", ", SignalQueries.NAMES))));
        feeds.add(SignalQueries.feed(ds, query, g.every(), g.params(), base, Clock.systemUTC()));
      } catch (PluginException e) {
        throw new ConfigException(key + (g.computed() ? ".id" : ".source"), key + ": " + e.getMessage());
      } catch (ConfigException e) {
        throw new ConfigException(key + "." + (e.key() == null ? "params" : e.key()), key + ": " + e.getMessage());
      }
    }
    return feeds;
  }

  /** Runs a built bot until SIGTERM, Ctrl-C or the end of its replay; the exit code. */
  private int run(Bot bot, Replay replay, BotConfig config, PrintWriter out, PrintWriter err)
      throws InterruptedException {
    CountDownLatch done = new CountDownLatch(1);
    Thread mainThread = Thread.currentThread();
    AtomicBoolean stop = new AtomicBoolean();
    Runnable requestStop = () -> {
      if (stop.compareAndSet(false, true)) {
        bot.stop();
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
      bot.start();
      // a multi-symbol bot: the portfolio, every ladder in it
      out.println("nanpin run: started " + bot.portfolio().map(PortfolioStatus::toJson).orElse(bot.status().toJson()));
      bot.httpAddress().ifPresent(a -> out.println("nanpin run: serving http://"
          + (a.getAddress() instanceof java.net.Inet6Address ? "[" + a.getHostString() + "]" : a.getHostString())
          + ":" + a.getPort() + "/"));
      out.flush();
      ReplayRun replayRun = replay == null ? null : new ReplayRun(err, replay.csv());
      if (replay != null) {
        Duration pause = speed > 0 ? Duration.ofNanos((long) (bot.barInterval().toNanos() / speed)) : Duration.ZERO;
        if (bot.runReplay(pause, replayRun::bar)) {
          out.println("nanpin run: replay finished at " + replay.clock().instant());
        }
      }
      while (!bot.awaitTermination(Duration.ofSeconds(1))) {
        // wait for the engine to stop: SIGTERM, Ctrl-C, the end of the replay or a failure
      }
      out.println("nanpin run: stopped " + bot.portfolio().map(PortfolioStatus::toJson).orElse(bot.status().toJson()));
      if (replayRun != null) {
        replayRun.finish(bot.store(), bot.config().name(), out);
      }
      out.flush();
      if (bot.failure() != null) {
        if (bot.symbols().size() == 1) {
          err.println("nanpin: the engine stopped on an error: " + Main.describe(bot.failure()));
        } else {
          // a failed ladder stopped alone; the others ran on without adding risk (see Bot)
          bot.failures().forEach((symbol, e) -> err.println("nanpin: ladder " + symbol + " stopped on an error: "
              + Main.describe(e)));
        }
        return 1;
      }
      return 0;
    } finally {
      bot.close();
      done.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is running: it is waiting for done, which is now counted down
      }
    }
  }

  private static Duration replayInterval(Path csv) {
    List<dev.nanpin.Bar> bars = PaperExchange.readCsv(csv);
    return Duration.between(bars.get(0).time(), bars.get(1).time());
  }
}
