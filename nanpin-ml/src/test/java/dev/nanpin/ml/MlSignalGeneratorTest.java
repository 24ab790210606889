package dev.nanpin.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.BarColumns;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.spi.Plugins;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MlSignalGeneratorTest {
  private static final EnsembleTrainer SMALL = EnsembleTrainer.builder().trees(10).boostRounds(10).epochs(10).seed(1).build();

  private static List<MlSignal> run(SignalGenerator g, Bars bars) {
    BarColumns series = new BarColumns();
    List<MlSignal> out = new ArrayList<>();
    for (int i = 0; i < bars.size(); i++) {
      bars.appendTo(series, i);
      Signal s = g.onBar(series);
      out.add((MlSignal) s);
    }
    return out;
  }

  @Test
  void aFeatureDistributionShiftMakesTheReadingStaleUntilTheRetrain() {
    // A quiet walk, then the same walk with ten times the volatility: volatility features drift.
    Bars calm = Bars.walk(3, 1400, 0);
    for (int i = 900; i < 1400; i++) {
      double prev = calm.close()[i - 1];
      double r = Math.log(calm.close()[i] / calm.open()[i]) * 10;
      calm.open()[i] = prev;
      calm.close()[i] = prev * Math.exp(r);
      calm.high()[i] = Math.max(calm.open()[i], calm.close()[i]) * 1.05;
      calm.low()[i] = Math.min(calm.open()[i], calm.close()[i]) * 0.95;
    }
    MlSignalGenerator g = MlSignalGenerator.builder().label(LabelSpec.tripleBarrier(12, 0.02, 0.02))
        .trainWindow(500).retrainEvery(100_000).minTrain(300).psi(200, 25).trainer(SMALL).build();
    List<MlSignal> readings = run(g, calm);
    int firstStale = -1;
    for (int i = 0; i < readings.size(); i++) {
      MlSignal s = readings.get(i);
      if (s != null && s.stale()) {
        firstStale = i;
        break;
      }
    }
    assertThat(firstStale).as("drift detected after the shift at bar 900").isBetween(900, 1150);
    MlSignal stale = readings.get(firstStale);
    assertThat(stale.drift()).isEqualTo(DriftState.FEATURE_DRIFT);
    assertThat(stale.recommendation()).isEqualTo(Recommendation.NEUTRAL);
    assertThat(stale.vetoesBuy()).isFalse();
    // retrained as soon as enough labelled bars exist: a fresh, non-stale reading later on
    assertThat(readings.subList(firstStale, readings.size())).anySatisfy(s -> assertThat(s.stale()).isFalse());
    assertThat(g.model().trainedTo()).isAfter(readings.get(900).asOf());
  }

  @Test
  void aModelFileIsWrittenOnTrainingAndRestoredAfterARestart(@TempDir Path dir) {
    Path file = dir.resolve("ml.bin");
    Bars bars = Bars.random(5, 900);
    MlSignalGenerator first = MlSignalGenerator.builder().label(LabelSpec.forwardReturn(6, 0.0)).trainWindow(400)
        .retrainEvery(200).minTrain(200).modelFile(file).trainer(SMALL).build();
    run(first, bars);
    assertThat(Files.isRegularFile(file)).isTrue();
    EnsembleModel saved = EnsembleModel.load(file);
    assertThat(saved.trainedTo()).isEqualTo(first.model().trainedTo());

    // a restart: the new generator reads the file and predicts from its first ready bar
    MlSignalGenerator second = MlSignalGenerator.builder().label(LabelSpec.forwardReturn(6, 0.0)).trainWindow(400)
        .retrainEvery(0).minTrain(200).modelFile(file).trainer(SMALL).build();
    assertThat(second.model().trainedTo()).isEqualTo(saved.trainedTo());
    List<MlSignal> readings = run(second, bars);
    assertThat(readings.get(FeatureEngine.WARM_UP_BARS - 1)).isNotNull();
    assertThat(readings.get(FeatureEngine.WARM_UP_BARS - 2)).isNull();
    assertThat(readings.get(500).probability()).isEqualTo(saved.probability(NoLookAheadProperties.featureRows(bars)[500]));
  }

  @Test
  void aFrozenModelNeedsAModel() {
    assertThatThrownBy(() -> MlSignalGenerator.builder().retrainEvery(0).build())
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("frozen model");
  }

  @Test
  void theProviderIsFoundByIdWithItsParameters() {
    SignalGenerator g = Plugins.load(getClass().getClassLoader()).signalGenerator("ml",
        Map.of("horizon", 12, "trainWindow", 400, "minTrain", 200, "members", "forest", "trees", 5));
    assertThat(g).isInstanceOf(MlSignalGenerator.class);
    assertThat(g.warmUpBars()).isEqualTo(FeatureEngine.WARM_UP_BARS + 200 + 12);
    assertThatThrownBy(() -> Plugins.load(getClass().getClassLoader()).signalGenerator("ml", Map.of("members", "svm")))
        .hasMessageContaining("unknown ensemble member 'svm'");
  }
}
