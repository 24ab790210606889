package dev.nanpin.cli;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.IntrabarPath;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.SerializableSupplier;
import dev.nanpin.spi.Plugins;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.ITypeConverter;
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

  @Option(names = "--funding-rate", defaultValue = "0", paramLabel = "RATE", description = "Perp funding rate per 8 h, longs pay when positive (default: ${DEFAULT-VALUE}).")
  double fundingRate;

  @Option(names = "--maintenance-margin", defaultValue = "0.005", paramLabel = "RATE", description = "Perp maintenance margin rate (default: ${DEFAULT-VALUE}).")
  double maintenanceMargin;

  @Option(names = "--sentiment", paramLabel = "FILE",
      description = "Replay a sentiment history (CSV timestamp,value[,index]; Fear & Greed by default) as signals.")
  java.nio.file.Path sentiment;

  @Option(names = "--periods-per-year", defaultValue = "365", paramLabel = "N", description = "Annualisation of daily metrics (default: ${DEFAULT-VALUE}).")
  double periodsPerYear;

  /** The simulation settings. */
  SimulationConfig config() {
    SimulationConfig.Builder b = SimulationConfig.builder()
        .capital(capital)
        .feeBps(feeBps)
        .slippageBps(slippageBps)
        .fillTiming(fill)
        .intrabarPath(path)
        .limitFillsOnTouch(touch)
        .defaultSizerQuote(sizerQuote)
        .periodsPerYear(periodsPerYear);
    if (makerFeeBps != null) {
      b.makerFeeBps(makerFeeBps);
    }
    if (sentiment != null) {
      b.signals(dev.nanpin.sim.CsvBars.readSentiment(sentiment));
    }
    if (perp) {
      b.instrument(new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP, new BigDecimal("0.01"),
              new BigDecimal("0.00001"), new BigDecimal("0.00001")))
          .leverage(leverage)
          .maintenanceMarginRate(maintenanceMargin)
          .funding(fundingRate, Duration.ofHours(8));
    } else if (leverage != 1.0 || fundingRate != 0.0) {
      throw new IllegalArgumentException("--leverage and --funding-rate need --perp");
    }
    return b.build();
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
