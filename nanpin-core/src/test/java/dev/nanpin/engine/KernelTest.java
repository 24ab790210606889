package dev.nanpin.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizing;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.RiskMath;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class KernelTest {
  private static final Instrument SPOT = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT,
      new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));

  @Test
  void cashFractionOnAPerpSpendsExactlyTheFreeMarginOnMarginAndFee() {
    double free = 1_000;
    double p = 50_000;
    double fee = 0.001;
    double q = OrderSizing.quantity(Sizing.CASH_FRACTION, 1.0, p, fee, true, 5, free, 0, 0);
    assertThat(q * p / 5 + q * p * fee).isCloseTo(free, within(1e-9));
    double half = OrderSizing.quantity(Sizing.CASH_FRACTION, 0.5, p, fee, true, 5, free, 0, 0);
    assertThat(half).isCloseTo(q / 2, within(1e-15));
    double spot = OrderSizing.quantity(Sizing.CASH_FRACTION, 1.0, p, fee, false, 5, free, 0, 0);
    assertThat(spot * p * (1 + fee)).isCloseTo(free, within(1e-9));
  }

  @Test
  void everySizingKind() {
    assertThat(OrderSizing.quantity(Sizing.QUOTE, 100, 50, 0, false, 1, 0, 0, 0)).isEqualTo(2.0);
    assertThat(OrderSizing.quantity(Sizing.BASE, 3, 50, 0, false, 1, 0, 0, 0)).isEqualTo(3.0);
    assertThat(OrderSizing.quantity(Sizing.SIZER, 1.5, 50, 0, false, 1, 0, 0, 100)).isEqualTo(3.0);
    assertThat(OrderSizing.quantity(Sizing.POSITION_FRACTION, 0.5, 50, 0, false, 1, 0, -4, 0)).isEqualTo(2.0);
    assertThat(OrderSizing.requiredQuote(1000, 0.001, true, 4)).isEqualTo(251.0);
    assertThat(OrderSizing.requiredQuote(1000, -0.0001, false, 1)).isEqualTo(1000.0);
  }

  @Test
  void theBookAveragesEntriesRealisesAgainstTheAverageAndFlips() {
    AccountBook b = new AccountBook().reset(true, 3, 1_000);
    b.applyFill(+1, 1, 100, 100, 0.1);
    b.applyFill(+1, 1, 80, 80, 0.08);
    assertThat(b.averageEntry()).isEqualTo(90.0);
    assertThat(b.entries()).isEqualTo(2);
    assertThat(b.marginInUse()).isEqualTo(60.0);
    assertThat(b.equity(95)).isCloseTo(1_000 - 0.18 + 2 * 5, within(1e-12));
    double pnl = b.applyFill(-1, 1, 95, 95, 0.095);
    assertThat(pnl).isEqualTo(5.0);
    assertThat(b.quantity()).isEqualTo(1.0);
    assertThat(b.averageEntry()).isEqualTo(90.0);
    assertThat(b.lastFillClosed()).isFalse();
    b.applyFill(-1, 3, 100, 300, 0.3); // closes 1 at +10 and opens a short of 2 at 100
    assertThat(b.lastFillClosed()).isTrue();
    assertThat(b.quantity()).isEqualTo(-2.0);
    assertThat(b.averageEntry()).isEqualTo(100.0);
    assertThat(b.entries()).isEqualTo(1);
    assertThat(b.realisedPnl()).isEqualTo(15.0);
    assertThat(b.fees()).isCloseTo(0.575, within(1e-12));
    assertThat(b.cash()).isCloseTo(1_000 + 15 - 0.575, within(1e-9));
  }

  @Test
  void aCloseOfTheSummedGridQuantitiesLeavesTheBookFlat() {
    // four buys on a 0.00001 step add up to 0.014010000000000002 as doubles; a venue sells 0.01401 exactly
    AccountBook b = new AccountBook().reset(false, 1, 10_000);
    for (double q : new double[] {0.00206, 0.00282, 0.00386, 0.00527}) {
      b.applyFill(+1, q, 45_000, q * 45_000, 0);
    }
    assertThat(b.quantity()).isNotEqualTo(0.01401);
    b.applyFill(-1, 0.01401, 47_000, 0.01401 * 47_000, 0);
    assertThat(b.quantity()).isZero();
    assertThat(b.entries()).isZero();
    assertThat(b.lastFillClosed()).isTrue();
    // a real partial close stays partial, and a real flip still opens the other side
    b.applyFill(+1, 1, 100, 100, 0);
    b.applyFill(-1, 0.999, 100, 99.9, 0);
    assertThat(b.quantity()).isCloseTo(0.001, within(1e-12));
    b.applyFill(-1, 0.002, 100, 0.2, 0);
    assertThat(b.quantity()).isCloseTo(-0.001, within(1e-12));
  }

  @Test
  void fundingIsPaidByLongsAndLiquidationComesFromRiskMath() {
    AccountBook b = new AccountBook().reset(true, 5, 200);
    b.applyFill(+1, 10, 100, 1000, 0);
    assertThat(b.payFunding(110, 0.0001)).isCloseTo(0.11, within(1e-12));
    assertThat(b.cash()).isCloseTo(199.89, within(1e-12));
    assertThat(b.funding()).isCloseTo(0.11, within(1e-12));
    MaintenanceMargin mmf = MaintenanceMargin.constant(0.005);
    assertThat(b.liquidationPrice(mmf)).isEqualTo(RiskMath.liquidationPrice(10, 100, 199.89, mmf));
    AccountBook spot = new AccountBook().reset(false, 1, 1000);
    spot.applyFill(+1, 1, 100, 100, 0.1);
    assertThat(spot.cash()).isEqualTo(1000 - 100 - 0.1);
    assertThat(spot.liquidationPrice(mmf)).isNaN();
    assertThat(spot.payFunding(100, 0)).isZero();
  }

  @Test
  void roundingGoesAgainstNobodysInterestButTheTraders() {
    assertThat(Rounding.quantity(SPOT, 0.123456789)).isEqualByComparingTo("0.12345");
    assertThat(Rounding.limitPrice(SPOT, +1, 100.019)).isEqualByComparingTo("100.01");
    assertThat(Rounding.limitPrice(SPOT, -1, 100.011)).isEqualByComparingTo("100.02");
    assertThat(Rounding.marketPrice(SPOT, +1, 100.011)).isEqualByComparingTo("100.02");
    assertThat(Rounding.marketPrice(SPOT, -1, 100.019)).isEqualByComparingTo("100.01");
  }

  @Test
  void theRiskHookAnswersNullOrTheGuardsMessage() {
    RiskGuard guard = RiskGuard.of(RiskLimits.none().withMaxPositionNotional(new BigDecimal("1000")));
    assertThat(RiskCheck.refusal(guard, "BTC_USDC", +1, 1, 100, false, 10_000, 10_000, 100, 0, 0, 0)).isNull();
    assertThat(RiskCheck.refusal(guard, "BTC_USDC", +1, 20, 100, false, 10_000, 10_000, 100, 0, 0, 0)).isNotNull();
  }

  @Test
  void aGapFillsInTheOrderTheLimitsWouldHaveBeenReached() {
    assertThat(FillRules.fillsBefore(+1, 95, 7, 90, 1)).isTrue();
    assertThat(FillRules.fillsBefore(-1, 105, 7, 110, 1)).isTrue();
    assertThat(FillRules.fillsBefore(+1, 95, 1, 95, 2)).isTrue();
    assertThat(FillRules.limitFill(+1, 95, 80, 80, 80, false)).isEqualTo(80.0);
  }
}
