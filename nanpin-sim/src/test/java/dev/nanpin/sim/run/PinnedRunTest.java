package dev.nanpin.sim.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Sizer;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
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
  static final String SWEEP = "551059222e1cba3a379f12cf739bc19d21367b18a7cec08ce79219641612134a";

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

  @Test
  void monteCarloIsPinned() {
    String one = PinnedFigures.digest(monteCarlo(1));
    assertThat(PinnedFigures.digest(monteCarlo(2))).isEqualTo(one);
    assertThat(one).isEqualTo(MONTE_CARLO);
  }

  @Test
  void sweepIsPinned() {
    String one = PinnedFigures.digest(sweep(1));
    assertThat(PinnedFigures.digest(sweep(2))).isEqualTo(one);
    assertThat(one).isEqualTo(SWEEP);
  }
}
