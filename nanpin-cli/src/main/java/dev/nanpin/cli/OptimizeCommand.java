package dev.nanpin.cli;

import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.optimize.MonteCarloObjective;
import dev.nanpin.sim.optimize.ParameterSpace;
import dev.nanpin.sim.optimize.ParetoOptimizer;
import dev.nanpin.sim.optimize.ParetoReport;
import dev.nanpin.sim.optimize.Sweep;
import dev.nanpin.sim.run.Runner;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.Plugins;
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
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code nanpin optimize}: NSGA-II over strategy parameters, each candidate judged by a Monte Carlo run. */
@Command(name = "optimize", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Search strategy parameters for the best trade-offs between two or more Monte Carlo figures",
        "(NSGA-II): e.g. the highest median annual return for each level of 95 % drawdown. Writes the Pareto front",
        "with, for each point, the walk-forward command that tests it out of sample."})
final class OptimizeCommand implements Callable<Integer> {
  @ParentCommand
  private NanpinCommand root;

  @Spec
  private CommandSpec spec;

  @Option(names = "--strategy", defaultValue = "nanpin", paramLabel = "ID", description = "Strategy plugin id (default: ${DEFAULT-VALUE}).")
  private String strategy;

  @Option(names = "--param", required = true, paramLabel = "NAME=LO:HI:STEP|NAME=V1,V2",
      description = "A parameter to search: a range (searched continuously between LO and HI) or a list; repeatable.")
  private List<String> params = new ArrayList<>();

  @Option(names = "--goal", paramLabel = "METRIC:max|min",
      description = "A Monte Carlo figure to maximise or minimise; repeatable, at least two "
          + "(default: medianAnnualReturn:max and p95MaxDrawdown:min).")
  private List<String> goals = new ArrayList<>();

  @Option(names = "--population", defaultValue = "24", paramLabel = "N", description = "Candidates per generation (default: ${DEFAULT-VALUE}).")
  private int population;

  @Option(names = "--evaluations", defaultValue = "240", paramLabel = "N", description = "Most candidates evaluated (default: ${DEFAULT-VALUE}).")
  private int evaluations;

  @Option(names = "--search-seed", defaultValue = "42", paramLabel = "N", description = "Seed of the search; --seed seeds the paths (default: ${DEFAULT-VALUE}).")
  private long searchSeed;

  @Option(names = "--data", paramLabel = "FILE", description = "CSV history: fits or feeds the generator, and is the history of the walk-forward commands.")
  private Path data;

  @Option(names = "--in-sample", defaultValue = "2160", paramLabel = "BARS", description = "Walk-forward commands: in-sample bars (default: ${DEFAULT-VALUE}).")
  private int inSample;

  @Option(names = "--out-of-sample", defaultValue = "720", paramLabel = "BARS", description = "Walk-forward commands: out-of-sample bars (default: ${DEFAULT-VALUE}).")
  private int outOfSample;

  @Option(names = "--out", paramLabel = "FILE", description = "The front as CSV, a new file (default: pareto.csv in a new "
      + "nanpin-runs/optimize-<UTC time>/).")
  private Path out;

  @Option(names = "--html", paramLabel = "FILE", description = "HTML scatter and table, a new file (default: beside the CSV, "
      + "with .html for .csv).")
  private Path html;

  @Mixin
  private SimulationOptions sim;

  @Mixin
  private GeneratorOptions gen;

  @Mixin
  private EngineOptions engine;

