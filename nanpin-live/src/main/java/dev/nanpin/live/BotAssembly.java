package dev.nanpin.live;

import dev.nanpin.ConfigException;
import dev.nanpin.Exchange;
import dev.nanpin.SignalFeed;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.MarginMode;
import dev.nanpin.risk.guard.LiquidationEstimator;
import dev.nanpin.risk.guard.PortfolioGuard;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.sizer.SizerChain;
import dev.nanpin.spi.BarCloseSignals;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoreOptions;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a {@link Bot.Builder}'s settings into a {@link Bot}: checks them, builds the risk guard of
 * every ladder, opens the store, binds the HTTP address, chains the notifiers and creates the
 * engines (one, or one per ladder on a shared {@link EngineLoop} with a {@link Portfolio}). Every
 * check that can fail runs before the store opens, so a mistake costs no state; what was opened
 * is closed again when a later step fails. Used once per build, on the builder's thread.
 */
final class BotAssembly {
  private static final Logger log = LoggerFactory.getLogger(Bot.class);

  // The settings, written by the builder's setters.
  EngineConfig engine;
  Exchange exchange;
  Strategy strategy;
  final List<Sizer> sizers = new ArrayList<>();
  RiskLimits risk = RiskLimits.none();
  MaintenanceMargin marginModel;
  RiskGuard guard;
  Path storePath;
  String storeUrl;
  Properties storeProperties;
  StateStore store;
  final List<SignalFeed> feeds = new ArrayList<>();
  Notifier notifier = Notifier.NONE;
  Clock clock = Clock.systemUTC();
  Bot.BarReplay replay;
  Bot.TradeStream trades;
  final List<AutoCloseable> owns = new ArrayList<>();
  InetSocketAddress httpBind;
  String httpToken;
  TelegramNotifier.Settings telegram;
  final Map<String, Ladder> ladders = new java.util.LinkedHashMap<>();
  PortfolioLimits portfolioLimits = PortfolioLimits.none();

  /** The settings of a {@link Bot.Builder}. */
  BotAssembly() {}

  /** One symbol of the bot: its strategy instance and its sizers. */
  record Ladder(String symbol, Strategy strategy, List<Sizer> sizers) {}

  /** Adds a ladder to a builder's, checking that neither its symbol nor its strategy instance is taken. */
  static void addLadder(Map<String, Ladder> ladders, String symbol, Strategy strategy, Sizer... sizers) {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(strategy, "strategy");
    if (ladders.containsKey(symbol)) {
      throw new ConfigException("symbols", "symbol " + symbol + " is listed twice");
    }
    for (Ladder l : ladders.values()) {
      if (l.strategy() == strategy) {
        throw new ConfigException("symbols", "symbols %s and %s were given the same strategy instance: each "
            .formatted(l.symbol(), symbol) + "ladder needs its own");
      }
    }
    ladders.put(symbol, new Ladder(symbol, strategy, List.of(sizers)));
  }

  /** @return the HTTP control token, checked to be long enough; {@code null} stays {@code null} */
  static String checkToken(String token) {
    if (token != null && token.trim().length() < BotHttpServer.MIN_TOKEN_LENGTH) {
      throw new ConfigException("http.token", "the HTTP control token must be at least "
          + BotHttpServer.MIN_TOKEN_LENGTH + " characters");
    }
    return token;
  }

