package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.testkit.GapLadder;
import org.junit.jupiter.api.Test;

/** The gap rule of the engine kernel in the backtester: one print's fills before its callbacks. */
class GapRuleTest {

  @Test
  void aGapThroughThreeLevelsFillsAllThreeAtTheOpenInPriceOrderBeforeAnyCallback() {
    BarData d = BacktesterTest.bars(new double[] {100, 101, 99, 100}, new double[] {80, 82, 79, 81});
    GapLadder s = new GapLadder(false);
    BacktestResult r = new Backtester(SimulationConfig.builder().capital(10_000).feeBps(0).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::index).containsExactly(1, 1, 1);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::price).containsExactly(80.0, 80.0, 80.0);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::tag).containsExactly(1, 2, 3);
    assertThat(s.heard()).containsExactly("1@80.0 pos=3.0", "2@80.0 pos=3.0", "3@80.0 pos=3.0");
  }

  @Test
  void theNextOpenMarketOrderAndTheLevelsItsOpenCrossedFillTogether() {
    BarData d = BacktesterTest.bars(new double[] {100, 101, 99, 100}, new double[] {80, 82, 79, 81});
    GapLadder s = new GapLadder(true);
    BacktestResult r = new Backtester(SimulationConfig.builder().capital(10_000).feeBps(0)
        .fillTiming(FillTiming.NEXT_OPEN).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::tag).containsExactly(9, 1, 2, 3);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::price).containsExactly(80.0, 80.0, 80.0, 80.0);
    assertThat(s.heard()).hasSize(4).allMatch(h -> h.endsWith("pos=4.0"));
  }

  @Test
  void levelsReachedAlongAContinuousMoveAreSeparatePrints() {
    // No gap: the path goes 100 -> 84 (low first), reaching 95, 90, 85 one after the other;
    // the callback of the first fill cancels the rest.
    BarData d = BacktesterTest.bars(new double[] {100, 101, 99, 100}, new double[] {100, 100.5, 84, 99});
    GapLadder s = new GapLadder(false);
    BacktestResult r = new Backtester(SimulationConfig.builder().capital(10_000).feeBps(0).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::price).containsExactly(95.0);
    assertThat(s.heard()).containsExactly("1@95.0 pos=1.0");
  }
}
