package dev.nanpin.cli;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.signals.WyckoffGenerator;
import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.ReportWriter;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nanpin backtest}: runs a strategy plugin over a CSV of bars and writes the report. */
@Command(name = "backtest", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Backtest a strategy plugin on a CSV of bars (timestamp,open,high,low,close,volume).",
        "Prints a summary table and writes report.json, fills.csv, equity.csv and report.html into a new run folder.",
        "With several --data files: one strategy per symbol on one shared capital; report.html shows the portfolio."})
final class BacktestCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV of bars; repeat it for a portfolio "
      + "of several symbols on one shared capital (bars aligned by timestamp).")
  private List<Path> dataFiles;

  @Option(names = "--symbol", paramLabel = "NAME", description = "The symbol of each --data file, in the same order "
      + "(default: the file name without .csv).")
  private List<String> symbols = new ArrayList<>();

  @Mixin
  private PortfolioOptions portfolio;

  @Option(names = "--strategy", required = true, paramLabel = "ID", description = "Strategy plugin id (see 'nanpin plugins').")
  private String strategy;

  @Mixin
  private SimulationOptions sim;

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results (default: a new "
      + "nanpin-runs/backtest-<UTC time>/); must not exist or be empty.")
  private Path outDir;

  @Option(names = "--report", paramLabel = "FILE", description = "The JSON report (default: report.json in the run folder).")
  private Path report;

  @Option(names = "--trades", paramLabel = "FILE", description = "Every fill as CSV (default: fills.csv in the run folder).")
  private Path trades;

  @Option(names = "--round-trips", paramLabel = "FILE", description = "Every round trip (entry, exit, levels, "
      + "average entry, exit price, exit reason, P&L) as CSV (default: round-trips.csv in the run folder).")
  private Path roundTrips;

  @Option(names = "--equity", paramLabel = "FILE", description = "The equity of every bar as CSV (default: equity.csv in the run folder).")
  private Path equity;

  @Option(names = "--html", paramLabel = "FILE", description = "The HTML report: figures, equity with drawdown and fills, trade "
      + "returns; for a portfolio also capital in use, P&L and exposure by symbol and the correlation matrix "
      + "(default: report.html in the run folder).")
  private Path html;

  @Override
  public Integer call() throws IOException {
    Plugins plugins = root.plugins();
    if (dataFiles.size() > 1 || !symbols.isEmpty() || portfolio.any()) {
      return portfolio.run(plugins, strategy, sim, dataFiles, symbols, spec, outDir, report, trades, equity, html);
    }
    Path data = dataFiles.get(0);
    Strategy strat = sim.strategies(plugins, strategy, Map.of()).get();
    Sizer siz = sim.sizers(plugins).get();
    SimulationConfig config = sim.config(plugins);
    BarData bars = CsvBars.read(data);
    // Every output is claimed before the run: a long backtest never ends by failing to write.
    RunFolder folder = RunFolder.create(outDir, "backtest", Clock.systemUTC());
    Path report = folder.claim(this.report, "--report", "report.json");
    Path trades = folder.claim(this.trades, "--trades", "fills.csv");
    Path trips = folder.claim(this.roundTrips, "--round-trips", "round-trips.csv");
    Path equity = folder.claim(this.equity, "--equity", "equity.csv");
    Path html = folder.claim(this.html, "--html", "report.html");
    BacktestResult result = new Backtester(config).run(bars, strat, siz);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Backtest of %s on %s%n", strategy, data.getFileName());
    if (bars.size() > 0) {
      out.printf(Locale.ROOT, "%d bars, %s .. %s, %d gaps; fill %s, fee %s bps, slippage %s bps%n%n", bars.size(),
          Instant.ofEpochMilli(bars.timeMillis(0)), Instant.ofEpochMilli(bars.timeMillis(bars.size() - 1)), bars.gaps(),
          SimulationOptions.name(sim.fill), sim.feeBps, sim.slippageBps);
    }
    out.print(ReportWriter.summary(result.report()));
    out.print(ReportWriter.exitSummary(result));
    printRefusals(result.refusals(), out);
    Assumptions assumptions = sim.assumptions(plugins, strategy, Map.of(), spec)
        .with("data", data.toString()).with("dataFingerprint", bars.fingerprint());
    Map<String, String> meta = new LinkedHashMap<>();
    meta.put("strategy", strategy);
    sim.settings.forEach((k, v) -> meta.put("set." + k, v));
    meta.put("sizer", sim.sizer == null ? "fixed-quote(" + sim.sizerQuote + ")" : sim.sizer);
    if (!sim.signals.isEmpty()) {
      meta.put("signals", String.join(",", sim.signals));
      sim.signalSettings.forEach((k, v) -> meta.put("signal-set." + k, v));
    }
    meta.put("data", data.toString());
    meta.put("dataFingerprint", bars.fingerprint());
    meta.put("fill", SimulationOptions.name(sim.fill));
    meta.put("intrabarPath", SimulationOptions.name(sim.path));
    meta.put("account", sim.perp ? "perp" : "spot");
    try (Writer w = Files.newBufferedWriter(report, StandardCharsets.UTF_8)) {
      ReportWriter.writeJson(result, assumptions, meta, w);
    }
    try (Writer w = Files.newBufferedWriter(trades, StandardCharsets.UTF_8)) {
      ReportWriter.writeFillsCsv(result, w);
    }
    try (Writer w = Files.newBufferedWriter(trips, StandardCharsets.UTF_8)) {
      ReportWriter.writeRoundTripsCsv(result, w);
    }
    String htmlTitle = "Backtest: " + strategy;
    String htmlSubtitle = sim.describe(strategy, Map.of()) + "; " + data.getFileName() + ", " + bars.size() + " bars";
    Map<String, String> wyckoff = sim.signalSettingsById().get(WyckoffGenerator.ID);
    (wyckoff == null ? result.toHtml(htmlTitle, htmlSubtitle, assumptions)
        : result.toHtml(htmlTitle, htmlSubtitle, assumptions,
            WyckoffPhases.of(plugins.signalGenerator(WyckoffGenerator.ID, wyckoff), bars))).write(html);
    try (Writer w = Files.newBufferedWriter(equity, StandardCharsets.UTF_8)) {
      ReportWriter.writeEquityCsv(result, w);
    }
    out.println();
    folder.printWritten(out);
    return 0;
  }

  /**
   * The most frequent refusal reasons, at most five: alike reasons (equal but for their numbers)
   * are counted together and shown by their first instance, numbers included.
   */
  static void printRefusals(List<BacktestResult.Refusal> refusals, PrintWriter out) {
    if (refusals.isEmpty()) {
      return;
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    Map<String, String> example = new LinkedHashMap<>();
    for (BacktestResult.Refusal r : refusals) {
      String shape = r.reason().replaceAll("[-+]?[0-9][0-9.E+-]*", "#");
      counts.merge(shape, 1, Integer::sum);
      example.putIfAbsent(shape, r.reason());
    }
    out.println();
    out.println("Refused orders by reason (first instance of each kind):");
    counts.entrySet().stream()
        .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(5)
        .forEach(e -> out.printf(Locale.ROOT, "  %6d  %s%n", e.getValue(), example.get(e.getKey())));
  }
}