  /** See {@link Bot.Builder#build()}. */
  Bot build() {
    require(engine, "engine");
    require(exchange, "exchange");
    if (!ladders.isEmpty()) {
      if (strategy != null || !sizers.isEmpty()) {
        throw new ConfigException("strategy", "a multi-symbol bot takes its strategies and sizers per symbol "
            + "(ladder(symbol, strategy, sizers...)), not strategy(...) or sizer(...)");
      }
    } else {
      require(strategy, "strategy");
      if (!portfolioLimits.equals(PortfolioLimits.none())) {
        throw new ConfigException("portfolioLimits", "portfolio limits need a multi-symbol bot: ladder(...)");
      }
    }
    if (store == null && storePath == null && storeUrl == null) {
      throw new ConfigException("store", "a bot needs a store: store(Path), store(String, Properties) or "
          + "store(StateStore)");
    }
    List<Ladder> plan = ladders.isEmpty()
        ? List.of(new Ladder(engine.symbol(), strategy, List.copyOf(sizers))) : List.copyOf(ladders.values());
    List<RiskGuard> guards = new ArrayList<>();
    for (Ladder l : plan) {
      guards.add(guard != null ? guard : riskGuard(exchange.instrument(l.symbol()), l.strategy()));
    }
    // Each computed feed makes a generator now, so that a broken one fails before the store opens;
    // the engine makes its own at start.
    BarCloseSignals check = BarCloseSignals.of(feeds);
    EngineConfig cfg = check.warmUpBars() > engine.warmupBars()
        ? engine.withBars(engine.barInterval(), check.warmUpBars()) : engine;

    Deque<AutoCloseable> owned = new ArrayDeque<>();
    for (AutoCloseable c : owns) {
      owned.push(c);
    }
    StateStore s = store;
    if (s == null) {
      StoreOptions options = StoreOptions.defaults().withClock(clock);
      s = storePath != null ? StateStore.open(storePath, options)
          : StateStore.open(storeUrl, storeProperties, options);
      owned.push(s);
    }
    Notifier notifiers = notifier;
    PrometheusMeterRegistry registry = null;
    com.sun.net.httpserver.HttpServer bound = null;
    if (httpBind != null) {
      // Bound before the engine exists, so that a taken port fails with nothing to undo but the store.
      try {
        bound = com.sun.net.httpserver.HttpServer.create(httpBind, 16);
      } catch (IOException e) {
        closeAll(owned);
        throw new ConfigException("http.bind", "cannot serve HTTP at %s: %s".formatted(httpBind, e.getMessage()));
      }
      registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
      notifiers = Notifier.all(notifiers, BotMetrics.eventCounter(registry, cfg));
    }
    TelegramNotifier tg = null;
    if (telegram != null) {
      tg = new TelegramNotifier(cfg.name(), telegram);
      owned.push(tg);
      notifiers = Notifier.all(notifiers, tg);
    }
    EngineHealth health = new EngineHealth(System::nanoTime);
    Portfolio portfolio = ladders.isEmpty() ? null
        : new Portfolio(new PortfolioGuard(RiskGuard.of(RiskLimits.none()), portfolioLimits));
    List<LiveEngine> engines = engines(cfg, plan, guards, s, notifiers, health, portfolio);
    Bot bot = new Bot(cfg, engines, portfolio, health, s, new BotFeeds(cfg.name(), engines, health, feeds, trades),
        replay, owned);
    if (tg != null) {
      tg.summarise(bot::status);
    }
    if (bound != null) {
      BotHttpServer http = BotHttpServer.builder(bot).token(httpToken).registry(registry).server(bound).build();
      owned.push(http);
      bot.serve(http);
    }
    return bot;
  }

  /** One engine per ladder, on one loop; a multi-symbol bot's ladders are added to the portfolio. */
  private List<LiveEngine> engines(EngineConfig cfg, List<Ladder> plan, List<RiskGuard> guards, StateStore s,
      Notifier notifiers, EngineHealth health, Portfolio portfolio) {
    EngineLoop loop = new EngineLoop("nanpin-engine-" + (portfolio == null ? cfg.symbol() : cfg.name()), plan.size());
    List<LiveEngine> engines = new ArrayList<>();
    for (int i = 0; i < plan.size(); i++) {
      Ladder l = plan.get(i);
      // Always a chain, even of one: the chain is what the store keeps the sizers' state under.
      Sizer sizer = l.sizers().isEmpty() ? null : new SizerChain(l.sizers(), Double.NaN);
      // the first ladder writes the status file: the portfolio with every ladder
      EngineConfig own = portfolio == null ? cfg
          : cfg.withSymbol(l.symbol()).withStatus(i == 0 ? cfg.statusFile() : null, cfg.statusEvery());
      LiveEngine live = new LiveEngine(own, exchange, l.strategy(), sizer, guards.get(i), s, clock, notifiers,
          loop, portfolio);
      live.signalsAtBarClose(feeds);
      live.observe(health);
      if (portfolio != null) {
        portfolio.add(live);
      }
      engines.add(live);
    }
    return engines;
  }

  private RiskGuard riskGuard(Instrument instrument, Strategy strategy) {
    if (risk.minLiquidationDistance() == null || instrument.kind() == InstrumentKind.SPOT) {
      return RiskGuard.of(risk);
    }
    if (marginModel == null) {
      throw new ConfigException("marginModel", ("risk limit minLiquidationDistance on the perp %s needs the "
          + "market's maintenance-margin model: marginModel(MaintenanceMargin.sqrt(base, factor))")
          .formatted(instrument.symbol()));
    }
    return new RiskGuard(risk, LiquidationEstimator.perp(MarginMode.CROSS, Math.max(1, strategy.leverageCeiling()),
        marginModel));
  }

  private static void closeAll(Deque<AutoCloseable> opened) {
    while (!opened.isEmpty()) {
      AutoCloseable c = opened.pop();
      try {
        c.close();
      } catch (Exception e) {
        log.warn("closing {} failed: {}", c, e.toString());
      }
    }
  }

  private static void require(Object value, String name) {
    if (value == null) {
      throw new ConfigException(name, "a bot needs " + name + "(...)");
    }
  }
}
