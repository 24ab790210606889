package dev.nanpin.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The kernel's gap rule in the test harness: the levels the open crossed fill before any callback. */
class StrategyHarnessGapTest {
  @Test
  void aGapThroughThreeLevelsFillsAllThreeAtTheOpenInOrder() {
    GapLadder s = new GapLadder(false);
    StrategyHarness h = StrategyHarness.hourly(s).bar(100, 101, 99, 100, 1).bar(80, 82, 79, 81, 1);
    assertThat(h.fills()).extracting(StrategyHarness.FillRecord::tag).containsExactly(1, 2, 3);
    assertThat(h.fills()).extracting(StrategyHarness.FillRecord::price).containsExactly(80.0, 80.0, 80.0);
    assertThat(s.heard()).containsExactly("1@80.0 pos=3.0", "2@80.0 pos=3.0", "3@80.0 pos=3.0");
  }
}
