package dev.nanpin.cli;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.BootstrapGenerator;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.GbmReferenceGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathGenerator;
import dev.nanpin.sim.montecarlo.Shocks;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
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

  @Option(names = "--paths", defaultValue = "4000", paramLabel = "N", description = "Number of paths (default: ${DEFAULT-VALUE}).")
  private int paths;

  @Option(names = "--bars", defaultValue = "8760", paramLabel = "N", description = "Bars per path (default: ${DEFAULT-VALUE}, one year of hours).")
  private int bars;

  @Option(names = "--generator", defaultValue = "gbm", paramLabel = "gbm|gbm-reference|bootstrap",
      description = "Path generator (default: ${DEFAULT-VALUE}).")
  private String generator;

  @Option(names = "--data", paramLabel = "FILE", description = "CSV history: fits the gbm generator, feeds the bootstrap.")
  private Path data;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
  private long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); the result does not depend on it.")
  private Integer threads;

  @Option(names = "--start", paramLabel = "PRICE", description = "gbm: first price (default: 30000, or the last close of --data).")
  private Double start;

  @Option(names = "--mu", paramLabel = "X", description = "gbm: annual drift (default: 0.3, or fitted to --data).")
  private Double mu;

  @Option(names = "--sigma", paramLabel = "X", description = "gbm: annual volatility (default: 0.7, or fitted to --data).")
  private Double sigma;

  @Option(names = "--bar-minutes", paramLabel = "N", description = "gbm: bar length in minutes (default: 60, or that of --data).")
  private Integer barMinutes;

  @Option(names = "--student-t", paramLabel = "DF", description = "gbm: Student-t shocks with DF > 2 degrees of freedom (fat tails) instead of normal.")
  private Double studentT;

  @Option(names = "--jumps", paramLabel = "PER_YEAR:MEAN:STD",
      description = "gbm: add jumps, e.g. 4:-0.08:0.05 (4 a year, log size N(-0.08, 0.05)); drift-compensated.")
  private String jumps;

  @Option(names = "--block", defaultValue = "24", paramLabel = "BARS", description = "bootstrap: (mean) block length (default: ${DEFAULT-VALUE}).")
  private int block;

  @Option(names = "--bootstrap", defaultValue = "stationary", paramLabel = "stationary|moving-block",
      description = "bootstrap: how blocks are drawn (default: ${DEFAULT-VALUE}).")
  private String bootstrapMode;

  @Option(names = "--report", defaultValue = "report.json", paramLabel = "FILE", description = "JSON figures (default: ${DEFAULT-VALUE}).")
  private Path report;

  @Option(names = "--html", defaultValue = "report.html", paramLabel = "FILE", description = "HTML report with charts (default: ${DEFAULT-VALUE}).")
  private Path html;

  @Option(names = "--no-progress", description = "Do not report progress on stderr.")
  private boolean noProgress;

  @Override
  public Integer call() throws Exception {
    if (paths < 1 || bars < 2) {
      throw new IllegalArgumentException("--paths must be >= 1 and --bars >= 2");
    }
    PathGenerator gen = generator();
    SimulationConfig config = sim.config();
    Supplier<Strategy> strategies = sim.strategies(root.plugins(), strategy, Map.of());
    Supplier<Sizer> sizers = sim.sizers(root.plugins());
    PrintWriter err = spec.commandLine().getErr();
    MonteCarlo.Builder mc = MonteCarlo.builder(gen, () -> new BacktestEvaluator(config, strategies, sizers))
        .paths(paths).bars(bars).initialEquity(config.capital());
    if (threads != null) {
      mc.threads(threads);
    }
    if (!noProgress) {
      mc.progress(new ProgressPrinter(err, System.console() != null, "montecarlo", "paths"));
    }
    MonteCarloResult result = mc.build().run();

    PrintWriter out = spec.commandLine().getOut();
    String subtitle = "%s; %s, %d paths x %d bars, seed %d".formatted(sim.describe(strategy, Map.of()), gen.id(),
        paths, bars, seed);
    out.println("Monte Carlo of " + subtitle);
    out.println();
    printSummary(result, out);
    double seconds = result.elapsed().toNanos() / 1e9;
    out.printf(Locale.ROOT, "%nRan in %.2f s on %d threads: %.0f paths/s%n", seconds, result.threads(),
        paths / Math.max(seconds, 1e-9));
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

  private PathGenerator generator() {
    switch (generator) {
      case "gbm-reference" -> {
        return new GbmReferenceGenerator(seed);
      }
      case "bootstrap" -> {
        if (data == null) {
          throw new IllegalArgumentException("--generator bootstrap needs --data FILE (a CSV history)");
        }
        BarData h = CsvBars.read(data);
        BootstrapGenerator.Mode mode = SimulationOptions.parse(BootstrapGenerator.Mode.class, bootstrapMode);
        int n = h.size();
        long[] t = new long[n];
        double[][] c = new double[5][n];
        for (int i = 0; i < n; i++) {
          t[i] = h.timeMillis(i);
          c[0][i] = h.open(i);
          c[1][i] = h.high(i);
          c[2][i] = h.low(i);
          c[3][i] = h.close(i);
          c[4][i] = h.volume(i);
        }
        return new BootstrapGenerator(t, c[0], c[1], c[2], c[3], c[4], n, mode, block,
            start != null ? start : c[3][n - 1], seed);
      }
      case "gbm" -> {
        GbmGenerator g = GbmGenerator.btcLikeHourly(seed);
        if (data != null) {
          BarData h = CsvBars.read(data);
          int n = h.size();
          long[] t = new long[n];
          double[][] c = new double[4][n];
          for (int i = 0; i < n; i++) {
            t[i] = h.timeMillis(i);
            c[0][i] = h.open(i);
            c[1][i] = h.high(i);
            c[2][i] = h.low(i);
            c[3][i] = h.close(i);
          }
          g = GbmGenerator.fit(t, c[0], c[1], c[2], c[3], n, seed);
        }
        g = new GbmGenerator(start != null ? start : g.start(), mu != null ? mu : g.mu(),
            sigma != null ? sigma : g.sigma(), barMinutes != null ? barMinutes * 60_000L : g.barMillis(), g.wick(),
            studentT != null ? Shocks.studentT(studentT) : Shocks.normal(), 0, 0, 0, g.volume(), g.startMillis(), seed);
        if (jumps != null) {
          String[] p = jumps.split(":");
          if (p.length != 3) {
            throw new IllegalArgumentException("--jumps takes PER_YEAR:MEAN:STD, e.g. 4:-0.08:0.05");
          }
          g = g.withJumps(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        }
        return g;
      }
      default -> throw new IllegalArgumentException(
          "unknown generator '" + generator + "'; one of gbm, gbm-reference, bootstrap");
    }
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
