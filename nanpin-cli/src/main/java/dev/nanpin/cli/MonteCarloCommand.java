package dev.nanpin.cli;

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
        "writing report.json and report.html in the current directory."})
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

  @Option(names = "--data", paramLabel = "FILE", description = "CSV history: fits the gbm generator, feeds the bootstrap.")
  private Path data;

  @Option(names = "--report", defaultValue = "report.json", paramLabel = "FILE", description = "JSON figures (default: ${DEFAULT-VALUE}).")
  private Path report;

  @Option(names = "--html", defaultValue = "report.html", paramLabel = "FILE", description = "HTML report with charts (default: ${DEFAULT-VALUE}).")
  private Path html;

  @Option(names = "--no-progress", description = "Do not report progress on stderr.")
  private boolean noProgress;

  @Override
  public Integer call() throws Exception {
    gen.check();
    PathGenerator generator = gen.generator(data);
    SimulationConfig config = sim.config();
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

    PrintWriter out = spec.commandLine().getOut();
    String subtitle = sim.describe(strategy, Map.of()) + "; " + gen.describe();
    out.println("Monte Carlo of " + subtitle);
    out.println();
    printSummary(result, out);
    double seconds = result.elapsed().toNanos() / 1e9;
    out.printf(Locale.ROOT, "%nRan in %.2f s (%s): %.0f paths/s%n", seconds, where,
        gen.paths / Math.max(seconds, 1e-9));
    if (report != null) {
      Files.writeString(report, result.toJson(), StandardCharsets.UTF_8);
      out.println("Wrote " + report);
    }
    if (html != null) {
      result.toHtml("Monte Carlo: " + strategy, subtitle).write(html);
      out.println("Wrote " + html);
    }
    return 0;
  }

  private static void printSummary(MonteCarloResult r, PrintWriter out) {
    var a = r.annualReturn();
    row(out, "Annual return, median", pct(a.median()));
    row(out, "Annual return, mean", pct(a.mean()));
    row(out, "Annual return, 5 % .. 95 %", pct(a.percentile(5)) + " .. " + pct(a.percentile(95)));
    row(out, "Annual return, worst .. best", pct(a.min()) + " .. " + pct(a.max()));
    row(out, "Success (ends above start)", pct(r.successProbability()));
    row(out, "Ruin or liquidation", pct(r.ruinProbability()));
    Map<String, Double> f = r.figures();
    row(out, "VaR / CVaR 95 % (annual)", pct(f.get("var95")) + " / " + pct(f.get("cvar95")));
    row(out, "Max drawdown, median / 95 %", pct(r.maxDrawdown().median()) + " / " + pct(r.maxDrawdown().percentile(95)));
    row(out, "Sharpe, median", String.format(Locale.ROOT, "%.2f", r.sharpe().median()));
    row(out, "Trades per year, mean", String.format(Locale.ROOT, "%.1f", f.get("meanTradesPerYear")));
    row(out, "Ladder exhausted", pct(r.ladderExhaustionProbability()));
    row(out, "Capital in use at the deepest point, 95 %", String.format(Locale.ROOT, "%,.0f", f.get("p95CapitalInUse")));
  }

  private static void row(PrintWriter out, String label, String value) {
    out.printf(Locale.ROOT, "  %-42s %s%n", label, value);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }
}
