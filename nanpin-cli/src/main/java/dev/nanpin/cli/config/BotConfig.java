package dev.nanpin.cli.config;

import dev.nanpin.live.TelegramNotifier;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskLimits;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The configuration of one bot, as read from {@code bot.yaml} by {@link BotConfigLoader}.
 *
 * <p>Plugin settings ({@link Plugin#params()}, {@link Exchange#settings()}) are kept raw and
 * validated by the plugin's own {@link dev.nanpin.spi.ConfigSpec} ({@link
 * BotConfigLoader#validate}). The records' {@code toString()} never prints a setting's value, so
 * secrets cannot leak through a log line; {@link BotConfigLoader#maskedYaml} prints the values
 * with secrets masked.
 *
 * @param name the bot's name, used in logs and notifications
 * @param exchange the venue and market
 * @param strategy the strategy plugin
 * @param sizers the sizer chain, applied in order; may be empty
 * @param risk the risk limits checked before every order
 * @param dataSources the data sources polled for signals, with their schedules (each with the
 *     first signal query it answers)
 * @param signals the {@code signals:} section: signal generators run at each bar close, and
 *     data sources polled for a named signal query
 * @param store where the state store lives
 * @param notifications the optional webhook and Telegram chat
 * @param engine the engine's own settings
 * @param http the optional HTTP endpoints (health, readiness, metrics, API, status page)
 * @param portfolio the {@code portfolio:} limits over all symbols of a multi-symbol bot
 *     ({@link Exchange#markets()}); none by default
 */
public record BotConfig(
    String name,
    Exchange exchange,
    Plugin strategy,
    List<Plugin> sizers,
    RiskLimits risk,
    List<DataSource> dataSources,
    List<SignalSpec> signals,
    Store store,
    Notifications notifications,
    Engine engine,
    Http http,
    PortfolioLimits portfolio) {

  /** Validates presence. */
  public BotConfig {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(exchange, "exchange");
    Objects.requireNonNull(strategy, "strategy");
    sizers = List.copyOf(sizers);
    Objects.requireNonNull(risk, "risk");
    dataSources = List.copyOf(dataSources);
    signals = List.copyOf(signals);
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(notifications, "notifications");
    Objects.requireNonNull(engine, "engine");
    Objects.requireNonNull(http, "http");
    Objects.requireNonNull(portfolio, "portfolio");
  }

  /**
   * A plugin and its raw parameters.
   *
   * @param id the provider id
   * @param params the raw parameters, resolved by the provider's spec
   */
  public record Plugin(String id, Map<String, Object> params) {
    /** Copies. */
    public Plugin {
      Objects.requireNonNull(id, "id");
      params = Map.copyOf(params);
    }

    @Override
    public String toString() {
      return "Plugin[id=" + id + ", params=" + Set.copyOf(params.keySet()) + "]";
    }
  }

  /**
   * The venue.
   *
   * @param id the exchange provider id, e.g. {@code backpack}
   * @param symbol the market traded, e.g. {@code SOL_USDC_PERP}; of a multi-symbol bot, its first
   * @param settings the connector's raw settings (keys come from the environment or the secrets file)
   * @param markets the {@code symbols:} of a multi-symbol bot, in order; empty for a single-symbol bot
   */
  public record Exchange(String id, String symbol, Map<String, Object> settings, List<Market> markets) {
    /** Copies. */
    public Exchange {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(symbol, "symbol");
      settings = Map.copyOf(settings);
      markets = List.copyOf(markets);
    }

    /**
     * A single-symbol venue.
     *
     * @param id the exchange provider id
     * @param symbol the market traded
     * @param settings the connector's raw settings
     */
    public Exchange(String id, String symbol, Map<String, Object> settings) {
      this(id, symbol, settings, List.of());
    }

    /** @return the symbols traded, in order: {@link #markets()}' or the one {@link #symbol()} */
    public List<String> symbols() {
      return markets.isEmpty() ? List.of(symbol) : markets.stream().map(Market::symbol).toList();
    }

    @Override
    public String toString() {
      return "Exchange[id=" + id + ", symbols=" + symbols() + ", settings=" + Set.copyOf(settings.keySet()) + "]";
    }
  }

  /**
   * One symbol of a multi-symbol bot: a ladder with its own strategy instance and sizers.
   *
   * @param symbol the market
   * @param params strategy parameters that override the {@code strategy:} section's for this symbol
   * @param settings exchange settings that override {@code exchange.settings} for this symbol (a
   *     paper replay's {@code csv}, for example)
   */
  public record Market(String symbol, Map<String, Object> params, Map<String, Object> settings) {
    /** Copies. */
    public Market {
      Objects.requireNonNull(symbol, "symbol");
      params = Map.copyOf(params);
      settings = Map.copyOf(settings);
    }

    @Override
    public String toString() {
      return "Market[symbol=" + symbol + ", params=" + Set.copyOf(params.keySet()) + ", settings="
          + Set.copyOf(settings.keySet()) + "]";
    }
  }

  /**
   * A data source polled on a schedule.
   *
   * @param id the provider id, e.g. {@code fear-greed}
   * @param every how often it is polled
   * @param params the raw parameters
   */
  public record DataSource(String id, Duration every, Map<String, Object> params) {
    /** Validates. */
    public DataSource {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(every, "every");
      params = Map.copyOf(params);
    }

    @Override
    public String toString() {
      return "DataSource[id=" + id + ", every=" + every + ", params=" + Set.copyOf(params.keySet()) + "]";
    }
  }

  /**
   * One entry of the {@code signals:} section: either a signal generator plugin ({@code id}),
   * computed from the bars at every bar close, or a data source plugin ({@code source}) polled
   * {@code every} period for a signal {@code query}.
   *
   * @param id the generator's provider id (family {@code signal}), or {@code null} for a polled source
   * @param source the data source's provider id, or {@code null} for a generator
   * @param query the signal query of a polled source ({@code sentiment}, {@code macro-regime},
   *     {@code liquidations}), or {@code null} for the first one the source answers
   * @param every how often a source is polled; {@code null} for a generator
   * @param params the plugin's raw parameters
   */
  public record SignalSpec(String id, String source, String query, Duration every, Map<String, Object> params) {
    /** Validates: exactly one of id and source. */
    public SignalSpec {
      if ((id == null) == (source == null)) {
        throw new IllegalArgumentException("a signal has either an id (a generator) or a source (a data source)");
      }
      if (source != null) {
        Objects.requireNonNull(every, "every");
      }
      params = Map.copyOf(params);
    }

    /** @return whether this is a generator computed from the bars */
    public boolean computed() {
      return id != null;
    }

    @Override
    public String toString() {
      return computed() ? "SignalSpec[id=" + id + ", params=" + Set.copyOf(params.keySet()) + "]"
          : "SignalSpec[source=" + source + ", query=" + query + ", every=" + every + ", params="
              + Set.copyOf(params.keySet()) + "]";
    }
  }

  /**
   * Where the state store lives: a SQLite file, or any JDBC URL.
   *
   * @param path the SQLite file (relative paths are resolved against the config file's
   *     directory), or {@code null} when {@code url} is set
   * @param url a JDBC URL, or {@code null}
   */
  public record Store(Path path, String url) {
    /** Validates that exactly one is set. */
    public Store {
      if ((path == null) == (url == null)) {
        throw new IllegalArgumentException("exactly one of store.path and store.url must be set");
      }
    }

    /** @return the JDBC URL of the store */
    public String jdbcUrl() {
      return url != null ? url : "jdbc:sqlite:" + path.toAbsolutePath().normalize();
    }

    @Override
    public String toString() {
      // A JDBC URL may carry a password in its query string.
      return "Store[" + (path != null ? path : url.replaceAll("\\?.*", "?...")) + "]";
    }
  }

  /**
   * The optional notifications: a webhook (a JSON POST per event, off when {@code webhookUrl} is
   * {@code null}) and a Telegram chat (off when {@code telegram} is {@code null}).
   *
   * @param webhookUrl the URL, a secret (it usually embeds a token), or {@code null}
   * @param events the events sent to the webhook: {@code fill}, {@code error}, {@code
   *     reconnect-storm}, {@code liquidation-warning}
   * @param timeout the HTTP timeout of one POST
   * @param telegram the Telegram chat's settings (token and chat id from the environment), or
   *     {@code null}
   */
  public record Notifications(String webhookUrl, Set<String> events, Duration timeout,
      TelegramNotifier.Settings telegram) {
    /** The event names a webhook can subscribe to. */
    public static final Set<String> EVENTS = Set.of("fill", "error", "reconnect-storm", "liquidation-warning");

    /** Validates. */
    public Notifications {
      events = Collections.unmodifiableSet(new LinkedHashSet<>(events)); // keeps the order written
      Objects.requireNonNull(timeout, "timeout");
    }

    /** @return whether a webhook is configured */
    public boolean enabled() {
      return webhookUrl != null;
    }

    @Override
    public String toString() {
      return "Notifications[webhook=" + (webhookUrl == null ? "off" : "****") + ", events=" + events + ", telegram="
          + (telegram == null ? "off" : telegram) + "]";
    }
  }

  /**
   * The HTTP endpoints of the bot ({@link dev.nanpin.live.BotHttpServer}), off unless the YAML has
   * an {@code http:} section or {@code nanpin run --http} is given.
   *
   * @param bind where to listen, or {@code null} when off
   * @param token the bearer token of the control endpoints, a secret, or {@code null} for none
   */
  public record Http(InetSocketAddress bind, String token) {
    /** No HTTP endpoints. */
    public static final Http OFF = new Http(null, null);

    /** @return whether the endpoints are served */
    public boolean enabled() {
      return bind != null;
    }

    @Override
    public String toString() {
      return "Http[" + (bind == null ? "off" : bind.getHostString() + ":" + bind.getPort()) + ", token="
          + (token == null ? "none" : "****") + "]";
    }
  }

  /**
   * The engine's own settings.
   *
   * @param reconcileEvery how often the store is reconciled with the venue (default 30 s)
   * @param cancelOnShutdown whether resting orders are cancelled on a graceful shutdown (default no)
   * @param statusFile the status JSON file written periodically, or {@code null} for none
   * @param statusEvery how often the status is written (default 10 s)
   */
  public record Engine(Duration reconcileEvery, boolean cancelOnShutdown, Path statusFile, Duration statusEvery) {
    /** Validates. */
    public Engine {
      Objects.requireNonNull(reconcileEvery, "reconcileEvery");
      Objects.requireNonNull(statusEvery, "statusEvery");
    }
  }
}
