package dev.nanpin.cli;

import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.SignalFeed;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.cli.config.BotConfigLoader;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.IntrabarPath;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.SerializableSupplier;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.Plugins;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The simulation settings shared by {@code backtest}, {@code montecarlo} and {@code sweep}:
 * strategy parameters, sizer, capital, fees, fill model and the perp account.
 */
final class SimulationOptions {
  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A strategy parameter; repeatable.")
  Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--sizer", paramLabel = "ID", description = "Sizer plugin for SIZER-sized intents (default: a fixed quote of --sizer-quote).")
  String sizer;

  @Option(names = "--sizer-set", paramLabel = "KEY=VALUE", description = "A sizer parameter; repeatable.")
  Map<String, String> sizerSettings = new LinkedHashMap<>();

  @Option(names = "--sizer-quote", defaultValue = "100", paramLabel = "QUOTE", description = "Quote amount of the default sizer (default: ${DEFAULT-VALUE}).")
  double sizerQuote;

  @Option(names = "--capital", defaultValue = "10000", paramLabel = "QUOTE", description = "Starting quote balance (default: ${DEFAULT-VALUE}).")
  double capital;

  @Option(names = "--fill", defaultValue = "next-open", converter = FillConverter.class, paramLabel = "signal-close|next-open",
      description = "When market orders fill (default: ${DEFAULT-VALUE}).")
  FillTiming fill;

  @Option(names = "--path", defaultValue = "nearer-extreme-first", converter = PathConverter.class,
      paramLabel = "nearer-extreme-first|pessimistic", description = "Assumed intrabar path for limit orders (default: ${DEFAULT-VALUE}).")
  IntrabarPath path;

  @Option(names = "--touch", description = "Limit orders fill when the price touches them (default: must trade through).")
  boolean touch;

  @Option(names = "--fee-bps", defaultValue = "10", paramLabel = "N", description = "Maker and taker fee in basis points (default: ${DEFAULT-VALUE}).")
  double feeBps;

  @Option(names = "--maker-fee-bps", paramLabel = "N", description = "Maker fee in basis points, if different from --fee-bps.")
  Double makerFeeBps;

  @Option(names = "--slippage-bps", defaultValue = "0", paramLabel = "N", description = "Slippage of market orders in basis points (default: ${DEFAULT-VALUE}).")
  double slippageBps;

  @Option(names = "--perp", description = "Simulate a perpetual-futures margin account instead of spot.")
  boolean perp;

  @Option(names = "--leverage", defaultValue = "1", paramLabel = "X", description = "Leverage of the perp account (default: ${DEFAULT-VALUE}).")
  double leverage;

  @Option(names = "--funding-rate", paramLabel = "RATE", description = "Perp funding rate per 8 h, longs pay when positive; "
      + "required with --perp (no default: funding decides whether a leveraged long earns anything; 0 must be said).")
  Double fundingRate;

  @picocli.CommandLine.Mixin
  MarginOptions margin;

  @Option(names = "--liquidation-fee-bps", defaultValue = "" + SimulationConfig.DEFAULT_LIQUIDATION_FEE_BPS, paramLabel = "N",
      description = "Perp liquidation fee on the liquidated notional, on top of the taker fee (default: ${DEFAULT-VALUE},"
          + " the maintenance-margin base: a liquidated account loses the margin it had to keep).")
  double liquidationFeeBps;

  @Option(names = "--min-annualised-days", defaultValue = "" + dev.nanpin.metrics.Metrics.MIN_ANNUALISED_DAYS,
      paramLabel = "DAYS", description = "Runs shorter than this report the period return and mark annualised figures "
          + "as extrapolated (default: ${DEFAULT-VALUE}).")
  double minAnnualisedDays;

  @Option(names = "--sentiment", paramLabel = "FILE",
      description = "Replay a sentiment history (CSV timestamp,value[,index]; Fear & Greed by default) as signals.")
  java.nio.file.Path sentiment;

