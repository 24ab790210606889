package dev.nanpin.examples;

import dev.nanpin.Sizer;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Runnable example: a Monte Carlo of the built-in {@code nanpin} ladder from Java, 500 one-year
 * hourly GBM paths with BTC-like drift and volatility, its JSON and HTML reports written into the
 * folder given as first argument (default {@code mc-example}, which must not exist yet).
 */
public final class MonteCarloExample {
  private MonteCarloExample() {}

  /**
   * Runs the example.
   *
   * @param args an optional output folder
   * @throws IOException if a report cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "mc-example");
    Files.createDirectory(dir); // fails if it exists: an earlier run is never overwritten
    Plugins plugins = Plugins.load();
    SimulationConfig config = SimulationConfig.defaults();
    MonteCarloResult r = MonteCarlo.builder(GbmGenerator.btcLikeHourly(42),
            () -> new BacktestEvaluator(config, () -> plugins.strategy("nanpin", Map.of("levels", "5")),
                () -> Sizer.fixedQuote(100)))
        .paths(500).bars(8760).build().run();
    System.out.printf(Locale.ROOT, "median annual return %.1f %%, ruin or liquidation %.1f %% over %d paths%n",
        r.annualReturn().median() * 100, r.ruinProbability() * 100, 500);
    Files.writeString(dir.resolve("report.json"), r.toJson());
    r.toHtml("Monte Carlo example", "nanpin ladder, 500 GBM paths").write(dir.resolve("report.html"));
    System.out.println("wrote " + dir.resolve("report.json").toAbsolutePath());
    System.out.println("wrote " + dir.resolve("report.html").toAbsolutePath());
  }
}
