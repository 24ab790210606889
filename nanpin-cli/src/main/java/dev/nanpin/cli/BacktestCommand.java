package dev.nanpin.cli;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.IntrabarPath;
import dev.nanpin.sim.ReportWriter;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nanpin backtest}: runs a strategy plugin over a CSV of bars and writes the report. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Backtest a strategy plugin on a CSV of bars (timestamp,open,high,low,close,volume).",
        "Prints a summary table; optionally writes report.json, fills.csv and equity.csv."})
final class BacktestCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV of bars.")
  private Path data;

  @Option(names = "--strategy", required = true, paramLabel = "ID", description = "Strategy plugin id (see 'nanpin plugins').")
  private String strategy;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "A strategy parameter; repeatable.")
  private Map<String, String> settings = new LinkedHashMap<>();

  @Option(names = "--sizer", paramLabel = "ID", description = "Sizer plugin for SIZER-sized intents (default: a fixed quote of --sizer-quote).")
  private String sizer;

  @Option(names = "--sizer-set", paramLabel = "KEY=VALUE", description = "A sizer parameter; repeatable.")
  private Map<String, String> sizerSettings = new LinkedHashMap<>();

  @Option(names = "--sizer-quote", defaultValue = "100", paramLabel = "QUOTE", description = "Quote amount of the default sizer (default: ${DEFAULT-VALUE}).")
  private double sizerQuote;

  @Option(names = "--capital", defaultValue = "10000", paramLabel = "QUOTE", description = "Starting quote balance (default: ${DEFAULT-VALUE}).")
  private double capital;

  @Option(names = "--fill", defaultValue = "next-open", converter = FillConverter.class, paramLabel = "signal-close|next-open",
      description = "When market orders fill (default: ${DEFAULT-VALUE}).")
  private FillTiming fill;

  @Option(names = "--path", defaultValue = "nearer-extreme-first", converter = PathConverter.class,
      paramLabel = "nearer-extreme-first|pessimistic", description = "Assumed intrabar path for limit orders (default: ${DEFAULT-VALUE}).")
  private IntrabarPath path;

  @Option(names = "--touch", description = "Limit orders fill when the price touches them (default: must trade through).")
  private boolean touch;

  @Option(names = "--fee-bps", defaultValue = "10", paramLabel = "N", description = "Maker and taker fee in basis points (default: ${DEFAULT-VALUE}).")
  private double feeBps;

  @Option(names = "--maker-fee-bps", paramLabel = "N", description = "Maker fee in basis points, if different from --fee-bps.")
  private Double makerFeeBps;

  @Option(names = "--slippage-bps", defaultValue = "0", paramLabel = "N", description = "Slippage of market orders in basis points (default: ${DEFAULT-VALUE}).")
  private double slippageBps;

  @Option(names = "--perp", description = "Simulate a perpetual-futures margin account instead of spot.")
  private boolean perp;

  @Option(names = "--leverage", defaultValue = "1", paramLabel = "X", description = "Leverage of the perp account (default: ${DEFAULT-VALUE}).")
  private double leverage;

  @Option(names = "--funding-rate", defaultValue = "0", paramLabel = "RATE", description = "Perp funding rate per 8 h, longs pay when positive (default: ${DEFAULT-VALUE}).")
  private double fundingRate;

  @Option(names = "--maintenance-margin", defaultValue = "0.005", paramLabel = "RATE", description = "Perp maintenance margin rate (default: ${DEFAULT-VALUE}).")
  private double maintenanceMargin;

  @Option(names = "--periods-per-year", defaultValue = "365", paramLabel = "N", description = "Annualisation of daily metrics (default: ${DEFAULT-VALUE}).")
  private double periodsPerYear;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the report as JSON.")
  private Path report;

  @Option(names = "--trades", paramLabel = "FILE", description = "Write every fill as CSV.")
  private Path trades;

  @Option(names = "--equity", paramLabel = "FILE", description = "Write the equity of every bar as CSV.")
  private Path equity;

  @Override
  public Integer call() throws IOException {
    Plugins plugins = root.plugins();
    Strategy strat = plugins.strategy(strategy, settings);
    Sizer siz = sizer == null ? Sizer.fixedQuote(sizerQuote) : plugins.sizer(sizer, sizerSettings);
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
    if (perp) {
      b.instrument(new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP, new BigDecimal("0.01"),
              new BigDecimal("0.00001"), new BigDecimal("0.00001")))
          .leverage(leverage)
          .maintenanceMarginRate(maintenanceMargin)
          .funding(fundingRate, Duration.ofHours(8));
    } else if (leverage != 1.0 || fundingRate != 0.0) {
      throw new IllegalArgumentException("--leverage and --funding-rate need --perp");
    }
    SimulationConfig config = b.build();
    BarData bars = CsvBars.read(data);
    BacktestResult result = new Backtester(config).run(bars, strat, siz);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Backtest of %s on %s%n", strategy, data.getFileName());
    if (bars.size() > 0) {
      out.printf(Locale.ROOT, "%d bars, %s .. %s, %d gaps; fill %s, fee %s bps, slippage %s bps%n%n", bars.size(),
          Instant.ofEpochMilli(bars.timeMillis(0)), Instant.ofEpochMilli(bars.timeMillis(bars.size() - 1)), bars.gaps(),
          name(fill), feeBps, slippageBps);
    }
    out.print(ReportWriter.summary(result.report()));
    printRefusals(result, out);
    if (report != null) {
      Map<String, String> meta = new LinkedHashMap<>();
      meta.put("strategy", strategy);
      settings.forEach((k, v) -> meta.put("set." + k, v));
      meta.put("sizer", sizer == null ? "fixed-quote(" + sizerQuote + ")" : sizer);
      meta.put("data", data.toString());
      meta.put("dataFingerprint", bars.fingerprint());
      meta.put("fill", name(fill));
      meta.put("intrabarPath", name(path));
      meta.put("account", perp ? "perp" : "spot");
      try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
        ReportWriter.writeJson(result.report(), meta, w);
      }
    }
    if (trades != null) {
      try (Writer w = Files.newBufferedWriter(trades, StandardCharsets.UTF_8)) {
        ReportWriter.writeFillsCsv(result, w);
      }
    }
    if (equity != null) {
      try (Writer w = Files.newBufferedWriter(equity, StandardCharsets.UTF_8)) {
        ReportWriter.writeEquityCsv(result, w);
      }
    }
    return 0;
  }

  /** The most frequent refusal reasons (numbers stripped so that alike reasons group), at most five. */
  private static void printRefusals(BacktestResult result, PrintWriter out) {
    if (result.refusals().isEmpty()) {
      return;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    for (BacktestResult.Refusal r : result.refusals()) {
      counts.merge(r.reason().replaceAll("[-+]?[0-9][0-9.E+-]*", "#"), 1, Integer::sum);
    }
    out.println();
    out.println("Refused orders by reason:");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(5)
        .forEach(e -> out.printf(Locale.ROOT, "  %6d  %s%n", e.getValue(), e.getKey()));
  }

  private static String name(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  private static <E extends Enum<E>> E parse(Class<E> type, String value) {
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