  @Override
  public Integer call() throws Exception {
    gen.check();
    Plugins plugins = root.plugins();
    // Every output is claimed before the search: a run never overwrites an earlier one's files.
    out = out != null ? out : RunFolder.create(null, "optimize", java.time.Clock.systemUTC())
        .claim(null, "--out", "pareto.csv");
    String name = out.getFileName().toString();
    html = html != null ? html : out.resolveSibling((name.endsWith(".csv") ? name.substring(0, name.length() - 4) : name)
        + ".html");
    RunFolder.requireNew(out, "--out");
    RunFolder.requireNew(html, "--html");
    ParameterSpace space = ParameterSpace.parse(params, plugins.provider(PluginFamily.STRATEGY, strategy).configSpec());
    List<ParetoOptimizer.Goal> parsed = new ArrayList<>();
    for (String g : goals.isEmpty() ? List.of("medianAnnualReturn:max", "p95MaxDrawdown:min") : goals) {
      ParetoOptimizer.Goal goal = ParetoOptimizer.Goal.parse(g);
      if (!MonteCarloResult.FIGURES.contains(goal.metric())) {
        throw new IllegalArgumentException("unknown Monte Carlo figure '" + goal.metric() + "'; one of "
            + MonteCarloResult.FIGURES);
      }
      parsed.add(goal);
    }
    SimulationConfig config = sim.config(plugins);
    MonteCarloObjective objective = new MonteCarloObjective(config, gen.generator(data),
        sim.strategies(plugins, strategy, Map.of()), sim.sizers(plugins), gen.paths, gen.bars);
    ParetoOptimizer.Result r;
    String where;
    try (Runner runner = engine.open(gen.threads)) {
      r = ParetoOptimizer.builder(space, objective, parsed).population(population).evaluations(evaluations)
          .seed(searchSeed).runner(runner).build().run();
      where = runner.describe();
    }
    PrintWriter o = spec.commandLine().getOut();
    String assumptions = sim.describe(strategy, Map.of()) + "; Monte Carlo " + gen.describe() + "; NSGA-II population "
        + population + ", at most " + evaluations + " evaluations, search seed " + searchSeed;
    o.printf(Locale.ROOT, "Pareto front of %s over %d evaluations in %d generations (%s); computed on %s%n%n",
        parsed, r.evaluated().size(), r.generations(), assumptions, where);
    int k = 1;
    for (Sweep.Result p : r.front()) {
      StringBuilder figures = new StringBuilder();
      parsed.forEach(g -> figures.append(String.format(Locale.ROOT, "  %s = %.4f", g.metric(), p.figure(g.metric()))));
      o.printf(Locale.ROOT, "  %3d  %s%s%n       %s%n", k++, p.parameters(), figures, walkForward(p));
    }
    Files.writeString(out, ParetoReport.csv(r, this::walkForward), StandardCharsets.UTF_8);
    o.println();
    o.println("Wrote " + out);
    if (html != null) {
      boolean percent = parsed.get(0).metric().contains("Return") || parsed.get(0).metric().contains("Drawdown");
      ParetoReport.html("Pareto front: " + strategy, assumptions, r, percent, this::walkForward).write(html);
      o.println("Wrote " + html);
    }
    return 0;
  }

  /** The command that tests one point out of sample: a walk-forward of that single candidate. */
  private String walkForward(Sweep.Result point) {
    List<String> args = new ArrayList<>(List.of("nanpin", "sweep", "--strategy", strategy));
    // the same simulation assumptions as this run, as they were given
    for (OptionSpec option : spec.mixins().get("sim").options()) {
      if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
        OptionSpec matched = spec.commandLine().getParseResult().matchedOption(option.longestName());
        if (matched.arity().max == 0) {
          args.add(option.longestName());
        } else {
          for (String v : matched.originalStringValues()) {
            args.add(option.longestName());
            args.add(v);
          }
        }
      }
    }
    point.parameters().forEach((name, value) -> {
      args.add("--param");
      args.add(name + "=" + value);
    });
    args.addAll(List.of("--data", data != null ? data.toString() : "HISTORY.csv", "--walk-forward", "rolling",
        "--in-sample", Integer.toString(inSample), "--out-of-sample", Integer.toString(outOfSample)));
    StringBuilder sb = new StringBuilder();
    for (String a : args) {
      sb.append(sb.length() == 0 ? "" : " ").append(a.matches("[A-Za-z0-9_./:=,+-]+") ? a : "'" + a + "'");
    }
    return sb.toString();
  }
}
