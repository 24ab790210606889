package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.RiskMath;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 14's defect 3: perp defaults are the conservative ones and agree with {@code nanpin plan}. */
class PerpDefaultsTest {
  static final Instrument PERP = new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP,
      new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));

  @Test
  void aPerpWithoutAStatedFundingAssumptionIsRefused() {
    assertThatThrownBy(() -> SimulationConfig.builder().instrument(PERP).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("funding");
    assertThat(SimulationConfig.builder().instrument(PERP).funding(0, Duration.ofHours(8)).build().fundingRate()).isZero();
  }

  @Test
  void theDefaultMaintenanceMarginIsBackpacksSqrtFunctionAsInPlan() {
    SimulationConfig c = SimulationConfig.builder().instrument(PERP).funding(0.0001, Duration.ofHours(8)).build();
    MaintenanceMargin plan = MaintenanceMargin.sqrt(0.0125, 0.0000765);
    for (double notional : new double[] {0, 1_000, 50_000, 1_000_000}) {
      assertThat(c.maintenanceMargin().fraction(notional)).isEqualTo(plan.fraction(notional));
    }
    assertThat(c.maintenanceMarginDescription()).isEqualTo("sqrt(base 0.0125, factor 7.65E-5)");
    assertThat(c.liquidationFeeBps()).isEqualTo(125.0);
    assertThat(Assumptions.of(c).entries()).containsEntry("maintenanceMargin", "sqrt(base 0.0125, factor 7.65E-5)")
        .containsEntry("liquidationFeeBps", 125.0).containsEntry("fundingRatePerInterval", 1.0E-4);
  }

  @Test
  void aLiquidationCostsTheLiquidationFeeOnTopOfTheTakerFee() {
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 101, 80, 85});
    Strategy s = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.BASE, 100));
        }
      }

      @Override
      public double leverageCeiling() {
        return 10;
      }
    };
    SimulationConfig.Builder b = SimulationConfig.builder().capital(1000).feeBps(0).fillTiming(FillTiming.SIGNAL_CLOSE)
        .instrument(PERP).leverage(10).maintenanceMarginRate(0.01).funding(0, Duration.ofHours(8));
    BacktestResult free = new Backtester(b.liquidationFeeBps(0).build()).run(d, s);
    BacktestResult charged = new Backtester(b.liquidationFeeBps(100).build()).run(d, s);
    double liq = RiskMath.liquidationPrice(100, 100, 1000, MaintenanceMargin.constant(0.01));
    assertThat(charged.fills().get(1).liquidation()).isTrue();
    assertThat(charged.fills().get(1).fee()).isCloseTo(100 * liq * 0.01, within(1e-9));
    // 1 % fee on a 1 % maintenance margin: the liquidated account keeps nothing.
    assertThat(free.report().finalEquity()).isCloseTo(0.01 * 100 * liq, within(1e-6));
    assertThat(charged.report().finalEquity()).isCloseTo(0.0, within(1e-6));
  }
}
