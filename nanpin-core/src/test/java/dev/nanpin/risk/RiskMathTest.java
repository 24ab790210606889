package dev.nanpin.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RiskMathTest {
  @Test
  void averageEntryIsQuantityWeighted() {
    assertThat(RiskMath.averageEntry(new double[] {100, 90}, new double[] {1, 3})).isCloseTo(92.5, within(1e-12));
    assertThatThrownBy(() -> RiskMath.averageEntry(new double[] {100}, new double[] {1, 2}))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskMath.averageEntry(new double[] {0}, new double[] {1}))
        .hasMessageContaining("prices[0]");
  }

  @Test
  void breakEvenCoversBothFees() {
    assertThat(RiskMath.breakEvenPrice(100, 0.001, 0.001)).isCloseTo(100 * 1.001 / 0.999, within(1e-12));
    // 2 units for 200 plus 0.2 fees, exit fee 0.1 %: (200.2) / (2 * 0.999)
    assertThat(RiskMath.breakEvenPrice(2, 200, 0.2, 0.001)).isCloseTo(200.2 / 1.998, within(1e-12));
  }

  @Test
  void constantMaintenanceGivesTheClosedForm() {
    // Long 1 @ 100 with 10 margin (10x), mmf 0.5 %: P = (E q - M) / (q (1 - mmf)) = 90 / 0.995.
    double liq = RiskMath.liquidationPrice(1, 100, 10, MaintenanceMargin.constant(0.005));
    assertThat(liq).isCloseTo(90 / 0.995, within(1e-9));
    // Short 1 @ 100 with 10 margin: P = (E q + M) / (q (1 + mmf)) = 110 / 1.005.
    double shortLiq = RiskMath.liquidationPrice(-1, 100, 10, MaintenanceMargin.constant(0.005));
    assertThat(shortLiq).isCloseTo(110 / 1.005, within(1e-9));
  }

  @Test
  void isolatedUsesThePositionMarginAndCrossTheCollateral() {
    MaintenanceMargin mmf = MaintenanceMargin.constant(0.01);
    double isolated = RiskMath.liquidationPrice(MarginMode.ISOLATED, 2, 100, 5, 1_000, mmf);
    assertThat(isolated).isCloseTo((200 - 40) / (2 * 0.99), within(1e-9));
    double cross = RiskMath.liquidationPrice(MarginMode.CROSS, 2, 100, 5, 150, mmf);
    assertThat(cross).isCloseTo((200 - 150) / (2 * 0.99), within(1e-9));
    // Collateral above the notional: a long cannot be liquidated.
    assertThat(RiskMath.liquidationPrice(MarginMode.CROSS, 1, 100, 1, 1_000, mmf)).isZero();
  }

  @Test
  void backpackSqrtFunctionMeetsTheMaintenanceRequirementAtTheLiquidationPrice() {
    // ETH_USDC_PERP mmfFunction from the Backpack position sample: base 0.0125, factor 0.0000561.
    MaintenanceMargin mmf = MaintenanceMargin.sqrt(0.0125, 0.0000561);
    double q = 3;
    double e = 3800;
    double margin = q * e / 10;
    double p = RiskMath.liquidationPrice(q, e, margin, mmf);
    double equity = margin + q * (p - e);
    double required = mmf.fraction(q * p) * q * p;
    assertThat(equity).isCloseTo(required, within(1e-6));
    // Larger than with the base fraction alone: the size term raises the liquidation price.
    assertThat(p).isGreaterThan(RiskMath.liquidationPrice(q, e, margin, MaintenanceMargin.constant(0.0125)));
  }

  @Test
  void marginAndCapitalInUse() {
    assertThat(RiskMath.marginInUse(1_000, 4)).isEqualTo(250);
    assertThat(RiskMath.capitalInUse(true, 1_000, 1, 4)).isEqualTo(251);
    assertThat(RiskMath.capitalInUse(false, 1_000, 1, 4)).isEqualTo(1_001);
    assertThatThrownBy(() -> RiskMath.marginInUse(1, 0.5)).hasMessageContaining("leverage");
  }

  @Test
  void badMaintenanceFunctionsAreRefused() {
    assertThatThrownBy(() -> MaintenanceMargin.constant(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> MaintenanceMargin.sqrt(-0.1, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskMath.liquidationPrice(0, 100, 1, MaintenanceMargin.constant(0.01)))
        .hasMessageContaining("flat");
  }
}
