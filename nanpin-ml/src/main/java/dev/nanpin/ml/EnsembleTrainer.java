package dev.nanpin.ml;

import dev.nanpin.ml.internal.Ranges;
import dev.nanpin.ml.internal.Member;
import dev.nanpin.ml.internal.Members;
import dev.nanpin.ml.internal.Mlp;
import dev.nanpin.ml.internal.Platt;
import dev.nanpin.ml.internal.Standardizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Trains an {@link EnsembleModel}: a random forest, gradient-boosted trees and a small neural
 * network, each calibrated with Platt scaling, combined by averaging the calibrated probabilities.
 *
 * <p>The training rows are split in time order: members learn from the first part and their
 * calibrations from the last {@code calibrationShare} (never from rows the member saw, which would
 * make every member look perfectly calibrated). The scaler is fitted on the training rows only.
 * Training is deterministic: the same rows and seed give the same members and predictions (each
 * member's randomness is derived from the seed; XGBoost runs on one thread).
 *
 * <p>Immutable and thread-safe; {@link #train} may run concurrently.
 */
public final class EnsembleTrainer {
  private final Set<MemberKind> members;
  private final Members.Settings settings;
  private final double calibrationShare;
  private final long seed;

  private EnsembleTrainer(Builder b) {
    this.members = EnumSet.copyOf(b.members);
    this.settings = new Members.Settings(b.trees, b.forestDepth, b.boostRounds, b.boostDepth,
        new Mlp.Settings(new int[] {b.hidden}, b.epochs, 32, 0.003, 1e-4, 8, 0.15));
    this.calibrationShare = b.calibrationShare;
    this.seed = b.seed;
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Trains an ensemble.
   *
   * @param x unscaled rows, one per sample, in time order
   * @param y labels 0 or 1 ({@link Labels#UNKNOWN} rows must be removed first)
   * @param features the feature names, in row order
   * @param firstTime the open time of the first training bar
   * @param lastTime the open time of the last training bar
   * @param label the label definition, recorded in the model
   * @return the model
   * @throws MlException when there are too few rows, one class only, or no member can run here
   */
  public EnsembleModel train(double[][] x, int[] y, List<String> features, Instant firstTime, Instant lastTime,
      String label) {
    Objects.requireNonNull(label, "label");
    if (x.length != y.length) {
      throw new IllegalArgumentException("rows and labels differ in length: " + x.length + " vs " + y.length);
    }
    if (x.length < 50) {
      throw new MlException("too few training samples: " + x.length + " (need at least 50)");
    }
    int ones = 0;
    for (int v : y) {
      if (v != 0 && v != 1) {
        throw new IllegalArgumentException("labels must be 0 or 1, found " + v);
      }
      ones += v;
    }
    if (ones == 0 || ones == y.length) {
      throw new MlException("the training window holds one class only (" + ones + " of " + y.length
          + " up): nothing to learn");
    }
    if (x[0].length != features.size()) {
      throw new IllegalArgumentException("rows have " + x[0].length + " features, names " + features.size());
    }
    Standardizer scaler = Standardizer.fit(x);
    double[][] scaled = scaler.apply(x);
    int nCal = Math.max(10, (int) Math.round(x.length * calibrationShare));
    int nFit = x.length - nCal;
    double[][] fitX = java.util.Arrays.copyOfRange(scaled, 0, nFit);
    int[] fitY = java.util.Arrays.copyOfRange(y, 0, nFit);
    List<Member> trained = new ArrayList<>();
    List<Platt> calibrations = new ArrayList<>();
    long memberSeed = seed;
    for (MemberKind kind : members) {
      memberSeed = memberSeed * 6364136223846793005L + 1442695040888963407L;
      Member m = Members.train(kind, fitX, fitY, settings, memberSeed);
      if (m == null) {
        continue;
      }
      double[] scores = new double[nCal];
      int[] labels = new int[nCal];
      for (int i = 0; i < nCal; i++) {
        scores[i] = m.predict(scaled[nFit + i]);
        labels[i] = y[nFit + i];
      }
      trained.add(m);
      calibrations.add(Platt.fit(scores, labels));
    }
    return new EnsembleModel(features, scaler, trained, calibrations, firstTime, lastTime, x.length, label, seed);
  }

  /** Builds a trainer. Not thread-safe. */
  public static final class Builder {
    private Set<MemberKind> members = EnumSet.allOf(MemberKind.class);
    private int trees = 60;
    private int forestDepth = 6;
    private int boostRounds = 60;
    private int boostDepth = 3;
    private int hidden = 16;
    private int epochs = 60;
    private double calibrationShare = 0.2;
    private long seed = 42;

    private Builder() {}

    /**
     * @param kinds the members to train (default all three)
     * @return this builder
     */
    public Builder members(Set<MemberKind> kinds) {
      if (kinds.isEmpty()) {
        throw new IllegalArgumentException("at least one ensemble member is needed");
      }
      this.members = EnumSet.copyOf(kinds);
      return this;
    }

    /**
     * @param trees the number of trees of the random forest, 1..2000 (default 60)
     * @return this builder
     */
    public Builder trees(int trees) {
      this.trees = Ranges.check(trees, 1, 2000, "trees");
      return this;
    }

    /**
     * @param depth the maximum depth of the forest's trees, 1..30 (default 6)
     * @return this builder
     */
    public Builder forestDepth(int depth) {
      this.forestDepth = Ranges.check(depth, 1, 30, "forestDepth");
      return this;
    }

    /**
     * @param rounds the number of boosting rounds, 1..5000 (default 60)
     * @return this builder
     */
    public Builder boostRounds(int rounds) {
      this.boostRounds = Ranges.check(rounds, 1, 5000, "boostRounds");
      return this;
    }

    /**
     * @param depth the maximum depth of the boosted trees, 1..20 (default 3)
     * @return this builder
     */
    public Builder boostDepth(int depth) {
      this.boostDepth = Ranges.check(depth, 1, 20, "boostDepth");
      return this;
    }

    /**
     * @param units the size of the network's hidden layer, 1..1024 (default 16)
     * @return this builder
     */
    public Builder hidden(int units) {
      this.hidden = Ranges.check(units, 1, 1024, "hidden");
      return this;
    }

    /**
     * @param epochs the most training epochs of the network, early stopping aside, 1..10000 (default 60)
     * @return this builder
     */
    public Builder epochs(int epochs) {
      this.epochs = Ranges.check(epochs, 1, 10_000, "epochs");
      return this;
    }

    /**
     * @param share the last share of the training rows used to calibrate, 0.05..0.5 (default 0.2)
     * @return this builder
     */
    public Builder calibrationShare(double share) {
      if (!(share >= 0.05 && share <= 0.5)) {
        throw new IllegalArgumentException("calibrationShare must be in [0.05, 0.5], was " + share);
      }
      this.calibrationShare = share;
      return this;
    }

    /**
     * @param seed the seed every member's randomness derives from (default 42)
     * @return this builder
     */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** @return the trainer */
    public EnsembleTrainer build() {
      return new EnsembleTrainer(this);
    }

  }
}
