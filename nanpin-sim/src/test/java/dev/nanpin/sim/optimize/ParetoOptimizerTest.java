package dev.nanpin.sim.optimize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.run.PluginFactory;
import dev.nanpin.sim.run.Runner;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.Plugins;
import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ParetoOptimizerTest {
  static final List<ParetoOptimizer.Goal> ZDT1_GOALS = List.of(new ParetoOptimizer.Goal("f1", true),
      new ParetoOptimizer.Goal("f2", true));

  /** ZDT1 on three variables: the Pareto front is f2 = 1 - sqrt(f1) for f1 in [0, 1], at x2 = x3 = 0. */
  record Zdt1() implements Function<Map<String, String>, Map<String, Double>>, Serializable {
    @Override
    public Map<String, Double> apply(Map<String, String> c) {
      double x1 = Double.parseDouble(c.get("x1"));
      double g = 1 + 9 * (Double.parseDouble(c.get("x2")) + Double.parseDouble(c.get("x3"))) / 2;
      return Map.of("f1", x1, "f2", g * (1 - Math.sqrt(x1 / g)));
    }
  }

  static ParameterSpace zdt1Space() {
    return ParameterSpace.parse(List.of("x1=0:1:0.01", "x2=0:1:0.01", "x3=0:1:0.01"), ConfigSpec.EMPTY);
  }

  static ParetoOptimizer.Result zdt1(Runner runner) {
    return ParetoOptimizer.builder(zdt1Space(), new Zdt1(), ZDT1_GOALS).population(40).evaluations(3000).seed(7)
        .runner(runner).build().run();
  }

  @Test
  void findsTheKnownFrontOfZdt1() {
    ParetoOptimizer.Result r = zdt1(Runner.local(2));
    assertThat(r.evaluated().size()).isLessThanOrEqualTo(3000).isGreaterThan(2500);
    assertThat(r.front()).hasSizeGreaterThan(20);
    double worstGap = 0;
    for (Sweep.Result p : r.front()) {
      double f1 = p.figure("f1");
      worstGap = Math.max(worstGap, p.figure("f2") - (1 - Math.sqrt(f1)));
    }
    assertThat(worstGap).isLessThan(0.05);
    assertThat(r.front().get(0).figure("f1")).isLessThan(0.05);
    assertThat(r.front().get(r.front().size() - 1).figure("f1")).isGreaterThan(0.9);
  }

  @Test
  void isDeterministicForASeedOnAnyRunner() {
    ParetoOptimizer.Result one = ParetoOptimizer.builder(zdt1Space(), new Zdt1(), ZDT1_GOALS).population(12)
        .evaluations(120).seed(3).runner(Runner.local(1)).build().run();
    ParetoOptimizer.Result two = ParetoOptimizer.builder(zdt1Space(), new Zdt1(), ZDT1_GOALS).population(12)
        .evaluations(120).seed(3).runner(Runner.local(2)).build().run();
    assertThat(two).isEqualTo(one);
    assertThat(one.generations()).isPositive();
    assertThat(one.evaluated()).extracting(Sweep.Result::index).isSorted();
  }

  @Test
  void frontAndHypervolumeFollowTheDefinitions() {
    List<Sweep.Result> rs = List.of(result(0, 1, 5), result(1, 2, 4), result(2, 2, 5), result(3, 3, 1),
        new Sweep.Result(4, Map.of(), Map.of(), "failed"));
    List<ParetoOptimizer.Goal> goals = List.of(new ParetoOptimizer.Goal("a", false),
        new ParetoOptimizer.Goal("b", true));
    // maximise a, minimise b: (3, 1) dominates every other point
    assertThat(ParetoOptimizer.front(rs, goals)).extracting(Sweep.Result::index).containsExactly(3);
    List<ParetoOptimizer.Goal> both = List.of(new ParetoOptimizer.Goal("a", false), new ParetoOptimizer.Goal("b", false));
    assertThat(ParetoOptimizer.front(rs, both)).extracting(Sweep.Result::index).containsExactly(3, 2);
    // reference (0, 0), maximise both: (3,1) and (2,5) cover 3*1 + 2*(5-1) = 11
    assertThat(ParetoOptimizer.hypervolume(rs, both, new double[] {0, 0})).isEqualTo(11.0);
  }

  private static Sweep.Result result(int i, double a, double b) {
    return new Sweep.Result(i, Map.of("i", Integer.toString(i)), Map.of("a", a, "b", b), null);
  }

  @Test
  void onASmallMonteCarloTheFrontCoversMoreThanTheGridAtEqualEvaluations() {
    Plugins plugins = Plugins.load();
    SimulationConfig config = SimulationConfig.builder().build();
    MonteCarloObjective objective = new MonteCarloObjective(config, GbmGenerator.btcLikeHourly(5),
        PluginFactory.strategy(plugins, "nanpin", Map.of()), PluginFactory.fixedQuote(100), 16, 24 * 60);
    // six ladder parameters: a grid of 64 evaluations affords only their two ends each
    List<String> params = List.of("step=0.005:0.08:0.075", "stepScale=1:2.5:1.5", "volumeScale=1:2.5:1.5",
        "levels=2:10:8", "takeProfit=0.005:0.08:0.075", "stopLoss=0.05:0.5:0.45");
    ConfigSpec spec = plugins.provider(dev.nanpin.spi.PluginFamily.STRATEGY, "nanpin").configSpec();
    ParameterSpace space = ParameterSpace.parse(params, spec);
    List<ParetoOptimizer.Goal> goals = List.of(ParetoOptimizer.Goal.parse("medianAnnualReturn:max"),
        ParetoOptimizer.Goal.parse("p95MaxDrawdown:min"));
    List<Sweep.Result> grid = Sweep.run(space.grid(), objective, "medianAnnualReturn", false, 2);
    ParetoOptimizer.Result opt = ParetoOptimizer.builder(space, objective, goals).population(12)
        .evaluations(grid.size()).seed(Long.getLong("seed", 11)).runner(Runner.local(2)).build().run();
    assertThat(opt.evaluated().size()).isLessThanOrEqualTo(grid.size());

    List<Sweep.Result> gridFront = ParetoOptimizer.front(grid, goals);
    double worstReturn = Double.POSITIVE_INFINITY;
    double worstDrawdown = 0;
    for (Sweep.Result r : concat(grid, opt.evaluated())) {
      if (r.error() != null) {
        continue;
      }
      worstReturn = Math.min(worstReturn, r.figure("medianAnnualReturn"));
      worstDrawdown = Math.max(worstDrawdown, r.figure("p95MaxDrawdown"));
    }
    double[] reference = {worstReturn, worstDrawdown};
    double hvGrid = ParetoOptimizer.hypervolume(gridFront, goals, reference);
    double hvOpt = ParetoOptimizer.hypervolume(opt.front(), goals, reference);
    System.out.printf(Locale.ROOT, "grid: %d evaluations, front %d, hypervolume %.6f; NSGA-II: %d evaluations, "
        + "front %d, hypervolume %.6f%n", grid.size(), gridFront.size(), hvGrid, opt.evaluated().size(),
        opt.front().size(), hvOpt);
    long covered = gridFront.stream().filter(g -> opt.front().stream()
        .anyMatch(o -> !ParetoOptimizer.dominates(g, o, goals) && (ParetoOptimizer.dominates(o, g, goals)
            || (o.figure("medianAnnualReturn") >= g.figure("medianAnnualReturn")
                && o.figure("p95MaxDrawdown") <= g.figure("p95MaxDrawdown"))))).count();
    System.out.printf(Locale.ROOT, "grid front points weakly dominated by the NSGA-II front: %d of %d%n", covered,
        gridFront.size());
    // the search covers more of the trade-off than the grid, with no more evaluations
    assertThat(hvOpt).isGreaterThan(hvGrid);
  }

  private static List<Sweep.Result> concat(List<Sweep.Result> a, List<Sweep.Result> b) {
    List<Sweep.Result> all = new java.util.ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
