package dev.nanpin.cli;

import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathGenerator;
import dev.nanpin.sim.run.Runner;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nanpin montecarlo}: a strategy on many synthetic paths, in parallel, with a report. */
@Command(name = "montecarlo", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Run a strategy on many synthetic price paths in parallel and report the distribution of results.",
        "With no arguments: the nanpin ladder on 4000 one-year hourly GBM paths with BTC-like drift and volatility,",
        "writing report.json and report.html into a new folder nanpin-runs/montecarlo-<UTC time>/."})
final class MonteCarloCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--strategy", defaultValue = "nanpin", paramLabel = "ID", description = "Strategy plugin id (default: ${DEFAULT-VALUE}).")
  private String strategy;

  @Mixin
  private SimulationOptions sim;

  @Mixin
  private GeneratorOptions gen;

  @Mixin
  private EngineOptions engine;

  @Option(names = "--data", paramLabel = "FILE", description = "CSV history: fits the gbm generator, feeds the bootstrap; "
      + "repeat it for a portfolio on one shared capital (joint paths keeping the symbols' correlation).")
  private List<Path> dataFiles = new ArrayList<>();

  @Option(names = "--symbol", paramLabel = "NAME", description = "Portfolio: the symbol of each --data file, in the same "
      + "order (default: the file name without .csv).")
  private List<String> symbols = new ArrayList<>();

  @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results (default: a new "
      + "nanpin-runs/montecarlo-<UTC time>/); must not exist or be empty.")
  private Path outDir;

  @Option(names = "--report", paramLabel = "FILE", description = "JSON figures (default: report.json in the run folder).")
  private Path report;

  @Option(names = "--html", paramLabel = "FILE", description = "HTML report with charts (default: report.html in the run folder).")
  private Path html;

  @Option(names = "--no-progress", description = "Do not report progress on stderr.")
  private boolean noProgress;

  @Override
  public Integer call() throws Exception {
    gen.check();
    if (dataFiles.size() > 1) {
      if (html != null) {
        throw new IllegalArgumentException("--html is not written for a portfolio Monte Carlo; report.json is");
      }
      return PortfolioMonteCarloRun.run(root.plugins(), strategy, sim, gen, dataFiles, symbols, spec, outDir, report);
    }
    Path data = dataFiles.isEmpty() ? null : dataFiles.get(0);
    PathGenerator generator = gen.generator(data);
    SimulationConfig config = sim.config(root.plugins());
    RunFolder folder = RunFolder.create(outDir, "montecarlo", java.time.Clock.systemUTC());
    Path report = folder.claim(this.report, "--report", "report.json");
    Path html = folder.claim(this.html, "--html", "report.html");
    PrintWriter err = spec.commandLine().getErr();
    MonteCarloResult result;
    String where;
    try (Runner runner = engine.open(gen.threads)) {
      MonteCarlo.Builder mc = MonteCarlo.builder(generator, BacktestEvaluator.factory(config,
              sim.strategies(root.plugins(), strategy, Map.of()), sim.sizers(root.plugins())))
          .paths(gen.paths).bars(gen.bars).initialEquity(config.capital()).runner(runner);
      if (!noProgress) {
        mc.progress(new ProgressPrinter(err, System.console() != null, "montecarlo", "paths"));
      }
      result = mc.build().run();
      where = runner.describe();
    }
    Assumptions assumptions = gen.assumptions(sim.assumptions(root.plugins(), strategy, Map.of(), spec), generator, data);

    PrintWriter out = spec.commandLine().getOut();
    String subtitle = sim.describe(strategy, Map.of()) + "; " + gen.describe();
    out.println("Monte Carlo of " + subtitle);
    out.println();
    printSummary(result, out);
    double seconds = result.elapsed().toNanos() / 1e9;
    out.printf(Locale.ROOT, "%nRan in %.2f s (%s): %.0f paths/s%n", seconds, where,
        gen.paths / Math.max(seconds, 1e-9));
    Files.writeString(report, result.toJson(assumptions), StandardCharsets.UTF_8);
    result.toHtml("Monte Carlo: " + strategy, subtitle, assumptions).write(html);
    out.println();
    folder.printWritten(out);
    return 0;
  }

  private static void printSummary(MonteCarloResult r, PrintWriter out) {
    // Ruin and return side by side, the return being each path's real one (a liquidated path that
    // ended above its start shows it); annual figures of short paths are marked as extrapolated.
    var p = r.periodReturn();
    String span = String.format(Locale.ROOT, "%.0f days", r.spanDays());
    row(out, "Return over " + span + ", median", pct(p.median()));
    row(out, "Return over " + span + ", 5 % .. 95 %", pct(p.percentile(5)) + " .. " + pct(p.percentile(95)));
    row(out, "Return over " + span + ", worst .. best", pct(p.min()) + " .. " + pct(p.max()));
    row(out, "Ruined or liquidated", pct(r.ruinProbability()));
    row(out, "Success (ends above start)", pct(r.successProbability()));
    String x = r.annualised() ? "" : " *";
    var a = r.annualReturn();
    row(out, "Annual return, median" + x, pct(a.median()));
    row(out, "Annual return, mean" + x, pct(a.mean()));
    row(out, "Annual return, 5 % .. 95 %" + x, pct(a.percentile(5)) + " .. " + pct(a.percentile(95)));
    Map<String, Double> f = r.figures();
    row(out, "VaR / CVaR 95 % (annual)" + x, pct(f.get("var95")) + " / " + pct(f.get("cvar95")));
    row(out, "Max drawdown, median / 95 %", pct(r.maxDrawdown().median()) + " / " + pct(r.maxDrawdown().percentile(95)));
    row(out, "Longest under water, median / 95 %", String.format(Locale.ROOT, "%.0f / %.0f days",
        r.underwaterDays().median(), r.underwaterDays().percentile(95)));
    row(out, "Sharpe, median" + x, String.format(Locale.ROOT, "%.2f", r.sharpe().median()));
    row(out, "Trades per year, mean" + x, String.format(Locale.ROOT, "%.1f", f.get("meanTradesPerYear")));
    row(out, "Ladder exhausted", pct(r.ladderExhaustionProbability()));
    row(out, "Capital in use at the deepest point, 95 %", String.format(Locale.ROOT, "%,.0f", f.get("p95CapitalInUse")));
    if (!r.annualised()) {
      out.printf(Locale.ROOT, "  * extrapolated: paths of %s are fewer than %.0f days; an annual figure of so short "
          + "a window is not a result%n", span, dev.nanpin.metrics.Metrics.MIN_ANNUALISED_DAYS);
    }
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf(Locale.ROOT, "  %-42s %s%n", label, value);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }
}
