package dev.nanpin.cli;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.portfolio.JointPaths;
import dev.nanpin.sim.portfolio.PortfolioBacktester;
import dev.nanpin.sim.portfolio.PortfolioLeg;
import dev.nanpin.sim.portfolio.PortfolioMonteCarlo;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.SerializableSupplier;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The portfolio form of {@code nanpin montecarlo}: several {@code --data} files, joint paths that
 * keep the symbols' correlation ({@code bootstrap}: a joint block bootstrap; {@code gbm}: a
 * correlated GBM fitted on the files), each path run as a portfolio backtest on one shared capital.
 */
final class PortfolioMonteCarloRun {
  private PortfolioMonteCarloRun() {}

  static Integer run(Plugins plugins, String strategyId, SimulationOptions sim, GeneratorOptions gen, List<Path> files,
      List<String> given, CommandSpec spec, Path outDir, Path reportFile) throws IOException {
    if (gen.start != null || gen.mu != null || gen.sigma != null || gen.barMinutes != null || gen.studentT != null
        || gen.jumps != null || !gen.bootstrapMode.equals("stationary")) {
      throw new IllegalArgumentException("a portfolio Monte Carlo fits its paths on the --data files: --start, --mu, "
          + "--sigma, --bar-minutes, --student-t, --jumps and --bootstrap moving-block apply to one symbol only");
    }
    List<String> names = PortfolioOptions.symbols(files, given);
    List<BarData> history = new ArrayList<>();
    for (Path f : files) {
      history.add(CsvBars.read(f));
    }
    JointPaths paths = switch (gen.generator) {
      case "bootstrap" -> JointPaths.bootstrap(history, gen.block, gen.seed);
      case "gbm" -> JointPaths.correlatedGbm(history, gen.seed);
      default -> throw new IllegalArgumentException("a portfolio Monte Carlo takes --generator bootstrap or gbm, not "
          + gen.generator);
    };
    SimulationConfig base = sim.config(plugins);
    List<PortfolioLeg> legs = new ArrayList<>();
    for (int i = 0; i < files.size(); i++) {
      legs.add(new PortfolioLeg(names.get(i), history.get(i), base.toBuilder()
          .instrument(PortfolioOptions.instrument(names.get(i), base, sim.perp)).build()));
    }
    PluginFactory<Strategy> strategies = sim.strategies(plugins, strategyId, Map.of());
    SerializableSupplier<Sizer> sizers = sim.sizers(plugins);
    RunFolder folder = RunFolder.create(outDir, "montecarlo", Clock.systemUTC());
    Path report = folder.claim(reportFile, "--report", "report.json");
    PortfolioBacktester bt = new PortfolioBacktester(base.capital(), null, base.periodsPerYear(),
        base.minAnnualisedDays());
    int threads = gen.threads != null ? gen.threads : Runtime.getRuntime().availableProcessors();
    long t0 = System.nanoTime();
    PortfolioMonteCarlo.Result r = new PortfolioMonteCarlo(bt, legs, paths)
        .run(gen.paths, gen.bars, threads, s -> strategies.get(), s -> sizers.get());
    double seconds = (System.nanoTime() - t0) / 1e9;

    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "Portfolio Monte Carlo of %s on %s: %s, %d paths of %d bars, seed %d%n%n", strategyId,
        String.join(", ", names), paths.id(), gen.paths, gen.bars, gen.seed);
    for (int a = 0; a < names.size(); a++) {
      for (int b = a + 1; b < names.size(); b++) {
        out.printf(Locale.ROOT, "  correlation of %s and %s in the history (%d joint rows): %+.3f%n", names.get(a),
            names.get(b), paths.rows(), paths.historyCorrelation(a, b));
      }
    }
    out.printf(Locale.ROOT, "  %-36s %s .. %s .. %s%n", "Return over the path, 5 % .. 50 % .. 95 %",
        pct(r.returnQuantile(0.05)), pct(r.returnQuantile(0.5)), pct(r.returnQuantile(0.95)));
    out.printf(Locale.ROOT, "  %-36s %s / %s%n", "Max drawdown, median / 95 %", pct(r.drawdownQuantile(0.5)),
        pct(r.drawdownQuantile(0.95)));
    out.printf(Locale.ROOT, "  %-36s %s%n", "Paths ending below the capital", pct(r.probabilityOfLoss()));
    out.printf(Locale.ROOT, "  %-36s %s%n", "Paths with a liquidation", pct(r.probabilityOfLiquidation()));
    out.printf(Locale.ROOT, "%nRan in %.2f s on %d threads (the figures do not depend on the thread count)%n", seconds,
        threads);
    Assumptions a = bt.assumptions(legs).with("generator", paths.id()).with("seed", gen.seed)
        .with("paths", gen.paths).with("bars", gen.bars).with("jointRows", paths.rows());
    if (gen.generator.equals("bootstrap")) {
      a = a.with("blockLength", gen.block);
    }
    for (Map.Entry<String, Object> e : sim.assumptions(plugins, strategyId, Map.of(), spec).entries().entrySet()) {
      if (e.getKey().matches("(strategy|sizer|command)(\\..*)?")) {
        a = a.with(e.getKey(), e.getValue());
      }
    }
    StringBuilder json = new StringBuilder("{\n  \"assumptions\": ").append(a.toJson("  "));
    json.append(String.format(Locale.ROOT, ",%n  \"returnP05\": %s,%n  \"returnP50\": %s,%n  \"returnP95\": %s,%n"
        + "  \"maxDrawdownP50\": %s,%n  \"maxDrawdownP95\": %s,%n  \"probabilityOfLoss\": %s,%n"
        + "  \"probabilityOfLiquidation\": %s,%n  \"finalEquity\": [", r.returnQuantile(0.05), r.returnQuantile(0.5),
        r.returnQuantile(0.95), r.drawdownQuantile(0.5), r.drawdownQuantile(0.95), r.probabilityOfLoss(),
        r.probabilityOfLiquidation()));
    double[] eq = r.finalEquity();
    for (int p = 0; p < eq.length; p++) {
      json.append(p == 0 ? "" : ", ").append(eq[p]);
    }
    json.append("]\n}\n");
    Files.writeString(report, json.toString(), StandardCharsets.UTF_8);
    out.println();
    folder.printWritten(out);
    return 0;
  }

  private static String pct(double v) {
    return String.format(Locale.ROOT, "%.2f %%", v * 100);
  }
}
