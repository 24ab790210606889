package dev.nanpin.risk.guard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Side;
import dev.nanpin.engine.RiskCheck;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The account of every case: equity and collateral 10 000; BTC 0.1 held at 48 000, mark 50 000,
 * 1 000 resting; ETH 1 held at 2 200, mark 2 000; SOL flat at 100. Capital in use: BTC 0.1 * 48 000
 * + 1 000 = 5 800, ETH 2 200; notional: BTC 0.1 * 50 000 + 1 000 = 6 000, ETH 2 000.
 */
class PortfolioGuardTest {
  private static final PortfolioExposure ACCOUNT = new PortfolioExposure(d(10_000), d(10_000), List.of(
      new SymbolExposure("BTC", d(50_000), d(0.1), d(48_000), d(1_000)),
      new SymbolExposure("ETH", d(2_000), d(1), d(2_200), d(0)),
      new SymbolExposure("SOL", d(100), d(0), d(0), d(0))));
  /** Buy 1 ETH at 2 000: ETH becomes 2 at 2 100 (capital 4 200, notional 4 000). */
  private static final ProposedOrder BUY_ETH = new ProposedOrder("ETH", Side.BUY, d(1), d(2_000), false);

  private static BigDecimal d(double v) {
    return new BigDecimal(Double.toString(v));
  }

  private static RiskDecision check(PortfolioLimits limits, ProposedOrder order) {
    return new PortfolioGuard(RiskGuard.of(RiskLimits.none()), limits).check(order, ACCOUNT);
  }

  @Test
  void aThirdLadderIsRefusedWhileTwoAreActive() {
    PortfolioLimits two = PortfolioLimits.none().withMaxActiveLadders(2);
    RiskDecision d = check(two, new ProposedOrder("SOL", Side.BUY, d(1), d(100), false));
    assertThat(d.accepted()).isFalse();
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_ACTIVE_LADDERS);
    assertThat(d.actual()).isEqualByComparingTo("3");
    assertThat(d.allowed()).isEqualByComparingTo("2");
    assertThat(d.message()).isEqualTo(
        "MAX_ACTIVE_LADDERS: BUY 1 SOL at 100 would open ladder 3 while 2 are active [BTC, ETH], limit 2");
    // Adding to an active ladder is not a new one.
    assertThat(check(two, BUY_ETH).accepted()).isTrue();
    assertThat(check(PortfolioLimits.none().withMaxActiveLadders(3),
        new ProposedOrder("SOL", Side.BUY, d(1), d(100), false)).accepted()).isTrue();
  }

  @Test
  void totalCapitalInUseCountsEverySymbolWithTheOrdersSymbolAfterTheOrder() {
    // 5 800 (BTC) + 4 200 (ETH after) + 0 = 10 000
    RiskDecision d = check(PortfolioLimits.none().withMaxTotalCapitalInUse(d(9_999)), BUY_ETH);
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_TOTAL_CAPITAL_IN_USE);
    assertThat(d.actual()).isEqualByComparingTo("10000");
    assertThat(d.message()).isEqualTo("MAX_TOTAL_CAPITAL_IN_USE: after BUY 1 ETH at 2000 capital in use over 3 "
        + "symbols would be 10000.00 (4200.00 on ETH), limit 9999.00");
    assertThat(check(PortfolioLimits.none().withMaxTotalCapitalInUse(d(10_000)), BUY_ETH).accepted()).isTrue();
  }

  @Test
  void capitalPerSymbolIsThePerSymbolGuardsLimit() {
    PortfolioGuard guard = new PortfolioGuard(RiskGuard.of(RiskLimits.none().withMaxCapitalInUse(d(4_000))),
        PortfolioLimits.none());
    RiskDecision d = guard.check(BUY_ETH, ACCOUNT);
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_CAPITAL_IN_USE);
    assertThat(d.actual()).isEqualByComparingTo("4200");
  }

  @Test
  void oneSymbolsShareOfEquity() {
    // ETH after: 2 * 2 000 = 4 000 of 10 000 equity = 40 %
    RiskDecision d = check(PortfolioLimits.none().withMaxEquityShare(d(0.35)), BUY_ETH);
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_EQUITY_SHARE);
    assertThat(d.actual()).isEqualByComparingTo("0.4");
    assertThat(d.message()).isEqualTo("MAX_EQUITY_SHARE: after BUY 1 ETH at 2000 ETH would be 40.00% of equity "
        + "(4000.00 notional / 10000.00 equity), limit 35.00%");
    assertThat(check(PortfolioLimits.none().withMaxEquityShare(d(0.4)), BUY_ETH).accepted()).isTrue();
  }

  @Test
  void totalLeverageOverAllSymbols() {
    // 6 000 (BTC) + 4 000 (ETH after) = 10 000 notional / 10 000 equity = 1x
    RiskDecision d = check(PortfolioLimits.none().withMaxTotalLeverage(d(0.9)), BUY_ETH);
    assertThat(d.limit()).isEqualTo(RiskLimit.MAX_TOTAL_LEVERAGE);
    assertThat(d.actual()).isEqualByComparingTo("1");
    assertThat(d.message()).isEqualTo("MAX_TOTAL_LEVERAGE: after BUY 1 ETH at 2000 total leverage would be 1x "
        + "(10000.00 notional over 3 symbols / 10000.00 equity), limit 0.9x");
    assertThat(check(PortfolioLimits.none().withMaxTotalLeverage(d(1)), BUY_ETH).accepted()).isTrue();
  }

  @Test
  void reducingIsAlwaysAllowed() {
    PortfolioLimits tight = new PortfolioLimits(1, d(1), d(0.01), d(0.01));
    assertThat(check(tight, new ProposedOrder("ETH", Side.SELL, d(0.5), d(2_000), false)).accepted()).isTrue();
  }

  @Test
  void theEnginesPrimitiveHookGivesTheSameAnswer() {
    PortfolioGuard guard = new PortfolioGuard(RiskGuard.of(RiskLimits.none()),
        PortfolioLimits.none().withMaxEquityShare(d(0.35)));
    String why = RiskCheck.refusal(guard, new String[] {"BTC", "ETH", "SOL"}, 1, +1, 1, 2_000, false, 10_000, 10_000,
        new double[] {50_000, 2_000, 100}, new double[] {0.1, 1, 0}, new double[] {48_000, 2_200, 0},
        new double[] {1_000, 0, 0});
    assertThat(why).isEqualTo(guard.check(BUY_ETH, ACCOUNT).message());
  }
}
