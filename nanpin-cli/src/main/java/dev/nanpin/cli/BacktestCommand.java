package dev.nanpin.cli;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
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
import java.time.Instant;
import java.util.LinkedHashMap;
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
        "Prints a summary table; optionally writes report.json, fills.csv, equity.csv and an HTML report."})
final class BacktestCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", required = true, paramLabel = "FILE", description = "CSV of bars.")
  private Path data;

  @Option(names = "--strategy", required = true, paramLabel = "ID", description = "Strategy plugin id (see 'nanpin plugins').")
  private String strategy;

  @Mixin
  private SimulationOptions sim;

  @Option(names = "--report", paramLabel = "FILE", description = "Write the report as JSON.")
  private Path report;

  @Option(names = "--trades", paramLabel = "FILE", description = "Write every fill as CSV.")
  private Path trades;

  @Option(names = "--equity", paramLabel = "FILE", description = "Write the equity of every bar as CSV.")
  private Path equity;

  @Option(names = "--html", paramLabel = "FILE", description = "Write an HTML report: figures, equity with drawdown and fills, trade returns.")
  private Path html;

  @Override
  public Integer call() throws IOException {
    Plugins plugins = root.plugins();
    Strategy strat = sim.strategies(plugins, strategy, Map.of()).get();
    Sizer siz = sim.sizers(plugins).get();
    SimulationConfig config = sim.config(plugins);
    BarData bars = CsvBars.read(data);
    BacktestResult result = new Backtester(config).run(bars, strat, siz);

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Backtest of %s on %s%n", strategy, data.getFileName());
    if (bars.size() > 0) {
      out.printf(Locale.ROOT, "%d bars, %s .. %s, %d gaps; fill %s, fee %s bps, slippage %s bps%n%n", bars.size(),
          Instant.ofEpochMilli(bars.timeMillis(0)), Instant.ofEpochMilli(bars.timeMillis(bars.size() - 1)), bars.gaps(),
          SimulationOptions.name(sim.fill), sim.feeBps, sim.slippageBps);
    }
    out.print(ReportWriter.summary(result.report()));
    printRefusals(result, out);
    Assumptions assumptions = sim.assumptions(plugins, strategy, Map.of(), spec)
        .with("data", data.toString()).with("dataFingerprint", bars.fingerprint());
    if (report != null) {
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
        ReportWriter.writeJson(result.report(), assumptions, meta, w);
      }
    }
    if (trades != null) {
      try (Writer w = Files.newBufferedWriter(trades, StandardCharsets.UTF_8)) {
        ReportWriter.writeFillsCsv(result, w);
      }
    }
    if (html != null) {
      result.toHtml("Backtest: " + strategy, sim.describe(strategy, Map.of()) + "; " + data.getFileName() + ", "
          + bars.size() + " bars", assumptions).write(html);
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
}
