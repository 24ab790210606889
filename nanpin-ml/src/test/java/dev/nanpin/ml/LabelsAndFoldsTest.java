package dev.nanpin.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LabelsAndFoldsTest {

  @Test
  void tripleBarrierTakesTheFirstBarrierTouchedAndTheLowerOneOnATie() {
    double[] close = {100, 101, 102, 99, 100, 100, 100};
    double[] high = {100, 101, 103.5, 100, 100, 100, 100};
    double[] low = {100, 100, 101, 97, 99, 99, 99};
    // bar 0: +3 % upper at 103, -2 % lower at 98; bar 2's high 103.5 comes before bar 3's low 97.
    int[] y = Labels.tripleBarrier(high, low, close, 3, 0.03, 0.02);
    assertThat(y[0]).isEqualTo(1);
    // bar 1: upper 104.03, lower 98.98; bar 3's low 97 touches the lower barrier first.
    assertThat(y[1]).isEqualTo(0);
    // bar 3: upper 101.97, lower 97.02; nothing touched in 3 bars, close 100 > 99: time barrier says up.
    assertThat(y[3]).isEqualTo(1);
    assertThat(y[4]).isEqualTo(Labels.UNKNOWN);
    assertThat(y[6]).isEqualTo(Labels.UNKNOWN);
    // one bar touching both barriers counts as the lower one first
    int[] tie = Labels.tripleBarrier(new double[] {100, 110}, new double[] {100, 90}, new double[] {100, 100}, 1, 0.05, 0.05);
    assertThat(tie[0]).isZero();
  }

  @Test
  void forwardReturnComparesTheCloseAtTheHorizon() {
    int[] y = Labels.forwardReturn(new double[] {100, 100, 101, 99, 102}, 2, 0.005);
    assertThat(y).containsExactly(1, 0, 1, Labels.UNKNOWN, Labels.UNKNOWN);
  }

  @Test
  void foldsPurgeTheHorizonAndEmbargoAndNeverOverlap() {
    List<Folds.Fold> rolling = Folds.plan(1000, Folds.Mode.ROLLING, 300, 100, 24, 5);
    assertThat(rolling).isNotEmpty();
    int prevTestTo = -1;
    for (Folds.Fold f : rolling) {
      assertThat(f.trainSize()).isEqualTo(300);
      // no training sample's label window (t .. t + 24) reaches the test window, plus 5 of embargo
      assertThat(f.trainTo() - 1 + 24).isLessThan(f.testFrom());
      assertThat(f.testFrom() - f.trainTo()).isEqualTo(29);
      if (prevTestTo >= 0) {
        assertThat(f.testFrom()).isEqualTo(prevTestTo);
      }
      prevTestTo = f.testTo();
    }
    assertThat(rolling.get(rolling.size() - 1).testTo()).isLessThanOrEqualTo(1000);
    List<Folds.Fold> anchored = Folds.plan(1000, Folds.Mode.ANCHORED, 300, 100, 24, 5);
    assertThat(anchored).extracting(Folds.Fold::trainFrom).containsOnly(0);
    assertThat(anchored.get(1).trainSize()).isEqualTo(400);
    assertThatThrownBy(() -> Folds.plan(1000, Folds.Mode.ROLLING, 5, 10, 1, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void scoresMatchABruteForceComputation() {
    double[] p = {0.9, 0.8, 0.8, 0.3, 0.6, 0.2, 0.55, 0.1};
    int[] y = {1, 1, 0, 1, 0, 0, 1, 0};
    Scores s = Scores.of(p, y);
    double pairs = 0;
    double wins = 0;
    double brier = 0;
    for (int i = 0; i < p.length; i++) {
      brier += (p[i] - y[i]) * (p[i] - y[i]);
      for (int j = 0; j < p.length; j++) {
        if (y[i] == 1 && y[j] == 0) {
          pairs++;
          wins += p[i] > p[j] ? 1 : p[i] == p[j] ? 0.5 : 0;
        }
      }
    }
    assertThat(s.auc()).isEqualTo(wins / pairs);
    assertThat(s.brier()).isCloseTo(brier / p.length, org.assertj.core.api.Assertions.within(1e-15));
    assertThat(s.accuracy()).isEqualTo(5.0 / 8);
    assertThat(s.baseRate()).isEqualTo(0.5);
    Scores base = Scores.baseline(0.5, y);
    assertThat(base.auc()).isEqualTo(0.5);
    assertThat(base.brier()).isEqualTo(0.25);
  }
}
