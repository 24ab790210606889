package dev.nanpin.examples;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.ReportWriter;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.spi.Plugins;
import java.util.Map;

/**
 * Runnable example: the custom sizer plugin {@code step-up} ({@link StepUpSizerProvider}, declared in
 * {@code META-INF/services} and {@code module-info}), found by id like any built-in one and used to
 * size the built-in {@code nanpin} ladder in a backtest on one synthetic path.
 */
public final class CustomSizerExample {
  private CustomSizerExample() {}

  /**
   * Runs the example.
   *
   * @param args unused
   */
  public static void main(String[] args) {
    Plugins plugins = Plugins.load();
    Sizer sizer = plugins.sizer("step-up", Map.of("base", "40", "factor", "1.4"));
    Strategy ladder = plugins.strategy("nanpin", Map.of("levels", "5", "step", "0.03"));
    BarData bars = GbmReference.generate(1, 8760, 7)[0];
    BacktestResult result = new Backtester(SimulationConfig.defaults()).run(bars, ladder, sizer);
    System.out.println("nanpin ladder sized by the step-up plugin (base 40, factor 1.4):");
    System.out.print(ReportWriter.summary(result.report()));
  }
}