  @Option(names = "--signal", paramLabel = "ID",
      description = "A signal generator plugin run at every bar close, before the strategy sees the bar; repeatable.")
  java.util.List<String> signals = new java.util.ArrayList<>();

  @Option(names = "--signal-set", paramLabel = "ID.KEY=VALUE",
      description = "A parameter of the --signal generator ID, e.g. --signal-set wyckoff.lookback=50; repeatable.")
  Map<String, String> signalSettings = new LinkedHashMap<>();
  @Option(names = "--liquidations", paramLabel = "FILE",
      description = "Replay recorded liquidations (CSV timestamp,symbol,side,price,quantity,source) as hourly cluster signals.")
  java.nio.file.Path liquidations;

  @Option(names = "--periods-per-year", defaultValue = "365", paramLabel = "N", description = "Annualisation of daily metrics (default: ${DEFAULT-VALUE}).")
  double periodsPerYear;

  @Option(names = "--round", description = "Round orders to the instrument's grid as the venue would: limit prices to the tick away from"
      + " the market, quantities down to the step, refused below the minimum (default: off, unrounded doubles).")
  boolean round;

  @Option(names = "--tick-size", defaultValue = "0.01", paramLabel = "PRICE", description = "Price tick for --round (default: ${DEFAULT-VALUE}).")
  BigDecimal tickSize;

  @Option(names = "--step-size", defaultValue = "0.00001", paramLabel = "QTY", description = "Quantity step for --round (default: ${DEFAULT-VALUE}).")
  BigDecimal stepSize;

  @Option(names = "--min-quantity", defaultValue = "0.00001", paramLabel = "QTY", description = "Minimum order quantity for --round (default: ${DEFAULT-VALUE}).")
  BigDecimal minQuantity;

  @Option(names = "--risk", paramLabel = "FILE", description = "Check every order against the risk: block of this bot YAML file, as the live engine does (default: no risk guard).")
  Path risk;

