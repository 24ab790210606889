package dev.nanpin.sim.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;

import dev.nanpin.Sizer;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.optimize.BacktestObjective;
import dev.nanpin.sim.optimize.ParameterSpace;
import dev.nanpin.sim.optimize.ReportFigures;
import dev.nanpin.sim.optimize.Sweep;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.Plugins;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Pins a Monte Carlo run and a sweep of the nanpin ladder to the figures the simulator gave before
 * the runner layer existed (recorded from the code of that commit), so moving the orchestration
 * onto pluggable runners provably changes no figure. If the engine's rules change on purpose,
 * re-record the digests from this test's output and say so in the commit.
 */
class PinnedRunTest {
  static final String MONTE_CARLO = "36a132b0505e686d1f0a9bf26f4b9f3846c59f654b3c2805ad3b66e51d2ee71b";
  static final String SWEEP = "74ff6db5a8a17cfe1ab3aade707c1783fdaf9005cc236ce2c9b0403f9a7682fa";

  static final SimulationConfig CONFIG = SimulationConfig.builder().build();

  static MonteCarloResult monteCarlo(int threads) {
    Plugins plugins = Plugins.load();
    return MonteCarlo.builder(GbmGenerator.btcLikeHourly(7),
            () -> new BacktestEvaluator(CONFIG, () -> plugins.strategy("nanpin", Map.of()), () -> Sizer.fixedQuote(100)))
        .paths(48).bars(24 * 60).threads(threads).curves(6, 20).build().run();
  }

  static List<Map<String, String>> grid() {
    return ParameterSpace.parse(List.of("step=0.01:0.04:0.01", "levels=3,6"), ConfigSpec.EMPTY).grid();
  }

  static List<Sweep.Result> sweep(int threads) {
    Plugins plugins = Plugins.load();
    BarData bars = GbmReference.generate(1, 24 * 200, 11)[0];
    return Sweep.run(grid(), c -> ReportFigures.of(new Backtester(CONFIG).run(bars, plugins.strategy("nanpin", c),
        Sizer.fixedQuote(100)).report()), "sharpe", false, threads);
  }

  /** The same run with serialisable factories, so that it can be shipped. */
  static MonteCarlo.Builder shippableMonteCarlo() {
    Plugins plugins = Plugins.load();
    return MonteCarlo.builder(GbmGenerator.btcLikeHourly(7), BacktestEvaluator.factory(CONFIG,
            PluginFactory.strategy(plugins, "nanpin", Map.of()), PluginFactory.fixedQuote(100)))
        .paths(48).bars(24 * 60).curves(6, 20);
  }

  /** The same sweep with a serialisable objective. */
  static BacktestObjective shippableObjective() {
    return new BacktestObjective(CONFIG, GbmReference.generate(1, 24 * 200, 11)[0],
        PluginFactory.strategy(Plugins.load(), "nanpin", Map.of()), PluginFactory.fixedQuote(100));
  }

  @Test
  void shippedRunsGiveThePinnedFigures() {
    MonteCarloResult shipped = shippableMonteCarlo().runner(new SerializingRunner()).build().run();
    assertThat(PinnedFigures.digest(shipped)).isEqualTo(MONTE_CARLO);
    MonteCarloResult local = shippableMonteCarlo().threads(2).build().run();
    assertThat(shipped.toJson()).isEqualTo(local.toJson());
    assertThat(shipped.toHtml("t", "s").render()).isEqualTo(local.toHtml("t", "s").render());
    List<Sweep.Result> sweep = Sweep.run(grid(), shippableObjective(), "sharpe", false, new SerializingRunner());
    assertThat(PinnedFigures.digest(sweep)).isEqualTo(SWEEP);
  }

  @Test
  void runnersAreFoundByIdAndSparkIsNamedWhenMissing() {
    try (Runner r = Runners.create("local", Map.of("threads", "3"), getClass().getClassLoader())) {
      assertThat(r.parallelism()).isEqualTo(3);
      assertThat(r.describe()).isEqualTo("local, 3 threads");
    }
    assertThatThrownBy(() -> Runners.create("spark", Map.of(), getClass().getClassLoader()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("nanpin-sim-spark").hasMessageContaining("[local]");
    assertThatThrownBy(() -> Runners.create("local", Map.of("master", "x"), getClass().getClassLoader()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("master");
  }

  @Test
  void monteCarloIsPinned() {
    String one = PinnedFigures.digest(monteCarlo(1));
    assertThat(PinnedFigures.digest(monteCarlo(2))).isEqualTo(one);
    assertThat(one).isEqualTo(MONTE_CARLO);
  }

  @Test
  void sweepIsPinned() {
    List<Sweep.Result> first = sweep(1);
    assertThat(first).allMatch(r -> r.error() == null && !Double.isNaN(r.figure("sharpe")));
    String one = PinnedFigures.digest(first);
    assertThat(PinnedFigures.digest(sweep(2))).isEqualTo(one);
    assertThat(one).isEqualTo(SWEEP);
  }
}
