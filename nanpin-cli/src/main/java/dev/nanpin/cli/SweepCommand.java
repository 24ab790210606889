package dev.nanpin.cli;

import dev.nanpin.Sizer;
import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathGenerator;
import dev.nanpin.sim.optimize.BacktestObjective;
import dev.nanpin.sim.optimize.ParameterSpace;
import dev.nanpin.sim.optimize.ReportFigures;
import dev.nanpin.sim.optimize.Sweep;
import dev.nanpin.sim.optimize.SweepReport;
import dev.nanpin.sim.optimize.WalkForward;
import dev.nanpin.sim.report.HtmlReport;
import dev.nanpin.sim.run.Runner;
import dev.nanpin.sim.run.SerializableSupplier;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.Plugins;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nanpin sweep}: grid or random search over strategy parameters, optionally walk-forward. */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Search strategy parameters: evaluate every candidate by a backtest on --data, or by a Monte Carlo",
        "run (--montecarlo), and rank them by a metric. With --walk-forward, optimise on each in-sample window",
        "and report only the stitched out-of-sample results."})
final class SweepCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--strategy", defaultValue = "nanpin", paramLabel = "ID", description = "Strategy plugin id (default: ${DEFAULT-VALUE}).")
  private String strategy;

  @Option(names = "--param", required = true, paramLabel = "NAME=LO:HI:STEP|NAME=V1,V2",
      description = "A parameter to vary, as a range or a list; repeatable.")
  private List<String> params = new ArrayList<>();

  @Option(names = "--samples", paramLabel = "N", description = "Random search: draw N candidates (seeded by --seed) instead of the full grid.")
  private Integer samples;

  @Option(names = "--metric", defaultValue = "sharpe", paramLabel = "NAME",
      description = "Figure to rank by: a backtest report field (sharpe, totalReturn, calmar, ...) or, with --montecarlo, "
          + "a report.json field (medianAnnualReturn, meanSharpe, ...) (default: ${DEFAULT-VALUE}).")
  private String metric;

  @Option(names = "--minimize", description = "Smaller is better (e.g. maxDrawdown, ruinProbability).")
  private boolean minimize;

  @Option(names = "--data", paramLabel = "FILE", description = "CSV of bars to backtest on (or, with --montecarlo, to fit or bootstrap).")
  private Path data;

  @Option(names = "--montecarlo", description = "Evaluate each candidate by a Monte Carlo run (see the path options) instead of a backtest.")
  private boolean montecarlo;

  @Mixin
  private SimulationOptions sim;

  @Mixin
  private GeneratorOptions gen;

  @Mixin
  private EngineOptions engine;

  @ArgGroup(exclusive = false, heading = "Walk-forward (backtest only):%n")
  private WalkForwardOptions walk;

  @Option(names = "--out", paramLabel = "FILE", description = "Ranked candidates (or walk-forward folds) as CSV, a new "
      + "file (default: sweep.csv in a new nanpin-runs/sweep-<UTC time>/); its assumptions go beside it.")
  private Path out;

  @Option(names = "--html", paramLabel = "FILE", description = "HTML report of the sweep.")
  private Path html;

  @Option(names = "--top", defaultValue = "10", paramLabel = "N", description = "Candidates printed (default: ${DEFAULT-VALUE}).")
  private int top;

  static final class WalkForwardOptions {
    @Option(names = "--walk-forward", required = true, paramLabel = "rolling|anchored", description = "Walk-forward mode.")
    String mode;

    @Option(names = "--in-sample", required = true, paramLabel = "BARS", description = "In-sample window length (the first window's when anchored).")
    int inSample;

    @Option(names = "--out-of-sample", required = true, paramLabel = "BARS", description = "Out-of-sample window length.")
    int outOfSample;
  }

  @Override
  public Integer call() throws Exception {
    Plugins plugins = root.plugins();
    // Every output is claimed before the work: a sweep never overwrites an earlier one's files.
    out = out != null ? out : RunFolder.create(null, "sweep", Clock.systemUTC()).claim(null, "--out", "sweep.csv");
    RunFolder.requireNew(out, "--out");
    RunFolder.requireNew(sidecar(out), "--out (its assumptions file)");
    if (html != null) {
      RunFolder.requireNew(html, "--html");
    }
    ParameterSpace space = ParameterSpace.parse(params,
        plugins.provider(PluginFamily.STRATEGY, strategy).configSpec());
    List<Map<String, String>> candidates = samples == null ? space.grid() : space.random(samples, gen.seed);
    SimulationConfig config = sim.config(plugins);
    SerializableSupplier<Sizer> sizers = sim.sizers(plugins);
    PrintWriter o = spec.commandLine().getOut();
    int threads = gen.threads != null ? gen.threads : Runtime.getRuntime().availableProcessors();

    if (walk != null) {
      return walkForward(plugins, candidates, config, sizers, threads, o);
    }
    List<Sweep.Result> ranked;
    String basis;
    String where;
    try (Runner runner = engine.open(gen.threads)) {
      if (montecarlo) {
        gen.check();
        PathGenerator generator = gen.generator(data);
        if (!MonteCarloResult.FIGURES.contains(metric)) {
          throw new IllegalArgumentException("unknown Monte Carlo metric '" + metric + "'; one of "
              + MonteCarloResult.FIGURES);
        }
        // candidates one after another, each Monte Carlo run's paths spread over the runner
        Function<Map<String, String>, Map<String, Double>> objective = c -> MonteCarlo.builder(generator,
                BacktestEvaluator.factory(config, sim.strategies(plugins, strategy, c), sizers))
            .paths(gen.paths).bars(gen.bars).initialEquity(config.capital()).curves(0, 2).runner(runner).build().run()
            .figures();
        ranked = Sweep.run(candidates, objective, metric, minimize, 1);
        basis = "Monte Carlo (" + gen.describe() + ")";
      } else {
        if (data == null) {
          throw new IllegalArgumentException("--data FILE is needed (or --montecarlo)");
        }
        ReportFigures.require(metric);
        BacktestObjective objective = new BacktestObjective(config, CsvBars.read(data),
            sim.strategies(plugins, strategy, Map.of()), sizers);
        ranked = Sweep.run(candidates, objective, metric, minimize, runner);
        basis = "backtest on " + data.getFileName();
      }
      where = runner.describe();
    }
    if (!ranked.isEmpty() && ranked.stream().allMatch(r -> r.error() != null)) {
      // Nothing to rank: a failure, not a table of errors with exit code 0.
      throw new dev.nanpin.NanpinException("sweep: every one of the %d candidates failed; the first: %s"
          .formatted(ranked.size(), ranked.get(0).error()));
    }
    Files.writeString(out, Sweep.toCsv(ranked), StandardCharsets.UTF_8);
    Assumptions assumptions = sim.assumptions(plugins, strategy, Map.of(), spec)
        .with("sweep.parameters", String.join(" ", params)).with("sweep.metric", metric)
        .with("sweep.minimize", minimize).with("sweep.samples", samples).with("sweep.rankedInSample", true);
    assumptions = montecarlo ? gen.assumptions(assumptions, gen.generator(data), data)
        : assumptions.with("data", data.toString());
    String walkCommand = montecarlo ? null : walkForwardCommand(CsvBars.read(data).size());
    o.printf(Locale.ROOT, "Sweep of %s over %d candidates (%s), ranked by %s%s, in sample; computed on %s%n%n", strategy,
        candidates.size(), basis, metric, minimize ? " (smaller is better)" : "", where);
    printTop(ranked, o);
    o.println();
    o.println(SweepReport.inSampleWarning(metric));
    if (walkCommand != null) {
      o.println("Out-of-sample test of this sweep (re-optimises on each in-sample window, runs the winner on the next):");
      o.println("  " + walkCommand);
    }
    o.println();
    o.println("Wrote " + out);
    Path json = sidecar(out);
    Files.writeString(json, "{\n  \"rankedInSample\": true,\n  \"metric\": \"" + metric + "\",\n  \"assumptions\": "
        + assumptions.toJson("  ") + "\n}\n", StandardCharsets.UTF_8);
    o.println("Wrote " + json);
    if (html != null) {
      SweepReport.html("Sweep: " + strategy, sim.describe(strategy, Map.of()) + "; " + basis + "; ranked in sample by "
          + metric, ranked, metric, minimize, assumptions, walkCommand).write(html);
      o.println("Wrote " + html);
    }
    return 0;
  }

  /** Where a sweep's assumptions go: beside its CSV, {@code sweep.csv} -> {@code sweep.assumptions.json}. */
  private static Path sidecar(Path csv) {
    String name = csv.getFileName().toString();
    String stem = name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name;
    return csv.resolveSibling(stem + ".assumptions.json");
  }

  /**
   * The command that walks this sweep forward: the same command with rolling windows of three
   * eighths of the data in sample and one eighth out of sample (five folds).
   */
  private String walkForwardCommand(int bars) {
    int outOfSample = Math.max(1, bars / 8);
    return SimulationOptions.commandLine(spec) + " --walk-forward rolling --in-sample " + 3 * outOfSample
        + " --out-of-sample " + outOfSample + " --html walk-forward.html";
  }

  private int walkForward(Plugins plugins, List<Map<String, String>> candidates, SimulationConfig config,
      Supplier<Sizer> sizers, int threads, PrintWriter o) throws Exception {
    if (montecarlo || data == null) {
      throw new IllegalArgumentException("--walk-forward needs --data FILE and works on backtests, not --montecarlo");
    }
    ReportFigures.require(metric);
    BarData bars = CsvBars.read(data);
    WalkForward.Mode mode = SimulationOptions.parse(WalkForward.Mode.class, walk.mode);
    List<WalkForward.Window> windows = WalkForward.windows(bars.size(), walk.inSample, walk.outOfSample, mode);
    WalkForward.Result r = WalkForward.run(bars, windows, candidates,
        (slice, c) -> new Backtester(config).run(slice, sim.strategies(plugins, strategy, c).get(), sizers.get()),
        metric, minimize, threads);
    o.printf(Locale.ROOT, "Walk-forward (%s) of %s on %s: %d folds of %d in-sample + %d out-of-sample bars, "
        + "%d candidates, optimising %s%n%n", SimulationOptions.name(mode), strategy, data.getFileName(), windows.size(),
        walk.inSample, walk.outOfSample, candidates.size(), metric);
    List<List<String>> rows = new ArrayList<>();
    double minDays = config.minAnnualisedDays();
    for (WalkForward.Fold f : r.folds()) {
      double days = f.outOfSample().get("spanDays");
      // an annualised figure of a short fold is an extrapolation: say so in the cell itself
      String star = ANNUALISED.contains(metric) && days < minDays ? " *" : "";
      List<String> row = List.of(java.time.Instant.ofEpochMilli(bars.timeMillis(f.window().outStart())).toString(),
          String.format(Locale.ROOT, "%.1f", days), f.best().toString(), fmt(f.inSampleScore()) + star,
          fmt(f.outOfSample().get(metric)) + star, pct(f.outOfSample().get("totalReturn")));
      rows.add(row);
      o.printf(Locale.ROOT, "  out of sample from %s (%s days)  best %s  in-sample %s = %s  out-of-sample %s = %s, "
          + "return %s%n", row.get(0), row.get(1), row.get(2), metric, row.get(3), metric, row.get(4), row.get(5));
    }
    if (ANNUALISED.contains(metric) && r.folds().stream().anyMatch(x -> x.outOfSample().get("spanDays") < minDays)) {
      o.printf(Locale.ROOT, "  * extrapolated: an out-of-sample fold of fewer than %.0f days annualises a short window%n",
          minDays);
    }
    Map<String, Double> f = r.figures();
    boolean stitchedShort = f.get("spanDays") < minDays;
    String x = stitchedShort ? " (extrapolated)" : "";
    o.printf(Locale.ROOT, "%nStitched out of sample over %.1f days: total return %s, CAGR%s %s, Sharpe%s %.2f, "
        + "max drawdown %s%n", f.get("spanDays"), pct(f.get("totalReturn")), x, pct(f.get("cagr")), x, f.get("sharpe"),
        pct(f.get("maxDrawdown")));
    Assumptions assumptions = sim.assumptions(plugins, strategy, Map.of(), spec).with("data", data.toString())
        .with("sweep.parameters", String.join(" ", params)).with("sweep.metric", metric).with("sweep.minimize", minimize)
        .with("walkForward.mode", walk.mode).with("walkForward.inSampleBars", walk.inSample)
        .with("walkForward.outOfSampleBars", walk.outOfSample);
    Path json = sidecar(out);
    Files.writeString(json, "{\n  \"assumptions\": " + assumptions.toJson("  ") + "\n}\n", StandardCharsets.UTF_8);
    StringBuilder csv = new StringBuilder("outOfSampleStart,outOfSampleDays,parameters,inSample,outOfSample,"
        + "outOfSampleReturn\n");
    for (List<String> row : rows) {
      csv.append(String.join(",", row.stream().map(c -> c.contains(",") ? "\"" + c + "\"" : c).toList())).append('\n');
    }
    Files.writeString(out, csv.toString(), StandardCharsets.UTF_8);
    o.println("Wrote " + out);
    o.println("Wrote " + json);
    if (html != null) {
      HtmlReport.Builder b = HtmlReport.builder("Walk-forward: " + strategy)
          .subtitle(sim.describe(strategy, Map.of()) + "; " + windows.size() + " folds, optimising " + metric)
          .assumptions(assumptions.entries(), assumptions.toJson(""))
          .figures("Stitched out-of-sample result over " + String.format(Locale.ROOT, "%.1f days", f.get("spanDays")),
              List.of(
              new HtmlReport.Figure("Total return", pct(f.get("totalReturn")), null),
              new HtmlReport.Figure("CAGR" + x, pct(f.get("cagr")), null),
              new HtmlReport.Figure("Sharpe" + x, fmt(f.get("sharpe")), null),
              new HtmlReport.Figure("Max drawdown", pct(f.get("maxDrawdown")), null)))
          .equityChart("oos-equity", "Stitched out-of-sample equity", r.time(), r.equity(), r.equity().length,
              new int[0], new boolean[0], 0)
          .table("Folds (* annualised over fewer than " + String.format(Locale.ROOT, "%.0f", minDays)
              + " days: extrapolated)", List.of("out of sample from", "days", "best parameters", "in-sample " + metric,
              "out-of-sample " + metric, "out-of-sample return"), rows);
      b.write(html);
      o.println("Wrote " + html);
    }
    return 0;
  }

  /** Report figures that are annualised, so extrapolated over short folds. */
  private static final java.util.Set<String> ANNUALISED =
      java.util.Set.of("cagr", "volatility", "sharpe", "sortino", "calmar", "tradesPerYear");

  private void printTop(List<Sweep.Result> ranked, PrintWriter o) {
    int shown = 0;
    for (Sweep.Result r : ranked) {
      if (shown++ >= top) {
        break;
      }
      o.printf(Locale.ROOT, "  %3d  %-40s %s = %s%s%n", shown, r.parameters(), metric, fmt(r.figure(metric)),
          r.error() == null ? "" : "  (failed: " + r.error() + ")");
    }
  }

  private static String fmt(Double v) {
    return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.4f", v);
  }

  private static String pct(Double v) {
    return v == null || v.isNaN() ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }
}