  /**
   * The simulation settings.
   *
   * @param plugins where the {@code --signal} generators are found
   */
  SimulationConfig config(Plugins plugins) {
    SimulationConfig.Builder b = SimulationConfig.builder()
        .capital(capital)
        .feeBps(feeBps)
        .slippageBps(slippageBps)
        .fillTiming(fill)
        .intrabarPath(path)
        .limitFillsOnTouch(touch)
        .defaultSizerQuote(sizerQuote)
        .periodsPerYear(periodsPerYear)
        .minAnnualisedDays(minAnnualisedDays);
    if (makerFeeBps != null) {
      b.makerFeeBps(makerFeeBps);
    }
    java.util.List<dev.nanpin.Signal> feed = new java.util.ArrayList<>();
    if (sentiment != null) {
      feed.addAll(dev.nanpin.sim.CsvBars.readSentiment(sentiment));
    }
    if (liquidations != null) {
      feed.addAll(LiquidationReplay.signals(liquidations));
    }
    if (!feed.isEmpty()) {
      b.signals(feed);
    }
    if (round) {
      b.roundToInstrument(true);
    } else if (tickSize.compareTo(new BigDecimal("0.01")) != 0 || stepSize.compareTo(new BigDecimal("0.00001")) != 0
        || minQuantity.compareTo(new BigDecimal("0.00001")) != 0) {
      throw new IllegalArgumentException("--tick-size, --step-size and --min-quantity need --round");
    }
    if (risk != null) {
      b.riskGuard(RiskGuard.of(new BotConfigLoader(Map.of(), plugins).loadRisk(risk)));
    }
    b.instrument(perp
        ? new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP, tickSize, stepSize, minQuantity)
        : new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT, tickSize, stepSize, minQuantity));
    b.signalFeeds(signalFeeds(plugins));
    if (perp) {
      if (fundingRate == null) {
        throw new IllegalArgumentException("--perp needs --funding-rate RATE (per 8 h; e.g. 0.0001 for 0.01 %, 0 to "
            + "assume none): funding decides whether a leveraged long earns anything, so it is never assumed silently");
      }
      b.leverage(leverage)
          .maintenanceMarginSqrt(margin.mmfBase, margin.mmfFactor)
          .liquidationFeeBps(liquidationFeeBps)
          .funding(fundingRate, Duration.ofHours(8));
    } else if (leverage != 1.0 || fundingRate != null) {
      throw new IllegalArgumentException("--leverage and --funding-rate need --perp");
    }
    try {
      return b.build();
    } catch (dev.nanpin.ConfigException e) {
      // The library names its settings; the user typed options: say the option.
      String option = OPTION_OF.get(e.key());
      if (option == null) {
        throw e;
      }
      throw new dev.nanpin.ConfigException(option, e.getMessage().replaceFirst("^" + e.key() + "\\b", option));
    }
  }

  /** The option that sets each {@link SimulationConfig} setting. */
  private static final Map<String, String> OPTION_OF = Map.ofEntries(Map.entry("capital", "--capital"),
      Map.entry("takerFeeBps", "--fee-bps"), Map.entry("makerFeeBps", "--maker-fee-bps"),
      Map.entry("slippageBps", "--slippage-bps"), Map.entry("leverage", "--leverage"),
      Map.entry("maintenanceMarginRate", "--maintenance-margin"), Map.entry("fundingRate", "--funding-rate"),
      Map.entry("defaultSizerQuote", "--sizer-quote"), Map.entry("periodsPerYear", "--periods-per-year"));

  /**
   * The {@code --signal} generators with their {@code --signal-set} parameters, each made once
   * here so that an unknown id (the message lists the known ones) or a bad parameter fails before
   * any work.
   */
  java.util.List<SignalFeed> signalFeeds(Plugins plugins) {
    java.util.List<SignalFeed> feeds = new java.util.ArrayList<>();
    signalSettingsById().forEach((id, params) -> {
      try {
        feeds.add(SignalFeed.computed(plugins, id, params));
      } catch (ConfigException e) {
        throw new ConfigException("--signal-set", "--signal " + id + ": " + e.getMessage());
      }
    });
    return feeds;
  }

  /** The {@code --signal} ids, in order, each with its {@code --signal-set} parameters. */
  Map<String, Map<String, String>> signalSettingsById() {
    Map<String, Map<String, String>> byId = new LinkedHashMap<>();
    for (String id : signals) {
      if (byId.putIfAbsent(id, new LinkedHashMap<>()) != null) {
        throw new ConfigException("--signal", "--signal " + id + " is given twice");
      }
    }
    for (Map.Entry<String, String> e : signalSettings.entrySet()) {
      int dot = e.getKey().indexOf('.');
      Map<String, String> target = dot > 0 ? byId.get(e.getKey().substring(0, dot)) : null;
      if (target == null) {
        throw new ConfigException("--signal-set", ("--signal-set %s=%s: write ID.KEY=VALUE with ID one of the "
            + "--signal ids %s").formatted(e.getKey(), e.getValue(), byId.keySet()));
      }
      target.put(e.getKey().substring(dot + 1), e.getValue());
    }
    return byId;
  }

  /**
   * Makes fresh strategies with these settings (plus {@code overrides}); the provider is found and
   * the settings validated once, here, so a bad key fails before any work.
   */
  PluginFactory<Strategy> strategies(Plugins plugins, String id, Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(overrides);
    return PluginFactory.strategy(plugins, id, all);
  }

  /** Makes fresh sizers: the chosen plugin, or a fixed quote of {@code --sizer-quote}. */
  SerializableSupplier<Sizer> sizers(Plugins plugins) {
    return sizer == null ? PluginFactory.fixedQuote(sizerQuote) : PluginFactory.sizer(plugins, sizer, sizerSettings);
  }

  /**
   * The assumptions of a run with these settings: every simulation setting, the strategy with
   * every parameter it resolved (defaults included), the sizer with its parameters, the sentiment
   * file and the command line that repeats the run.
   *
   * @param plugins where the strategy and sizer are found
   * @param strategyId the strategy plugin id
   * @param overrides parameters on top of {@code --set} (a sweep candidate)
   * @param spec the command, for its command line
   */
  Assumptions assumptions(Plugins plugins, String strategyId, Map<String, String> overrides, CommandSpec spec) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(overrides);
    PluginConfig strategyConfig = plugins.provider(PluginFamily.STRATEGY, strategyId).configSpec().resolve(all);
    Assumptions a = Assumptions.of(config(plugins)).with("strategy", strategyId).withAll("strategy.", strategyConfig.maskedValues());
    if (sizer == null) {
      a = a.with("sizer", "fixed-quote").with("sizer.quote", sizerQuote);
    } else {
      PluginConfig sizerConfig = plugins.provider(PluginFamily.SIZER, sizer).configSpec().resolve(sizerSettings);
      a = a.with("sizer", sizer).withAll("sizer.", sizerConfig.maskedValues());
    }
    if (sentiment != null) {
      a = a.with("sentiment", sentiment.toString());
    }
    return a.with("command", commandLine(spec));
  }

  /**
   * The command line as typed (arguments with spaces quoted), to repeat a run; without the
   * options that do not change the result (thread count, progress, where the files go), so that
   * the report of a run is the same on any machine.
   */
  static String commandLine(CommandSpec spec) {
    StringBuilder sb = new StringBuilder("nanpin");
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    for (int i = 0; i < args.size(); i++) {
      String arg = args.get(i);
      String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
      if (NOT_RESULTS.contains(name)) {
        i += arg.contains("=") ? 0 : 1;
        continue;
      }
      if (arg.equals("--no-progress")) {
        continue;
      }
      sb.append(' ').append(arg.isEmpty() || arg.matches(".*[\\s\"'$].*") ? "'" + arg.replace("'", "'\\''") + "'" : arg);
    }
    return sb.toString();
  }

  /** Options with a value that change where output goes or how fast, never what it says. */
  private static final java.util.Set<String> NOT_RESULTS =
      java.util.Set.of("--threads", "--report", "--html", "--out", "--trades", "--round-trips", "--equity");

  /** A one-line description of the settings, for report subtitles and metadata. */
  String describe(String strategyId, Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(settings);
    all.putAll(overrides);
    StringBuilder sb = new StringBuilder(strategyId);
    if (!all.isEmpty()) {
      sb.append(' ').append(all);
    }
    sb.append(", sizer ").append(sizer == null ? "fixed-quote " + sizerQuote : sizer + (sizerSettings.isEmpty() ? "" : " " + sizerSettings));
    sb.append(String.format(Locale.ROOT, ", capital %.0f, fee %s bps, fill %s, %s", capital, feeBps, name(fill),
        perp ? "perp " + leverage + "x" : "spot"));
    if (!signals.isEmpty()) {
      sb.append(", signals ").append(signals).append(signalSettings.isEmpty() ? "" : " " + signalSettings);
    }
    return sb.toString();
  }

  static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  static <E extends Enum<E>> E parse(Class<E> type, String value) {
    String wanted = value.trim().replace('-', '_').toUpperCase(Locale.ROOT);
    for (E c : type.getEnumConstants()) {
      if (c.name().equals(wanted)) {
        return c;
      }
    }
    StringBuilder known = new StringBuilder();
    for (E c : type.getEnumConstants()) {
      known.append(known.length() == 0 ? "" : ", ").append(name(c));
    }
    throw new IllegalArgumentException("'" + value + "' is not one of " + known);
  }

  /** Reads {@code signal-close} and {@code next-open}. */
  static final class FillConverter implements ITypeConverter<FillTiming> {
    @Override
    public FillTiming convert(String value) {
      return parse(FillTiming.class, value);
    }
  }

  /** Reads {@code nearer-extreme-first} and {@code pessimistic}. */
  static final class PathConverter implements ITypeConverter<IntrabarPath> {
    @Override
    public IntrabarPath convert(String value) {
      return parse(IntrabarPath.class, value);
    }
  }
}
