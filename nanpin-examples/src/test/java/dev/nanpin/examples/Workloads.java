package dev.nanpin.examples;

import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.SimulationConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** The data and settings of the benchmark workloads, shared by the equivalence tests. */
final class Workloads {
  static final SimulationConfig CONFIG = SimulationConfig.builder()
      .capital(10_000).feeBps(10).fillTiming(FillTiming.SIGNAL_CLOSE).build();

  private static BarData[] gbm;

  private Workloads() {}

  /** {@code gbm 200 8760 42}, generated once per test JVM. */
  static synchronized BarData[] gbm() {
    if (gbm == null) {
      gbm = GbmReference.generate(200, 8760, 42);
    }
    return gbm;
  }

  /** The shared hourly BTC history; skips the test when the file is absent. */
  static BarData btcHourly() {
    Path file = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data", "btc-usdt-1h.csv");
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared data absent: " + file);
    return CsvBars.read(file);
  }

  static BacktestResult runA(BarData data) {
    return new Backtester(CONFIG).run(data, new SmaCrossStrategy(50, 200));
  }

  static BacktestResult runB(BarData data) {
    return new Backtester(CONFIG).run(data, new LadderBasicStrategy(100.0, 0.97, 1.3, 5, 1.02, 200));
  }
}
