package dev.nanpin.ml;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Out-of-sample evaluation of the ensemble by walk-forward: for each {@link Folds fold} a model is
 * trained on the fold's training window only (purged by the label horizon, then embargoed) and
 * scored on its test window, beside the majority-class baseline of the same training window.
 * Nothing of a test window is seen before it is scored.
 */
public final class WalkForwardEvaluation {
  private WalkForwardEvaluation() {}

  /**
   * One fold's result.
   *
   * @param fold the fold
   * @param trainFrom open time of its first training bar
   * @param trainTo open time of its last training bar (the fold model's {@link MlSignal#trainedTo()})
   * @param testFrom open time of its first test bar
   * @param testTo open time of its last test bar
   * @param ensemble the ensemble's scores on the test window
   * @param baseline the majority-class baseline's scores on the test window
   * @param members each member's calibrated scores on the test window
   * @param readings the fold model's reading of each test bar, in time order, as {@link
   *     MlSignalGenerator} with this model frozen would emit it at the bar's close (probability and
   *     {@link Recommendation#of recommendation}; no drift check, so never stale): what a backtest of
   *     the test window replays to gate a ladder on the ensemble out of sample
   */
  public record FoldResult(Folds.Fold fold, Instant trainFrom, Instant trainTo, Instant testFrom, Instant testTo,
      Scores ensemble, Scores baseline, Map<MemberKind, Scores> members, List<MlSignal> readings) {
    /** Copies the readings; the members keep their order. */
    public FoldResult {
      members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
      readings = List.copyOf(readings);
    }
  }

  /**
   * The whole evaluation.
   *
   * @param folds per-fold results, in time order
   * @param pooled the ensemble's scores over all test windows together
   * @param pooledBaseline the baseline's scores over all test windows together
   * @param probability the out-of-sample probability per sample of the dataset, {@code NaN} for
   *     samples no fold tested
   */
  public record Result(List<FoldResult> folds, Scores pooled, Scores pooledBaseline, double[] probability) {}

  /**
   * Runs the evaluation.
   *
   * @param data the samples
   * @param trainer the trainer (its seed is used for every fold)
   * @param mode rolling or anchored training windows
   * @param trainSize the training window in samples
   * @param testSize the test window in samples
   * @param embargo samples dropped after the purge
   * @return the result
   * @throws MlException when the data holds no fold
   */
  public static Result run(Dataset data, EnsembleTrainer trainer, Folds.Mode mode, int trainSize, int testSize,
      int embargo) {
    List<Folds.Fold> folds = Folds.plan(data.size(), mode, trainSize, testSize, data.label().horizon(), embargo);
    if (folds.isEmpty()) {
      throw new MlException("no walk-forward fold fits in " + data.size() + " samples with a training window of "
          + trainSize + ", a test window of " + testSize + " and a gap of " + (data.label().horizon() + embargo));
    }
    double[] prob = new double[data.size()];
    Arrays.fill(prob, Double.NaN);
    List<FoldResult> results = new ArrayList<>();
    List<Double> allP = new ArrayList<>();
    List<Double> allBase = new ArrayList<>();
    List<Integer> allY = new ArrayList<>();
    for (Folds.Fold f : folds) {
      int[] trainY = data.labels(f.trainFrom(), f.trainTo());
      EnsembleModel model = trainer.train(data.rows(f.trainFrom(), f.trainTo()), trainY, data.features(),
          Instant.ofEpochMilli(data.times()[f.trainFrom()]), Instant.ofEpochMilli(data.times()[f.trainTo() - 1]),
          data.label().describe());
      int[] testY = data.labels(f.testFrom(), f.testTo());
      double[] p = new double[testY.length];
      Map<MemberKind, double[]> memberP = new EnumMap<>(MemberKind.class);
      for (MemberKind k : model.memberKinds()) {
        memberP.put(k, new double[testY.length]);
      }
      for (int i = 0; i < testY.length; i++) {
        double[] row = data.x()[f.testFrom() + i];
        p[i] = model.probability(row);
        for (Map.Entry<MemberKind, Double> e : model.memberProbabilities(row).entrySet()) {
          memberP.get(e.getKey())[i] = e.getValue();
        }
        prob[f.testFrom() + i] = p[i];
      }
      double trainRate = 0;
      for (int v : trainY) {
        trainRate += v;
      }
      trainRate /= trainY.length;
      Map<MemberKind, Scores> memberScores = new EnumMap<>(MemberKind.class);
      memberP.forEach((k, v) -> memberScores.put(k, Scores.of(v, testY)));
      results.add(new FoldResult(f, Instant.ofEpochMilli(data.times()[f.trainFrom()]), model.trainedTo(),
          Instant.ofEpochMilli(data.times()[f.testFrom()]), Instant.ofEpochMilli(data.times()[f.testTo() - 1]),
          Scores.of(p, testY), Scores.baseline(trainRate, testY), memberScores, readings(data, f, p, model.trainedTo())));
      for (int i = 0; i < testY.length; i++) {
        allP.add(p[i]);
        allBase.add(trainRate);
        allY.add(testY[i]);
      }
    }
    int[] y = allY.stream().mapToInt(Integer::intValue).toArray();
    return new Result(List.copyOf(results), Scores.of(allP.stream().mapToDouble(Double::doubleValue).toArray(), y),
        Scores.of(allBase.stream().mapToDouble(Double::doubleValue).toArray(), y), prob);
  }

  /**
   * The readings of a fold's test samples, each stamped with its bar's close: the open time plus
   * the spacing to the sample before, as {@link MlSignalGenerator} stamps them.
   */
  private static List<MlSignal> readings(Dataset data, Folds.Fold f, double[] p, Instant trainedTo) {
    List<MlSignal> out = new ArrayList<>(p.length);
    long[] t = data.times();
    int[] bar = data.barIndex();
    for (int i = 0; i < p.length; i++) {
      int k = f.testFrom() + i;
      long spacing = (t[k] - t[k - 1]) / Math.max(1, bar[k] - bar[k - 1]);
      out.add(new MlSignal(Instant.ofEpochMilli(t[k] + spacing), p[i], Recommendation.of(p[i]), DriftState.NONE,
          false, trainedTo));
    }
    return out;
  }
}
