package dev.nanpin.sim.optimize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.ConfigException;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Strategy;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptimizeTest {
  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .intParam("hold", 10, 1, 1000, "bars to hold")
      .doubleParam("step", 0.03, 0.001, 0.5, "step")
      .stringParam("mode", "fixed", "mode")
      .build();

  @Test
  void gridRangesAreExactDecimals() {
    ParameterSpace space = ParameterSpace.parse(List.of("step=0.02:0.06:0.01", "hold=3,5"), SPEC);
    assertThat(space.gridSize()).isEqualTo(10);
    List<Map<String, String>> grid = space.grid();
    assertThat(grid).hasSize(10);
    assertThat(grid.get(0)).containsExactly(Map.entry("step", "0.02"), Map.entry("hold", "3"));
    assertThat(grid.get(1)).containsExactly(Map.entry("step", "0.02"), Map.entry("hold", "5"));
    assertThat(grid.get(9)).containsExactly(Map.entry("step", "0.06"), Map.entry("hold", "5"));
  }

  @Test
  void randomSearchIsSeededAndRespectsIntegerTypes() {
    ParameterSpace space = ParameterSpace.parse(List.of("step=0.02:0.06:0.01", "hold=5:50:1", "mode=a,b"), SPEC);
    List<Map<String, String>> a = space.random(50, 7);
    assertThat(space.random(50, 7)).isEqualTo(a);
    assertThat(space.random(50, 8)).isNotEqualTo(a);
    for (Map<String, String> c : a) {
      double step = Double.parseDouble(c.get("step"));
      assertThat(step).isBetween(0.02, 0.06);
      assertThat(Integer.parseInt(c.get("hold"))).isBetween(5, 50);
      assertThat(c.get("mode")).isIn("a", "b");
    }
  }

  @Test
  void badSpecificationsNameTheParameter() {
    assertThatThrownBy(() -> ParameterSpace.parse(List.of("stepp=1:2:1"), SPEC))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("stepp"))
        .hasMessageContaining("known");
    assertThatThrownBy(() -> ParameterSpace.parse(List.of("step=0.05:0.01:0.01"), SPEC)).hasMessageContaining("lo <= hi");
    assertThatThrownBy(() -> ParameterSpace.parse(List.of("step"), SPEC)).hasMessageContaining("name=lo:hi:step");
    assertThatThrownBy(() -> ParameterSpace.parse(List.of("hold=1,2", "hold=3"), SPEC)).hasMessageContaining("twice");
    assertThatThrownBy(() -> ParameterSpace.parse(List.of("step=a:b:c"), SPEC)).hasMessageContaining("numbers");
  }

  @Test
  void sweepsRankDeterministicallyAndKeepFailures() {
    List<Map<String, String>> candidates = ParameterSpace.parse(List.of("hold=1:20:1"), SPEC).grid();
    java.util.function.Function<Map<String, String>, Map<String, Double>> objective = c -> {
      int hold = Integer.parseInt(c.get("hold"));
      if (hold == 13) {
        throw new IllegalArgumentException("unlucky");
      }
      // a peak at hold = 7, with a tie between 6 and 8
      Map<String, Double> figures = new java.util.LinkedHashMap<>();
      figures.put("score", -Math.abs(hold - 7.0));
      figures.put("other", (double) hold);
      return figures;
    };
    List<Sweep.Result> one = Sweep.run(candidates, objective, "score", false, 1);
    List<Sweep.Result> four = Sweep.run(candidates, objective, "score", false, 4);
    assertThat(Sweep.toCsv(four)).isEqualTo(Sweep.toCsv(one));
    assertThat(one.get(0).parameters()).containsEntry("hold", "7");
    assertThat(one.get(1).parameters()).containsEntry("hold", "6"); // tie broken by input order
    assertThat(one.get(2).parameters()).containsEntry("hold", "8");
    assertThat(one.get(19).error()).isEqualTo("unlucky");
    List<Sweep.Result> min = Sweep.run(candidates, objective, "other", true, 2);
    assertThat(min.get(0).parameters()).containsEntry("hold", "1");
    String csv = Sweep.toCsv(one);
    assertThat(csv.lines().findFirst()).contains("rank,hold,score,other,error");
    assertThat(csv).contains("20,13,,,unlucky");
  }

  private static BarData path(int bars) {
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(5).generate(0, bars, b);
    return BarData.of(java.util.Arrays.copyOf(b.time(), bars), java.util.Arrays.copyOf(b.open(), bars),
        java.util.Arrays.copyOf(b.high(), bars), java.util.Arrays.copyOf(b.low(), bars),
        java.util.Arrays.copyOf(b.close(), bars), java.util.Arrays.copyOf(b.volume(), bars));
  }

  /** Buys everything every `hold` bars and sells `hold / 2` bars later. */
  private static Strategy cycler(int hold) {
    return ctx -> {
      int i = ctx.index();
      if (i % hold == 0 && ctx.account().positionQuantity() == 0) {
        ctx.submit(OrderIntent.market(Side.BUY, dev.nanpin.Sizing.CASH_FRACTION, 1.0));
      } else if (i % hold == hold / 2 && ctx.account().positionQuantity() > 0) {
        ctx.submit(OrderIntent.closePosition(Side.SELL));
      }
    };
  }

  private static BacktestResult backtest(BarData data, Map<String, String> params) {
    return new Backtester(SimulationConfig.defaults()).run(data, cycler(Integer.parseInt(params.get("hold"))));
  }

  @Test
  void windowsRollAndAnchor() {
    assertThat(WalkForward.windows(100, 40, 20, WalkForward.Mode.ROLLING)).containsExactly(
        new WalkForward.Window(0, 40, 40, 60), new WalkForward.Window(20, 60, 60, 80),
        new WalkForward.Window(40, 80, 80, 100));
    assertThat(WalkForward.windows(100, 40, 20, WalkForward.Mode.ANCHORED)).containsExactly(
        new WalkForward.Window(0, 40, 40, 60), new WalkForward.Window(0, 60, 60, 80),
        new WalkForward.Window(0, 80, 80, 100));
    assertThatThrownBy(() -> WalkForward.windows(50, 40, 20, WalkForward.Mode.ROLLING)).hasMessageContaining("fit");
  }

  @Test
  void walkForwardPicksTheInSampleWinnerAndStitchesOutOfSample() {
    BarData data = path(24 * 200);
    List<WalkForward.Window> windows = WalkForward.windows(data.size(), 24 * 60, 24 * 30, WalkForward.Mode.ROLLING);
    List<Map<String, String>> candidates = ParameterSpace.parse(List.of("hold=4,12,24,48"), SPEC).grid();
    WalkForward.Result r = WalkForward.run(data, windows, candidates, OptimizeTest::backtest, "totalReturn", false, 2);
    assertThat(r.folds()).hasSize(windows.size());
    double chained = 1.0;
    for (WalkForward.Fold f : r.folds()) {
      BarData in = WalkForward.slice(data, f.window().inStart(), f.window().inEnd());
      double best = Double.NEGATIVE_INFINITY;
      for (Map<String, String> c : candidates) {
        best = Math.max(best, backtest(in, c).report().totalReturn());
      }
      assertThat(f.inSampleScore()).isEqualTo(best);
      chained *= 1.0 + f.outOfSample().get("totalReturn");
    }
    assertThat(r.equity()).hasSize(24 * 30 * windows.size());
    assertThat(r.figures().get("totalReturn")).isCloseTo(chained - 1.0, within(1e-9));
    assertThat(r.figures()).containsKeys("cagr", "sharpe", "maxDrawdown", "folds", "outOfSampleBars");
  }

  @Test
  void reportFiguresAreNamedLikeTheReport() {
    assertThat(ReportFigures.names()).contains("sharpe", "totalReturn", "maxDrawdown", "calmar");
    assertThat(ReportFigures.require("sharpe")).isEqualTo("sharpe");
    assertThatThrownBy(() -> ReportFigures.require("sharp")).isInstanceOf(ConfigException.class).hasMessageContaining("sharpe");
  }
}
