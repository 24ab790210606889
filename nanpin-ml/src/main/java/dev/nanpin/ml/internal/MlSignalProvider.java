package dev.nanpin.ml.internal;

import dev.nanpin.SignalGenerator;
import dev.nanpin.ml.EnsembleTrainer;
import dev.nanpin.ml.LabelSpec;
import dev.nanpin.ml.MemberKind;
import dev.nanpin.ml.MlSignalGenerator;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.SignalGeneratorProvider;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Set;

/** The {@code ml} signal generator: the ensemble's reading at every bar close. */
public final class MlSignalProvider implements SignalGeneratorProvider {
  /** The label kinds, as the option names them. */
  public enum LabelKind {
    /** Triple barrier. */
    TRIPLE_BARRIER,
    /** Forward return. */
    FORWARD_RETURN
  }

  private static final ConfigSpec SPEC = ConfigSpec.builder()
      .stringParam("model", "", "model file: loaded at start when it exists, written after every retrain; empty for none")
      .enumParam("label", LabelKind.class, LabelKind.TRIPLE_BARRIER, "the label the ensemble learns")
      .intParam("horizon", 24, 1, 10_000, "label horizon in bars")
      .doubleParam("up", 0.02, -1, 10, "upper barrier (triple barrier) or return threshold (forward return), a fraction")
      .doubleParam("down", 0.02, 0.0001, 0.9999, "lower barrier of the triple barrier, a fraction")
      .intParam("trainWindow", 2000, 100, 100_000, "training window in bars")
      .intParam("retrainEvery", 500, 0, 1_000_000, "retrain every this many bars; 0 keeps the model fixed")
      .intParam("minTrain", 500, 50, 100_000, "fewest labelled samples to train on")
      .stringParam("members", "forest,boosting,mlp", "ensemble members, comma-separated")
      .intParam("trees", 60, 1, 2000, "trees of the random forest")
      .intParam("boostRounds", 60, 1, 5000, "boosting rounds")
      .doubleParam("psiThreshold", 0.25, 0.001, 100, "PSI above which a feature counts as drifted")
      .longParam("seed", 42, Long.MIN_VALUE, Long.MAX_VALUE, "seed of every member's randomness")
      .build();

  @Override
  public String id() {
    return "ml";
  }

  @Override
  public String description() {
    return "ML ensemble (random forest, gradient boosting, neural network): probability, recommendation, drift";
  }

  @Override
  public ConfigSpec configSpec() {
    return SPEC;
  }

  @Override
  public SignalGenerator create(PluginConfig c) {
    Set<MemberKind> members = EnumSet.noneOf(MemberKind.class);
    for (String id : c.getString("members").split(",")) {
      if (!id.isBlank()) {
        members.add(MemberKind.of(id.trim()));
      }
    }
    if (members.isEmpty()) {
      throw new IllegalArgumentException("members must name at least one of forest, boosting, mlp");
    }
    LabelSpec label = c.getEnum("label", LabelKind.class) == LabelKind.TRIPLE_BARRIER
        ? LabelSpec.tripleBarrier(c.getInt("horizon"), c.getDouble("up"), c.getDouble("down"))
        : LabelSpec.forwardReturn(c.getInt("horizon"), c.getDouble("up"));
    MlSignalGenerator.Builder b = MlSignalGenerator.builder()
        .label(label)
        .trainWindow(c.getInt("trainWindow"))
        .retrainEvery(c.getInt("retrainEvery"))
        .minTrain(c.getInt("minTrain"))
        .psiThreshold(c.getDouble("psiThreshold"))
        .trainer(EnsembleTrainer.builder().members(members).trees(c.getInt("trees"))
            .boostRounds(c.getInt("boostRounds")).seed(c.getLong("seed")).build());
    String model = c.getString("model");
    if (model != null && !model.isBlank()) {
      b.modelFile(Path.of(model));
    }
    return b.build();
  }
}
