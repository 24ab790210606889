package dev.nanpin.ml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ml.internal.Members;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnsembleTest {
  private static final LabelSpec LABEL = LabelSpec.tripleBarrier(12, 0.02, 0.02);

  private static Dataset data() {
    Bars b = Bars.random(11, 1500);
    return Dataset.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume(), LABEL);
  }

  private static EnsembleModel train(Dataset d, long seed) {
    return EnsembleTrainer.builder().trees(15).boostRounds(15).epochs(15).seed(seed).build()
        .train(d.rows(0, 800), d.labels(0, 800), d.features(), Instant.ofEpochMilli(d.times()[0]),
            Instant.ofEpochMilli(d.times()[799]), LABEL.describe());
  }

  @Test
  void theSameDataAndSeedGiveTheSameModelAndPredictions() throws Exception {
    Dataset d = data();
    EnsembleModel a = train(d, 5);
    EnsembleModel b = train(d, 5);
    assertThat(a.memberKinds()).containsExactly(MemberKind.FOREST, MemberKind.BOOSTING, MemberKind.MLP);
    for (int i = 800; i < d.size(); i++) {
      assertThat(b.probability(d.x()[i])).isEqualTo(a.probability(d.x()[i]));
      assertThat(b.memberProbabilities(d.x()[i])).isEqualTo(a.memberProbabilities(d.x()[i]));
    }
    // The forest's serialised form records its training time, so the models are compared by
    // their predictions above rather than byte for byte.
    EnsembleModel c = train(d, 6);
    boolean differs = false;
    for (int i = 800; i < d.size() && !differs; i++) {
      differs = c.probability(d.x()[i]) != a.probability(d.x()[i]);
    }
    assertThat(differs).as("another seed gives another model").isTrue();
  }

  @Test
  void aSavedModelLoadsWithItsFeatureListWindowAndPredictions(@TempDir Path dir) {
    Dataset d = data();
    EnsembleModel m = train(d, 5);
    Path file = dir.resolve("model.bin");
    m.save(file);
    EnsembleModel back = EnsembleModel.load(file);
    assertThat(back.features()).isEqualTo(FeatureEngine.BASE_FEATURES);
    assertThat(back.trainedFrom()).isEqualTo(m.trainedFrom());
    assertThat(back.trainedTo()).isEqualTo(m.trainedTo());
    assertThat(back.label()).isEqualTo("triple-barrier(h=12,up=0.02,down=0.02)");
    assertThat(back.samples()).isEqualTo(800);
    for (int i = 800; i < d.size(); i++) {
      assertThat(back.probability(d.x()[i])).isEqualTo(m.probability(d.x()[i]));
    }
  }

  @Test
  void aCorruptOrForeignFileIsRefusedClearly(@TempDir Path dir) throws Exception {
    Path junk = dir.resolve("junk.bin");
    Files.writeString(junk, "not a model");
    assertThatThrownBy(() -> EnsembleModel.load(junk)).isInstanceOf(MlException.class)
        .hasMessageContaining("not a nanpin model file");
    assertThatThrownBy(() -> EnsembleModel.load(dir.resolve("missing.bin"))).isInstanceOf(MlException.class)
        .hasMessageContaining("not found");
  }

  @Test
  void oneClassOrTooFewSamplesIsRefused() {
    Dataset d = data();
    int[] ones = new int[100];
    java.util.Arrays.fill(ones, 1);
    EnsembleTrainer t = EnsembleTrainer.builder().build();
    assertThatThrownBy(() -> t.train(d.rows(0, 100), ones, d.features(), Instant.EPOCH, Instant.EPOCH, "x"))
        .isInstanceOf(MlException.class).hasMessageContaining("one class");
    assertThatThrownBy(() -> t.train(d.rows(0, 20), d.labels(0, 20), d.features(), Instant.EPOCH, Instant.EPOCH, "x"))
        .isInstanceOf(MlException.class).hasMessageContaining("too few");
  }

  @Test
  void aMemberWhoseNativeLibraryFailsIsLeftOutWithOneWarning() {
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      for (int i = 0; i < 3; i++) {
        assertThat(Members.trainOrSkip(MemberKind.BOOSTING, () -> {
          throw new UnsatisfiedLinkError("no xgboost4j in java.library.path");
        })).isNull();
      }
    } finally {
      System.setErr(original);
    }
    String logs = captured.toString(StandardCharsets.UTF_8);
    assertThat(logs).contains("WARN").contains("boosting member is unavailable").contains("UnsatisfiedLinkError");
    assertThat(logs.split("boosting member is unavailable", -1)).hasSize(2);
    // and the ensemble trains and predicts with the members that remain
    Dataset d = data();
    EnsembleModel m = EnsembleTrainer.builder().members(EnumSet.of(MemberKind.FOREST, MemberKind.MLP)).trees(10)
        .epochs(10).build().train(d.rows(0, 600), d.labels(0, 600), d.features(), Instant.EPOCH, Instant.EPOCH, "x");
    assertThat(m.memberKinds()).containsExactly(MemberKind.FOREST, MemberKind.MLP);
    assertThat(m.probability(d.x()[700])).isBetween(0.0, 1.0);
  }
}
