package dev.nanpin.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.strategy.NanpinConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LadderPlannerTest {
  private static final MaintenanceMargin BACKPACK_SOL = MaintenanceMargin.sqrt(0.0125, 0.0000765);

  @Test
  void spotPlanSpendsTheBalanceOverTheFullLadder() {
    LadderPlan plan = LadderPlanner.plan(NanpinConfig.defaults(), PlanRequest.spot(151.16, 100_000));
    assertThat(plan.accepted()).isTrue();
    List<LadderPlan.Level> levels = plan.levels();
    assertThat(levels).hasSize(5);
    assertThat(levels.get(4).capitalInUse()).isCloseTo(151.16, within(1e-9));
    assertThat(levels.get(0).price()).isEqualTo(100_000);
    assertThat(levels.get(1).orderQuote()).isCloseTo(levels.get(0).orderQuote() * 1.3, within(1e-9));
    for (LadderPlan.Level l : levels) {
      assertThat(l.takeProfitPrice()).isCloseTo(l.averageEntry() * 1.02, within(1e-6));
      assertThat(l.liquidationPrice()).isNaN();
    }
  }

  @Test
  void leveragedLadderLiquidatedBeforeItsNextLevelIsRefusedNamingIt() {
    NanpinConfig cfg = NanpinConfig.of(Map.of("leverage", 20));
    LadderPlan plan = LadderPlanner.plan(cfg, PlanRequest.perp(151.16, 100_000, MarginMode.ISOLATED, BACKPACK_SOL));
    assertThat(plan.accepted()).isFalse();
    LadderPlan.Rejection r = plan.rejection().orElseThrow();
    assertThat(r.message()).contains("level").contains("liquidated");
    assertThatThrownBy(plan::requireAccepted).isInstanceOf(LadderRejectedException.class)
        .satisfies(e -> assertThat(((LadderRejectedException) e).level()).isEqualTo(r.level()));
  }

  @Test
  void modestLeverageCrossMarginPasses() {
    NanpinConfig cfg = NanpinConfig.of(Map.of("leverage", 2));
    LadderPlan plan = LadderPlanner.plan(cfg, PlanRequest.perp(1_000, 100_000, MarginMode.CROSS, BACKPACK_SOL)
        .withFees(0.0002, 0.0005));
    assertThat(plan.accepted()).as("%s", plan.rejection()).isTrue();
    LadderPlan.Level last = plan.levels().get(4);
    assertThat(last.liquidationPrice()).isLessThan(last.price() * 0.98);
    assertThat(last.capitalInUse()).isCloseTo(1_000, within(1e-6));
  }

  @Test
  void anOverBudgetBaseSizeIsRefused() {
    LadderPlan plan = LadderPlanner.plan(NanpinConfig.defaults(), PlanRequest.spot(100, 100).withBaseQuote(50));
    assertThat(plan.accepted()).isFalse();
    assertThat(plan.rejection().orElseThrow().message()).contains("more than the budget");
  }

  @Test
  void fibonacciPlanUsesOnlyLevelsUnderThePrice() {
    NanpinConfig cfg = NanpinConfig.of(Map.of("levelMode", "fibonacci"));
    LadderPlan plan = LadderPlanner.plan(cfg, PlanRequest.spot(1_000, 110).withSwing(120, 80));
    assertThat(plan.levels()).extracting(LadderPlan.Level::price)
        .containsExactly(120 - 0.382 * 40, 100.0, 120 - 0.618 * 40, 120 - 0.786 * 40);
    assertThatThrownBy(() -> LadderPlanner.plan(cfg, PlanRequest.spot(1_000, 110)))
        .hasMessageContaining("swing");
  }

  @Test
  void permanentModeHasNoTakeProfit() {
    LadderPlan plan = LadderPlanner.plan(NanpinConfig.of(Map.of("permanent", true)), PlanRequest.spot(100, 100));
    assertThat(plan.levels()).allSatisfy(l -> assertThat(l.takeProfitPrice()).isNaN());
  }
}
