package dev.nanpin.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.risk.MaintenanceMargin;
import org.junit.jupiter.api.Test;

class PortfolioBookTest {
  private static final int BTC = 0;
  private static final int ETH = 1;

  @Test
  void spotSymbolsShareOneCashPool() {
    PortfolioBook p = new PortfolioBook(2).reset(new boolean[] {false, false}, new double[] {1, 1}, 10_000);
    // 0.1 BTC at 50 000, fee 5: the pool pays 5 005. 2 ETH at 2 000, fee 4: it pays 4 004.
    p.applyFill(BTC, +1, 0.1, 50_000, 5_000, 5);
    p.applyFill(ETH, +1, 2, 2_000, 4_000, 4);
    assertThat(p.cash()).isCloseTo(991, within(1e-9));
    assertThat(p.cashFlow(BTC)).isCloseTo(-5_005, within(1e-9));
    // 991 + 0.1 * 55 000 + 2 * 1 800 = 10 091
    assertThat(p.equity(new double[] {55_000, 1_800})).isCloseTo(10_091, within(1e-9));
    assertThat(p.freeMargin(new double[] {55_000, 1_800}, 91)).isCloseTo(900, within(1e-9));
    assertThat(p.marginInUse()).isCloseTo(9_000, within(1e-9));
    // Sell the BTC at 55 000, fee 5.5: 991 + 5 500 - 5.5 = 6 485.5; 500 realised on BTC only.
    p.applyFill(BTC, -1, 0.1, 55_000, 5_500, 5.5);
    assertThat(p.cash()).isCloseTo(6_485.5, within(1e-9));
    assertThat(p.realisedPnl(BTC)).isCloseTo(500, within(1e-9));
    assertThat(p.realisedPnl(ETH)).isZero();
    assertThat(p.fees(BTC)).isCloseTo(10.5, within(1e-12));
    assertThat(p.fees(ETH)).isCloseTo(4, within(1e-12));
    assertThat(p.lastFillClosed(BTC)).isTrue();
    assertThat(Double.isNaN(p.liquidationPrice(ETH, new double[] {55_000, 1_800},
        new MaintenanceMargin[] {MaintenanceMargin.constant(0.01), MaintenanceMargin.constant(0.01)}))).isTrue();
  }

  @Test
  void perpsAreCrossMarginedOnTheSharedCollateral() {
    PortfolioBook p = new PortfolioBook(2).reset(new boolean[] {true, true}, new double[] {10, 10}, 1_000);
    p.applyFill(BTC, +1, 0.1, 50_000, 5_000, 0); // long 0.1 BTC: 5 000 notional, 500 margin
    p.applyFill(ETH, -1, 1, 2_000, 2_000, 0); // short 1 ETH: 2 000 notional, 200 margin
    double[] marks = {49_000, 2_100};
    assertThat(p.marginInUse()).isCloseTo(700, within(1e-9));
    // unrealised -100 (BTC) and -100 (ETH): equity 800, free 1 000 - 200 - 700 = 100
    assertThat(p.equity(marks)).isCloseTo(800, within(1e-9));
    assertThat(p.freeMargin(marks, 0)).isCloseTo(100, within(1e-9));
    assertThat(p.freeMargin(marks, 150)).isZero();
    MaintenanceMargin[] mmf = {MaintenanceMargin.constant(0.01), MaintenanceMargin.constant(0.01)};
    // BTC backed by 1 000 + (-100 - 0.01 * 2 100) = 879:
    // 879 + 0.1 (P - 50 000) - 0.01 * 0.1 P = 0  =>  P = 4 121 / 0.099 = 41 626.26...
    double liq = p.liquidationPrice(BTC, marks, mmf);
    assertThat(liq).isCloseTo(4_121 / 0.099, within(1e-6));
    assertThat(p.belowMaintenance(new double[] {liq - 0.01, 2_100}, mmf)).isTrue();
    assertThat(p.belowMaintenance(new double[] {liq + 0.01, 2_100}, mmf)).isFalse();
    // Funding per symbol: the long pays 0.1 * 50 000 * 0.0001 = 0.5, the short receives 1 * 2 000 * 0.0001 = 0.2.
    assertThat(p.payFunding(BTC, 50_000, 0.0001)).isCloseTo(0.5, within(1e-12));
    assertThat(p.payFunding(ETH, 2_000, 0.0001)).isCloseTo(-0.2, within(1e-12));
    assertThat(p.cash()).isCloseTo(999.7, within(1e-9));
    assertThat(p.funding(BTC)).isCloseTo(0.5, within(1e-12));
    assertThat(p.funding(ETH)).isCloseTo(-0.2, within(1e-12));
  }

  @Test
  void oneSymbolIsTheSingleSymbolBook() {
    MaintenanceMargin mmf = MaintenanceMargin.sqrt(0.005, 0.00004);
    AccountBook single = new AccountBook().reset(true, 5, 2_000);
    PortfolioBook p = new PortfolioBook(1).reset(new boolean[] {true}, new double[] {5}, 2_000);
    double[][] fills = {{+1, 0.1, 30_000, 1.5}, {+1, 0.2, 28_000, 2.8}, {-1, 0.15, 31_000, 2.3}, {-1, 0.3, 32_000, 4.8}};
    for (double[] f : fills) {
      double price = f[2];
      assertThat(p.applyFill(0, (int) f[0], f[1], price, f[1] * price, f[3]))
          .isEqualTo(single.applyFill((int) f[0], f[1], price, f[1] * price, f[3]));
      assertThat(p.payFunding(0, price, 0.0001)).isEqualTo(single.payFunding(price, 0.0001));
      double[] marks = {price * 0.97};
      // The pool adds the symbol's cash flow to the initial cash: the same sums in another order.
      assertThat(p.cash()).isCloseTo(single.cash(), within(1e-9));
      assertThat(p.equity(marks)).isCloseTo(single.equity(marks[0]), within(1e-9));
      assertThat(p.freeMargin(marks, 10)).isCloseTo(single.freeMargin(marks[0], 10), within(1e-9));
      assertThat(p.liquidationPrice(0, marks, new MaintenanceMargin[] {mmf}))
          .isCloseTo(single.liquidationPrice(mmf), within(1e-6));
      assertThat(p.averageEntry(0)).isEqualTo(single.averageEntry());
      assertThat(p.quantity(0)).isEqualTo(single.quantity());
    }
    p.setCash(1_234);
    assertThat(p.cash()).isEqualTo(1_234);
  }

  @Test
  void badShapesAreRefused() {
    assertThatThrownBy(() -> new PortfolioBook(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PortfolioBook(2).reset(new boolean[] {true}, new double[] {1, 1}, 1))
        .hasMessageContaining("one perpetual flag");
    assertThatThrownBy(() -> new PortfolioBook(1).reset(new boolean[] {true}, new double[] {0.5}, 1))
        .hasMessageContaining("leverage");
  }
}
