package dev.nanpin.benchmarks;

import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.optimize.BacktestObjective;
import dev.nanpin.sim.optimize.ParameterSpace;
import dev.nanpin.sim.optimize.Sweep;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.Runner;
import dev.nanpin.sim.spark.SparkRunner;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.Plugins;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One 256-cell sweep of the {@code nanpin} ladder (16 steps x 16 ladder depths, backtests on one
 * or four years of hourly {@code gbm-reference} bars, seed 42) computed in this process on 2 threads
 * ({@code engine=local}) or on Spark {@code local[2]} ({@code engine=spark}). The Spark context is
 * started in the trial's setup, so the figure is the sweep itself after Spark's start-up: the
 * broadcast of the bars, the job and the collection of the results. Spark is not in
 * benchmarks.jar: put its jars on the class path (see the README).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(jvmArgsAppend = {"--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.lang.invoke=ALL-UNNAMED",
    "--add-opens=java.base/java.nio=ALL-UNNAMED", "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--add-opens=java.base/java.util=ALL-UNNAMED", "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true"})
public class SparkSweepBenchmark {
  /** Where the sweep runs. */
  @Param({"local", "spark"})
  public String engine;

  /** Bars per backtest: one year of hours, or four (the length of the shared BTC hourly history). */
  @Param({"8760", "35040"})
  public int bars;

  private Runner runner;
  private List<Map<String, String>> candidates;
  private BacktestObjective objective;

  /** Builds the sweep and starts the runner (Spark's start-up is not measured). */
  @Setup(Level.Trial)
  public void setup() {
    Plugins plugins = Plugins.load();
    candidates = ParameterSpace.parse(List.of("step=0.005:0.08:0.005", "levels=2:17:1"),
        plugins.provider(PluginFamily.STRATEGY, "nanpin").configSpec()).grid();
    if (candidates.size() != 256) {
      throw new IllegalStateException("expected 256 cells, got " + candidates.size());
    }
    BarData series = GbmReference.generate(1, bars, 42)[0];
    objective = new BacktestObjective(SimulationConfig.builder().build(), series,
        PluginFactory.strategy(plugins, "nanpin", Map.of()), PluginFactory.fixedQuote(100));
    runner = engine.equals("spark") ? SparkRunner.start("local[2]", Map.of(), 0) : Runner.local(2);
  }

  /** Stops Spark. */
  @TearDown(Level.Trial)
  public void tearDown() {
    runner.close();
  }

  /** @return the ranked sweep */
  @Benchmark
  public List<Sweep.Result> sweep256() {
    return Sweep.run(candidates, objective, "sharpe", false, runner);
  }
}
