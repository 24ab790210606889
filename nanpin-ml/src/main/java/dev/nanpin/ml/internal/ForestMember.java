package dev.nanpin.ml.internal;

import dev.nanpin.ml.MemberKind;
import dev.nanpin.ml.MlException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.ensemble.VotingCombiner;
import org.tribuo.common.tree.RandomForestTrainer;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/** A random forest of CART trees, trained with Tribuo. */
final class ForestMember implements Member {
  private static final LabelFactory LABELS = new LabelFactory();
  // Tribuo logs a java.util.logging INFO line per tree ("Building model N"); quiet it unless the
  // application configured that logger itself. The field keeps the logger (and its level) alive.
  private static final java.util.logging.Logger TRIBUO_LOG = quietTribuo();
  // A fixed provenance time keeps the training inputs identical from run to run.
  private static final OffsetDateTime EPOCH = OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);

  private final Model<Label> model;
  private final String[] names;

  private ForestMember(Model<Label> model, int width) {
    this.model = model;
    this.names = names(width);
  }

  static ForestMember train(double[][] x, int[] y, int trees, int maxDepth, long seed) {
    int d = x[0].length;
    String[] names = names(d);
    MutableDataset<Label> data = new MutableDataset<>(new SimpleDataSourceProvenance("nanpin features", EPOCH, LABELS), LABELS);
    Label up = new Label("1");
    Label down = new Label("0");
    for (int i = 0; i < x.length; i++) {
      data.add(new ArrayExample<>(y[i] == 1 ? up : down, names, x[i]));
    }
    float featureShare = (float) Math.max(1.0 / d, Math.sqrt(d) / d);
    CARTClassificationTrainer tree = new CARTClassificationTrainer(maxDepth, featureShare, seed);
    RandomForestTrainer<Label> forest = new RandomForestTrainer<>(tree, new VotingCombiner(), trees, seed);
    return new ForestMember(forest.train(data), d);
  }

  private static java.util.logging.Logger quietTribuo() {
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("org.tribuo");
    if (log.getLevel() == null) {
      log.setLevel(java.util.logging.Level.WARNING);
    }
    return log;
  }

  private static String[] names(int d) {
    String[] names = new String[d];
    for (int j = 0; j < d; j++) {
      // Zero-padded so that Tribuo's sorted feature map keeps the row order.
      names[j] = "f%03d".formatted(j);
    }
    return names;
  }

  @Override
  public MemberKind kind() {
    return MemberKind.FOREST;
  }

  @Override
  public double predict(double[] scaledRow) {
    Prediction<Label> p = model.predict(new ArrayExample<>(LabelFactory.UNKNOWN_LABEL, names, scaledRow));
    Label up = p.getOutputScores().get("1");
    return up == null ? 0.0 : up.getScore();
  }

  @Override
  public byte[] payload() {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      model.serializeToStream(out);
      return out.toByteArray();
    } catch (IOException e) {
      throw new MlException("could not serialise the random forest", e);
    }
  }

  static ForestMember load(byte[] payload, int width) {
    try {
      Model<?> m = Model.deserializeFromStream(new ByteArrayInputStream(payload));
      return new ForestMember(m.castModel(Label.class), width);
    } catch (IOException | RuntimeException e) {
      throw new MlException("the random forest in the model file is corrupt: " + e.getMessage(), e);
    }
  }
}
