package dev.nanpin.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** The kernel's fill-time rules: liquidation, what a position lets fill, and affordability. */
class FillTimeRulesTest {
  @Test
  void aLiquidationFillsAtItsPriceOrAtAGapAndPaysTheLiquidationFeeOnTopOfTheTakerFee() {
    // a long: reached from above; a gap below fills at the start of the move
    assertThat(Liquidation.fillPrice(2, 90, 100, 85, 100)).isEqualTo(90.0);
    assertThat(Liquidation.fillPrice(2, 90, 88, 85, 88)).as("gapped past").isEqualTo(88.0);
    assertThat(Liquidation.fillPrice(2, 90, 100, 91, 100)).isNaN();
    // a short: reached from below
    assertThat(Liquidation.fillPrice(-2, 110, 100, 100, 112)).isEqualTo(110.0);
    assertThat(Liquidation.fillPrice(-2, 110, 100, 100, 109)).isNaN();
    assertThat(Liquidation.fillPrice(0, 90, 100, 0, 100)).as("flat").isNaN();
    assertThat(Liquidation.fillPrice(2, Double.NaN, 100, 0, 100)).as("no liquidation price").isNaN();
    assertThat(Liquidation.fee(10_000, 0.001, Liquidation.DEFAULT_FEE_BPS / 10_000)).isCloseTo(135.0, within(1e-9));
  }

  @Test
  void aReduceOnlyOrderIsCutToThePositionAndASpotSellNeedsTheAsset() {
    AccountBook spot = new AccountBook().reset(false, 1, 1_000);
    assertThat(spot.fillableQuantity(-1, 1, false)).isEqualTo(AccountBook.REFUSED_NOTHING_TO_SELL);
    assertThat(spot.fillableQuantity(1, 1, true)).isEqualTo(AccountBook.REFUSED_NOT_REDUCING);
    spot.applyFill(1, 2, 100, 200, 0);
    assertThat(spot.fillableQuantity(-1, 3, true)).as("cut to the position").isEqualTo(2.0);
    assertThat(spot.fillableQuantity(-1, 2 * (1 + 1e-12), false)).as("rounding noise: cut").isEqualTo(2.0);
    assertThat(spot.fillableQuantity(-1, 2.1, false)).isEqualTo(AccountBook.REFUSED_SELL_EXCEEDS);
    assertThat(spot.fillableQuantity(-1, 1, false)).isEqualTo(1.0);
    AccountBook perp = new AccountBook().reset(true, 5, 1_000);
    assertThat(perp.fillableQuantity(-1, 3, false)).as("a perp may open a short").isEqualTo(3.0);
  }

  @Test
  void aFillNeedsItsNotionalOrTheMarginOfWhatItOpensPlusItsFee() {
    AccountBook spot = new AccountBook().reset(false, 1, 1_000);
    assertThat(spot.fillRequirement(1, 2, 100, 200, 0.2)).isEqualTo(200.2);
    assertThat(spot.fillRequirement(-1, 2, 100, 200, 0.2)).isEqualTo(0.0);
    AccountBook perp = new AccountBook().reset(true, 4, 1_000);
    perp.applyFill(1, 2, 100, 200, 0);
    assertThat(perp.fillRequirement(-1, 1, 100, 100, 0.1)).as("only reduces").isEqualTo(0.0);
    assertThat(perp.fillRequirement(-1, 3, 100, 300, 0.3)).as("flips: margin of the 1 it opens")
        .isCloseTo(25.3, within(1e-12));
    assertThat(perp.fillRequirement(1, 1, 100, 100, 0.1)).isCloseTo(25.1, within(1e-12));
  }

  @Test
  void whatIsFreeCountsTheOrdersOwnReservationAndCoversToleratesNoiseOnly() {
    AccountBook spot = new AccountBook().reset(false, 1, 1_000);
    assertThat(spot.available(100, 300, 100)).isEqualTo(800.0);
    AccountBook perp = new AccountBook().reset(true, 4, 1_000);
    perp.applyFill(1, 20, 100, 2_000, 0); // margin 500
    assertThat(perp.available(90, 100, 40)).as("equity 800 - margin 500 - reserved 100 + own 40")
        .isCloseTo(240.0, within(1e-9));
    assertThat(AccountBook.covers(100, 100)).isTrue();
    assertThat(AccountBook.covers(100 + 1e-8, 100)).isTrue();
    assertThat(AccountBook.covers(100.01, 100)).isFalse();
    assertThat(AccountBook.covers(0, -5)).as("nothing needed").isTrue();
  }
}
