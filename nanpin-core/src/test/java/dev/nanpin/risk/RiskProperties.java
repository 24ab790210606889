package dev.nanpin.risk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.strategy.NanpinConfig;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.EdgeCasesMode;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Scale;
import net.jqwik.api.constraints.Size;

class RiskProperties {

  @Provide
  Arbitrary<NanpinConfig> configs() {
    return Combinators.combine(
        Arbitraries.integers().between(1, 12),
        Arbitraries.doubles().between(0.002, 0.2).ofScale(6).withDistribution(RandomDistribution.uniform()),
        Arbitraries.doubles().between(0.5, 2.5).ofScale(6).withDistribution(RandomDistribution.uniform()),
        Arbitraries.doubles().between(0.5, 2.5).ofScale(6).withDistribution(RandomDistribution.uniform()),
        Arbitraries.doubles().between(1, 25).ofScale(6).withDistribution(RandomDistribution.uniform()),
        Arbitraries.doubles().between(0, 0.1).ofScale(6).withDistribution(RandomDistribution.uniform())).as((levels, step, stepScale, volumeScale, leverage, buffer) -> {
          double deepest = step * Math.pow(stepScale, Math.max(0, levels - 2));
          if (deepest >= 1) {
            return null;
          }
          return NanpinConfig.of(Map.of("levels", levels, "step", step, "stepScale", stepScale,
              "volumeScale", volumeScale, "leverage", leverage, "liquidationBuffer", buffer));
        }).filter(c -> c != null);
  }

  @Property(tries = 300)
  void stepLadderPricesStrictlyDecrease(@ForAll("configs") NanpinConfig cfg,
      @ForAll @DoubleRange(min = 0.0001, max = 1e7) @Scale(6) double entry) {
    double[] p = cfg.stepLevelPrices(entry);
    assertThat(p[0]).isEqualTo(entry);
    for (int i = 1; i < p.length; i++) {
      assertThat(p[i]).isLessThan(p[i - 1]).isPositive();
    }
  }

  @Property(tries = 300)
  void fibonacciLadderPricesStrictlyDecrease(@ForAll @DoubleRange(min = 0.01, max = 1e6) @Scale(6) double low,
      @ForAll @DoubleRange(min = 0.001, max = 10) @Scale(6) double span) {
    NanpinConfig cfg = NanpinConfig.of(Map.of("levelMode", "fibonacci"));
    double[] p = cfg.fibonacciLevelPrices(low * (1 + span), low);
    for (int i = 1; i < p.length; i++) {
      assertThat(p[i]).isLessThan(p[i - 1]);
    }
    assertThat(p[p.length - 1]).isGreaterThan(low);
  }

  @Property(tries = 300)
  void averageEntryLiesBetweenTheLowestAndHighestFill(
      @ForAll @Size(min = 1, max = 20) java.util.List<@DoubleRange(min = 0.0001, max = 1e6) @Scale(6) Double> prices,
      @ForAll @IntRange(min = 1, max = 1_000_000) int seed) {
    double[] p = prices.stream().mapToDouble(Double::doubleValue).toArray();
    double[] q = new double[p.length];
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < q.length; i++) {
      q[i] = 1e-6 + r.nextDouble() * 100;
    }
    double avg = RiskMath.averageEntry(p, q);
    double min = java.util.Arrays.stream(p).min().orElseThrow();
    double max = java.util.Arrays.stream(p).max().orElseThrow();
    assertThat(avg).isBetween(min, max);
  }

  /**
   * For every accepted perp plan, fill the ladder level by level with independent arithmetic and
   * check that the position is still above its maintenance margin at the next level's price
   * (less the buffer), and after the last fill at the last level's price less the buffer.
   */
  @Property(tries = 400, edgeCases = EdgeCasesMode.NONE)
  void everyAcceptedPlanSurvivesToItsLastLevel(@ForAll("configs") NanpinConfig cfg,
      @ForAll @DoubleRange(min = 10, max = 1e6) @Scale(6) double balance,
      @ForAll @DoubleRange(min = 0.01, max = 200_000) @Scale(6) double price,
      @ForAll boolean isolated,
      @ForAll @DoubleRange(min = 0.001, max = 0.05) @Scale(6) double mmfBase,
      @ForAll @DoubleRange(min = 0, max = 0.0002) @Scale(6) double mmfFactor,
      @ForAll @DoubleRange(min = 0, max = 0.001) @Scale(6) double fee) {
    MaintenanceMargin mmf = MaintenanceMargin.sqrt(mmfBase, mmfFactor);
    PlanRequest req = PlanRequest.perp(balance, price, isolated ? MarginMode.ISOLATED : MarginMode.CROSS, mmf)
        .withFees(fee, fee);
    LadderPlan plan = LadderPlanner.plan(cfg, req);
    Statistics.label("plan").collect(plan.accepted() ? "accepted" : "refused");
    if (!plan.accepted()) {
      return;
    }
    double[] prices = cfg.stepLevelPrices(price);
    double qty = 0;
    double cost = 0;
    double fees = 0;
    double quote = plan.baseQuote();
    for (int k = 0; k < prices.length; k++) {
      qty += quote / prices[k];
      cost += quote;
      fees += quote * fee;
      quote *= cfg.volumeScale();
      double avg = cost / qty;
      double margin = isolated ? cost / cfg.leverage() : balance - fees;
      double probe = (k + 1 < prices.length ? prices[k + 1] : prices[k]) * (1 - cfg.liquidationBuffer());
      double equity = margin + qty * (probe - avg);
      double required = mmf.fraction(qty * probe) * qty * probe;
      assertThat(equity).as("level %d of %s", k + 1, plan).isGreaterThan(required);
    }
    assertThat(plan.levels().get(plan.levels().size() - 1).capitalInUse()).isLessThanOrEqualTo(balance * (1 + 1e-9));
  }
}
