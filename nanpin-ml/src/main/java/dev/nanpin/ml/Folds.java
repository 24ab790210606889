package dev.nanpin.ml;

import java.util.ArrayList;
import java.util.List;

/**
 * Walk-forward folds without leakage. Each fold trains on samples before its test window and
 * tests on the window; between them lie the purge and the embargo:
 *
 * <ul>
 *   <li><b>purge</b>: the last {@code horizon} samples before the test window are dropped from
 *       training, because their labels look {@code horizon} bars ahead, into the test window;
 *   <li><b>embargo</b>: a further {@code embargo} samples are dropped, so that features with
 *       memory (moving averages) do not carry test-window information back into training.
 * </ul>
 *
 * <p>{@link Mode#ROLLING} trains on a window of fixed length; {@link Mode#ANCHORED} trains on
 * everything from the first sample. Test windows do not overlap and follow each other.
 */
public final class Folds {
  /** How the training window moves. */
  public enum Mode {
    /** A training window of fixed length that slides with the test window. */
    ROLLING,
    /** A training window anchored at the first sample that grows with each fold. */
    ANCHORED
  }

  /**
   * One fold: train on {@code [trainFrom, trainTo)}, test on {@code [testFrom, testTo)}.
   *
   * @param index the fold number, from 0
   * @param trainFrom the first training sample
   * @param trainTo one past the last training sample
   * @param testFrom the first test sample
   * @param testTo one past the last test sample
   */
  public record Fold(int index, int trainFrom, int trainTo, int testFrom, int testTo) {
    /** Validates the bounds. */
    public Fold {
      if (!(0 <= trainFrom && trainFrom < trainTo && trainTo <= testFrom && testFrom < testTo)) {
        throw new IllegalArgumentException("bad fold bounds: train [%d, %d), test [%d, %d)"
            .formatted(trainFrom, trainTo, testFrom, testTo));
      }
    }

    /** @return the number of training samples */
    public int trainSize() {
      return trainTo - trainFrom;
    }

    /** @return the number of test samples */
    public int testSize() {
      return testTo - testFrom;
    }
  }

  private Folds() {}

  /**
   * Plans the folds over {@code n} samples.
   *
   * @param n the number of samples
   * @param mode rolling or anchored
   * @param trainSize the training window (rolling) or the minimum training size (anchored), {@code >= 10}
   * @param testSize the test window, {@code >= 1}
   * @param horizon the label horizon, purged before each test window, {@code >= 0}
   * @param embargo the extra gap, {@code >= 0}
   * @return the folds, in time order; empty when the data holds none
   */
  public static List<Fold> plan(int n, Mode mode, int trainSize, int testSize, int horizon, int embargo) {
    if (trainSize < 10 || testSize < 1 || horizon < 0 || embargo < 0) {
      throw new IllegalArgumentException("need trainSize >= 10, testSize >= 1, horizon >= 0, embargo >= 0; were "
          + trainSize + ", " + testSize + ", " + horizon + ", " + embargo);
    }
    int gap = horizon + embargo;
    List<Fold> folds = new ArrayList<>();
    int testFrom = trainSize + gap;
    while (testFrom + testSize <= n) {
      int trainTo = testFrom - gap;
      int trainFrom = mode == Mode.ROLLING ? trainTo - trainSize : 0;
      folds.add(new Fold(folds.size(), trainFrom, trainTo, testFrom, testFrom + testSize));
      testFrom += testSize;
    }
    return folds;
  }
}
