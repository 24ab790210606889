package dev.nanpin.risk.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class RiskGuardTest {
  private static final String SYM = "SOL_USDC_PERP";

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static ProposedOrder buy(String qty, String price) {
    return new ProposedOrder(SYM, Side.BUY, d(qty), d(price), false);
  }

  private static ProposedOrder sell(String qty, String price) {
    return new ProposedOrder(SYM, Side.SELL, d(qty), d(price), false);
  }

  /** 1000 equity, long 10 at 100, mark 90, 200 resting buys. */
  private static final Exposure LONG = new Exposure(d("1000"), d("1000"), d("90"), d("10"), d("100"), d("200"));

  @Test
  void noLimitsAcceptEverything() {
    assertThat(RiskGuard.of(RiskLimits.none()).check(buy("1000", "90"), LONG).accepted()).isTrue();
  }

  @Test
  void maxOrderNotionalNamesTheNumbers() {
    RiskGuard guard = RiskGuard.of(RiskLimits.none().withMaxOrderNotional(d("500")));
    assertThat(guard.check(buy("5", "100"), LONG).accepted()).isTrue(); // exactly at the limit
    RiskDecision d = guard.check(buy("5.01", "100"), LONG);
    assertThat(d.accepted()).isFalse();
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_ORDER_NOTIONAL);
    assertThat(d.actual()).isEqualByComparingTo("501");
    assertThat(d.allowed()).isEqualByComparingTo("500");
    assertThat(d.message()).isEqualTo("MAX_ORDER_NOTIONAL: BUY 5.01 SOL_USDC_PERP at 100 is 501.00 notional, limit 500.00");
  }

  @Test
  void positionNotionalCountsRestingOrdersAtMark() {
    RiskGuard guard = RiskGuard.of(RiskLimits.none().withMaxPositionNotional(d("1300")));
    // (10 + 1) * 90 + 200 = 1190
    assertThat(guard.check(buy("1", "90"), LONG).accepted()).isTrue();
    // (10 + 3) * 90 + 200 = 1370
    RiskDecision d = guard.check(buy("3", "90"), LONG);
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_POSITION_NOTIONAL);
    assertThat(d.actual()).isEqualByComparingTo("1370");
    assertThat(d.message()).contains("1370.00").contains("13 at mark 90").contains("200.00 resting").contains("1300.00");
  }

  @Test
  void leverageIsNotionalOverEquity() {
    RiskGuard guard = RiskGuard.of(RiskLimits.none().withMaxLeverage(d("2")));
    // (10 + 10) * 90 + 200 = 2000 -> 2x: at the limit
    assertThat(guard.check(buy("10", "90"), LONG).accepted()).isTrue();
    RiskDecision d = guard.check(buy("11", "90"), LONG);
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_LEVERAGE);
    assertThat(d.actual()).isEqualByComparingTo("2.09");
    assertThat(d.message()).contains("2.09x").contains("limit 2x");

    Exposure broke = new Exposure(d("-5"), d("0"), d("90"), d("10"), d("100"), d("0"));
    RiskDecision negative = guard.check(buy("0.1", "90"), broke);
    assertThat(negative.limit()).isEqualTo(RiskLimit.MAX_LEVERAGE);
    assertThat(negative.message()).contains("equity is -5.00");
  }

  @Test
  void capitalInUseIsThePositionAtAverageEntryPlusResting() {
    RiskGuard guard = RiskGuard.of(RiskLimits.none().withMaxCapitalInUse(d("2000")));
    // 10 * 100 + 5 * 80 = 1400 at cost, + 200 resting = 1600
    assertThat(guard.check(buy("5", "80"), LONG).accepted()).isTrue();
    // 10 * 100 + 10 * 90 + 200 = 2100
    RiskDecision d = guard.check(buy("10", "90"), LONG);
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_CAPITAL_IN_USE);
    assertThat(d.actual()).isEqualByComparingTo("2100");
    assertThat(d.message()).contains("average entry 95").contains("limit 2000.00");
  }

  @Test
  void reducingOrdersAreNeverBlocked() {
    RiskLimits tight = new RiskLimits(d("1"), d("1"), d("0.01"), d("1"), null);
    RiskGuard guard = RiskGuard.of(tight);
    assertThat(guard.check(sell("4", "90"), LONG).accepted()).isTrue();
    assertThat(guard.check(sell("10", "90"), LONG).accepted()).isTrue();
    assertThat(guard.check(new ProposedOrder(SYM, Side.SELL, d("10"), d("90"), true), LONG).accepted()).isTrue();
    // Flipping from long 10 to short 5 opens new risk.
    assertThat(guard.check(sell("15", "90"), LONG).limit()).isEqualTo(RiskLimit.MAX_ORDER_NOTIONAL);
  }

  @Test
  void reduceOnlyThatWouldAddIsRefused() {
    RiskDecision d = RiskGuard.of(RiskLimits.none()).check(new ProposedOrder(SYM, Side.BUY, d("1"), d("90"), true), LONG);
    assertThat(d.limit()).isEqualTo(RiskLimit.REDUCE_ONLY);
    assertThat(d.message()).contains("from 10 to 11");
  }

  @Test
  void liquidationDistanceUsesTheProjectedPosition() {
    AtomicReference<ProjectedPosition> seen = new AtomicReference<>();
    // A toy estimate: liquidated 30% below the average entry of a long.
    LiquidationEstimator estimator = p -> {
      seen.set(p);
      return p.entryPrice().multiply(d("0.7"));
    };
    RiskGuard guard = new RiskGuard(RiskLimits.none().withMinLiquidationDistance(d("0.25")), estimator);
    // After buying 10 at 80: entry 90, liquidation 63, mark 90 -> 30% away: accepted
    assertThat(guard.check(buy("10", "80"), LONG).accepted()).isTrue();
    assertThat(seen.get().quantity()).isEqualByComparingTo("20");
    assertThat(seen.get().entryPrice()).isEqualByComparingTo("90");
    assertThat(seen.get().collateral()).isEqualByComparingTo("1000");
    // After buying 10 at 140: entry 120, liquidation 84, mark 90 -> 6.67% away: refused
    RiskDecision d = guard.check(buy("10", "140"), LONG);
    assertThat(d.limit()).isEqualTo(RiskLimit.MIN_LIQUIDATION_DISTANCE);
    assertThat(d.actual()).isEqualByComparingTo(d("6").divide(d("90"), java.math.MathContext.DECIMAL64));
    assertThat(d.message()).contains("liquidation price 84").contains("6.67% from mark 90").contains("minimum 25.00%");
  }

  @Test
  void aLiquidationLimitWithoutAnEstimatorIsAConfigurationError() {
    assertThatThrownBy(() -> RiskGuard.of(RiskLimits.none().withMinLiquidationDistance(d("0.2"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("LiquidationEstimator");
    assertThatThrownBy(() -> RiskLimits.none().withMinLiquidationDistance(d("1")))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RiskLimits.none().withMaxLeverage(d("0")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxLeverage");
  }

  @Test
  void refusalsThrowATypedRejection() {
    RiskGuard guard = RiskGuard.of(RiskLimits.none().withMaxOrderNotional(d("10")));
    RiskDecision d = guard.check(buy("1", "90"), Exposure.flat(d("100"), d("90")));
    assertThatThrownBy(d::orThrow).isInstanceOf(OrderRejectedException.class)
        .isInstanceOfSatisfying(RiskLimitException.class, e -> {
          assertThat(e.limit()).isEqualTo(RiskLimit.MAX_ORDER_NOTIONAL);
          assertThat(e.venue()).isEqualTo("nanpin");
          assertThat(e.venueCode()).isEqualTo("MAX_ORDER_NOTIONAL");
          assertThat(e.actual()).isEqualByComparingTo("90");
          assertThat(e.allowed()).isEqualByComparingTo("10");
        });
    RiskGuard.of(RiskLimits.none()).check(buy("1", "90"), LONG).orThrow(); // accepted: no exception
  }

  @Test
  void marketOrdersByQuoteAreConvertedAtTheReferencePrice() {
    ProposedOrder p = ProposedOrder.of(OrderRequest.marketQuote(SYM, Side.BUY, d("450"), 7), d("90"));
    assertThat(p.quantity()).isEqualByComparingTo("5");
    assertThat(p.price()).isEqualByComparingTo("90");
    ProposedOrder limit = ProposedOrder.of(OrderRequest.limit(SYM, Side.SELL, d("2"), d("101"), 8), null);
    assertThat(limit.notional()).isEqualByComparingTo("202");
  }

  @Test
  void thePerpLiquidationMathsPlugIn() {
    dev.nanpin.risk.MaintenanceMargin mmf = dev.nanpin.risk.MaintenanceMargin.constant(0.01);
    LiquidationEstimator cross = LiquidationEstimator.perp(dev.nanpin.risk.MarginMode.CROSS, 1, mmf);
    // Long 20 at 90 on 1000 collateral, as after buying 10 at 80 on LONG.
    double expected = dev.nanpin.risk.RiskMath.liquidationPrice(dev.nanpin.risk.MarginMode.CROSS, 20, 90, 1, 1000, mmf);
    BigDecimal liq = cross.liquidationPrice(new ProjectedPosition(SYM, d("20"), d("90"), d("90"), d("1000")));
    assertThat(liq.doubleValue()).isEqualTo(expected);
    assertThat(expected).isBetween(40.0, 50.0); // 1000 + 20 (P - 90) = 0.01 * 20 P  =>  P = 40.40
    // A long backed by more than its notional cannot be liquidated: no estimate, no refusal.
    assertThat(cross.liquidationPrice(new ProjectedPosition(SYM, d("1"), d("90"), d("90"), d("1000")))).isNull();

    RiskGuard loose = new RiskGuard(RiskLimits.none().withMinLiquidationDistance(d("0.4")), cross);
    assertThat(loose.check(buy("10", "80"), LONG).accepted()).isTrue();
    RiskGuard tight = new RiskGuard(RiskLimits.none().withMinLiquidationDistance(d("0.6")), cross);
    RiskDecision d = tight.check(buy("10", "80"), LONG);
    assertThat(d.limit()).isEqualTo(RiskLimit.MIN_LIQUIDATION_DISTANCE);
    assertThat(d.actual().doubleValue()).isCloseTo((90 - expected) / 90, org.assertj.core.data.Offset.offset(1e-12));
    assertThatThrownBy(() -> LiquidationEstimator.perp(dev.nanpin.risk.MarginMode.ISOLATED, 0.5, mmf))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
