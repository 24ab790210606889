package dev.nanpin.sim.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathEvaluator;
import dev.nanpin.sim.optimize.BacktestObjective;
import dev.nanpin.sim.optimize.MonteCarloObjective;
import dev.nanpin.sim.optimize.ParameterSpace;
import dev.nanpin.sim.optimize.ParetoOptimizer;
import dev.nanpin.sim.optimize.Sweep;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.Runner;
import dev.nanpin.sim.run.SerializableSupplier;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.Plugins;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every Spark master must give: the same Monte Carlo result and the same sweep ranking, to
 * the last bit, as worker threads of this process (1 and 2), and the cell's own error when a cell
 * fails. One Spark context per test class (started in {@link #start}), bound to 127.0.0.1, no UI.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SparkRunnerContract {
  static final SimulationConfig CONFIG = SimulationConfig.builder().build();

  Runner spark;

  /** @return a runner on a new Spark context, closed after the class */
  abstract Runner startSpark();

  @BeforeAll
  void start() {
    spark = startSpark();
  }

  @AfterAll
  void stop() {
    if (spark != null) {
      spark.close();
    }
  }

  static MonteCarlo.Builder monteCarlo() {
    Plugins plugins = Plugins.load();
    return MonteCarlo.builder(GbmGenerator.btcLikeHourly(7), BacktestEvaluator.factory(CONFIG,
            PluginFactory.strategy(plugins, "nanpin", Map.of()), PluginFactory.fixedQuote(100)))
        .paths(48).bars(24 * 60).curves(6, 20);
  }

  static List<Map<String, String>> grid() {
    return ParameterSpace.parse(List.of("step=0.01:0.04:0.01", "levels=3,6"), ConfigSpec.EMPTY).grid();
  }

  static BacktestObjective objective() {
    return new BacktestObjective(CONFIG, GbmReference.generate(1, 24 * 200, 11)[0],
        PluginFactory.strategy(Plugins.load(), "nanpin", Map.of()), PluginFactory.fixedQuote(100));
  }

  @Test
  void monteCarloIsIdenticalToLocalRunsWithOneAndTwoThreads() {
    MonteCarloResult onSpark = monteCarlo().runner(spark).build().run();
    for (int threads : new int[] {1, 2}) {
      MonteCarloResult local = monteCarlo().threads(threads).build().run();
      assertThat(onSpark.toJson()).isEqualTo(local.toJson());
      assertThat(onSpark.toHtml("t", "s").render()).isEqualTo(local.toHtml("t", "s").render());
      for (int p = 0; p < local.paths(); p++) {
        assertThat(onSpark.path(p)).isEqualTo(local.path(p));
      }
    }
  }

  @Test
  void sweepRanksIdenticallyToLocalRunsWithOneAndTwoThreads() {
    List<Sweep.Result> onSpark = Sweep.run(grid(), objective(), "sharpe", false, spark);
    assertThat(onSpark).hasSize(8).allMatch(r -> r.error() == null);
    for (int threads : new int[] {1, 2}) {
      assertThat(onSpark).isEqualTo(Sweep.run(grid(), objective(), "sharpe", false, threads));
    }
  }

  @Test
  void aFailingPathNamesItself() {
    SerializableSupplier<PathEvaluator> failing = () -> (path, bars, curve) -> {
      if (path == 37) {
        throw new IllegalArgumentException("bad bar");
      }
      return dev.nanpin.sim.montecarlo.PathSummary.of(bars.time(), bars.close(), bars.size(), bars.open()[0], false,
          0, 0, 0, 0, curve);
    };
    MonteCarlo mc = MonteCarlo.builder(GbmGenerator.btcLikeHourly(1), failing).paths(48).bars(24 * 60).curves(0, 2)
        .runner(spark).build();
    assertThatThrownBy(mc::run).hasMessageContaining("path 37 failed: bad bar");
  }

  @Test
  void aTaskThatCannotBeShippedIsRefusedByName() {
    Object notSerializable = new Object();
    Supplier<PathEvaluator> local = () -> (path, bars, curve) -> {
      throw new IllegalStateException(notSerializable.toString());
    };
    MonteCarlo mc = MonteCarlo.builder(GbmGenerator.btcLikeHourly(1), local).paths(4).bars(10).runner(spark).build();
    assertThatThrownBy(mc::run).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot be shipped to Spark").hasMessageContaining("SparkRunnerContract");
  }

  @Test
  void theOptimiserFindsTheSameFrontAsLocally() {
    Plugins plugins = Plugins.load();
    MonteCarloObjective objective = new MonteCarloObjective(CONFIG, GbmGenerator.btcLikeHourly(5),
        PluginFactory.strategy(plugins, "nanpin", Map.of()), PluginFactory.fixedQuote(100), 6, 24 * 30);
    ParameterSpace space = ParameterSpace.parse(List.of("step=0.005:0.08:0.005", "levels=2:10:1"),
        plugins.provider(dev.nanpin.spi.PluginFamily.STRATEGY, "nanpin").configSpec());
    List<ParetoOptimizer.Goal> goals = List.of(ParetoOptimizer.Goal.parse("medianAnnualReturn:max"),
        ParetoOptimizer.Goal.parse("p95MaxDrawdown:min"));
    ParetoOptimizer.Result onSpark = ParetoOptimizer.builder(space, objective, goals).population(8).evaluations(24)
        .seed(5).runner(spark).build().run();
    ParetoOptimizer.Result local = ParetoOptimizer.builder(space, objective, goals).population(8).evaluations(24)
        .seed(5).runner(Runner.local(2)).build().run();
    assertThat(onSpark).isEqualTo(local);
    assertThat(onSpark.front()).isNotEmpty();
  }
}
