package dev.nanpin.ml;

import java.util.Arrays;

/**
 * Out-of-sample scores of probabilistic predictions of a binary label.
 *
 * @param n the number of predictions
 * @param baseRate the share of label 1 among them
 * @param accuracy the share classified right at the 0.5 threshold
 * @param auc the area under the ROC curve (ties counted half), {@code NaN} when one class is absent
 * @param brier the mean squared error of the probabilities
 * @param logLoss the mean negative log likelihood (probabilities clipped to [1e-12, 1 - 1e-12])
 * @param calibration per decile of predicted probability: {@code [mean predicted, observed share,
 *     count]}; empty deciles are left out
 */
public record Scores(int n, double baseRate, double accuracy, double auc, double brier, double logLoss,
    double[][] calibration) {

  /**
   * Scores predictions.
   *
   * @param p the predicted probabilities of label 1
   * @param y the labels, 0 or 1
   * @return the scores
   */
  public static Scores of(double[] p, int[] y) {
    if (p.length != y.length || p.length == 0) {
      throw new IllegalArgumentException("need as many predictions as labels, and at least one");
    }
    int n = p.length;
    int ones = 0;
    int right = 0;
    double brier = 0;
    double logLoss = 0;
    for (int i = 0; i < n; i++) {
      ones += y[i];
      right += (p[i] >= 0.5 ? 1 : 0) == y[i] ? 1 : 0;
      double e = p[i] - y[i];
      brier += e * e;
      double q = Math.min(1 - 1e-12, Math.max(1e-12, p[i]));
      logLoss -= y[i] == 1 ? Math.log(q) : Math.log(1 - q);
    }
    return new Scores(n, (double) ones / n, (double) right / n, auc(p, y, ones), brier / n, logLoss / n,
        calibration(p, y));
  }

  /**
   * Scores a constant prediction: the majority-class baseline predicts the training set's base
   * rate for every sample (its accuracy is that of always choosing the training majority).
   *
   * @param trainBaseRate the share of label 1 in the training window
   * @param y the test labels
   * @return the baseline's scores
   */
  public static Scores baseline(double trainBaseRate, int[] y) {
    double[] p = new double[y.length];
    Arrays.fill(p, trainBaseRate);
    return of(p, y);
  }

  private static double auc(double[] p, int[] y, int ones) {
    int zeros = y.length - ones;
    if (ones == 0 || zeros == 0) {
      return Double.NaN;
    }
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (a, b) -> Double.compare(p[a], p[b]));
    // Mann-Whitney U with mid-ranks for ties.
    double rankSumOnes = 0;
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && p[order[j + 1]] == p[order[i]]) {
        j++;
      }
      double midRank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        if (y[order[k]] == 1) {
          rankSumOnes += midRank;
        }
      }
      i = j + 1;
    }
    return (rankSumOnes - ones * (ones + 1) / 2.0) / ((double) ones * zeros);
  }

  private static double[][] calibration(double[] p, int[] y) {
    double[] sumP = new double[10];
    double[] sumY = new double[10];
    int[] count = new int[10];
    for (int i = 0; i < p.length; i++) {
      int b = Math.min(9, Math.max(0, (int) (p[i] * 10)));
      sumP[b] += p[i];
      sumY[b] += y[i];
      count[b]++;
    }
    int used = 0;
    for (int c : count) {
      used += c > 0 ? 1 : 0;
    }
    double[][] out = new double[used][];
    int k = 0;
    for (int b = 0; b < 10; b++) {
      if (count[b] > 0) {
        out[k++] = new double[] {sumP[b] / count[b], sumY[b] / count[b], count[b]};
      }
    }
    return out;
  }
}
