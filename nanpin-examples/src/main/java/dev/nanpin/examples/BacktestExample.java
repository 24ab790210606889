package dev.nanpin.examples;

import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.ReportWriter;
import dev.nanpin.sim.SimulationConfig;
import java.nio.file.Path;

/**
 * Runnable example: backtest the example ladder on a CSV file (first argument) or, without
 * arguments, on one synthetic GBM path, and print the summary.
 */
public final class BacktestExample {
  private BacktestExample() {}

  /**
   * Runs the example.
   *
   * @param args an optional CSV file of bars
   */
  public static void main(String[] args) {
    BarData bars = args.length > 0 ? CsvBars.read(Path.of(args[0])) : GbmReference.generate(1, 8760, 42)[0];
    SimulationConfig config = SimulationConfig.builder()
        .capital(10_000)
        .feeBps(10)
        .fillTiming(FillTiming.NEXT_OPEN)
        .build();
    BacktestResult result = new Backtester(config).run(bars, new LadderBasicStrategy(100, 0.97, 1.3, 5, 1.02, 200));
    System.out.print(ReportWriter.summary(result.report()));
  }
}
