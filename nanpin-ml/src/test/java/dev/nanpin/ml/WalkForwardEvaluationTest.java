package dev.nanpin.ml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class WalkForwardEvaluationTest {
  private static final LabelSpec LABEL = LabelSpec.tripleBarrier(12, 0.02, 0.02);

  /**
   * Each fold's readings are its out-of-sample probabilities, stamped at the close of their bars
   * (an hour after the open on these hourly bars), from a model trained before the test window.
   */
  @Test
  void aFoldsReadingsAreItsTestProbabilitiesAtEachBarsClose() {
    Bars b = Bars.random(3, 1000);
    Dataset d = Dataset.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume(), LABEL);
    EnsembleTrainer trainer = EnsembleTrainer.builder().members(EnumSet.of(MemberKind.FOREST)).trees(5).seed(1).build();
    WalkForwardEvaluation.Result r = WalkForwardEvaluation.run(d, trainer, Folds.Mode.ROLLING, 400, 150, 6);
    assertThat(r.folds()).hasSize(2);
    for (WalkForwardEvaluation.FoldResult f : r.folds()) {
      assertThat(f.readings()).hasSize(f.fold().testSize());
      assertThat(f.trainTo()).isBefore(f.testFrom());
      for (int i = 0; i < f.readings().size(); i++) {
        int k = f.fold().testFrom() + i;
        MlSignal s = f.readings().get(i);
        assertThat(s.probability()).isEqualTo(r.probability()[k]);
        assertThat(s.recommendation()).isEqualTo(Recommendation.of(s.probability()));
        assertThat(s.asOf().toEpochMilli()).isEqualTo(d.times()[k] + 3_600_000L);
        assertThat(s.trainedTo()).isEqualTo(f.trainTo());
        assertThat(s.stale()).isFalse();
      }
    }
  }
}
