package dev.nanpin.ml.internal;

import dev.nanpin.ml.MemberKind;
import dev.nanpin.ml.MlException;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * Gradient-boosted trees with XGBoost4J. The native library ships inside XGBoost4J's jar and is
 * loaded on first use; when it cannot be loaded, {@link Members} drops this member.
 */
final class BoostMember implements Member {
  private final Booster booster;
  private final int width;

  private BoostMember(Booster booster, int width) {
    this.booster = booster;
    this.width = width;
  }

  static BoostMember train(double[][] x, int[] y, int rounds, int maxDepth, long seed) throws XGBoostError {
    int d = x[0].length;
    float[] flat = new float[x.length * d];
    float[] labels = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      for (int j = 0; j < d; j++) {
        flat[i * d + j] = (float) x[i][j];
      }
      labels[i] = y[i];
    }
    DMatrix m = new DMatrix(flat, x.length, d, Float.NaN);
    try {
      m.setLabel(labels);
      Map<String, Object> params = new HashMap<>();
      params.put("objective", "binary:logistic");
      params.put("eta", 0.1);
      params.put("max_depth", maxDepth);
      params.put("subsample", 0.8);
      params.put("colsample_bytree", 0.8);
      params.put("min_child_weight", 5);
      params.put("tree_method", "hist");
      // One thread and a fixed seed: the same data and seed give the same trees.
      params.put("nthread", 1);
      params.put("seed", seed);
      params.put("verbosity", 0);
      return new BoostMember(XGBoost.train(m, params, rounds, new HashMap<>(), null, null), d);
    } finally {
      m.dispose();
    }
  }

  @Override
  public MemberKind kind() {
    return MemberKind.BOOSTING;
  }

  @Override
  public double predict(double[] scaledRow) {
    float[] row = new float[width];
    for (int j = 0; j < width; j++) {
      row[j] = (float) scaledRow[j];
    }
    try {
      return booster.inplace_predict(row, 1, width, Float.NaN)[0][0];
    } catch (XGBoostError e) {
      throw new MlException("gradient boosting prediction failed: " + e.getMessage(), e);
    }
  }

  @Override
  public byte[] payload() {
    try {
      return booster.toByteArray("ubj");
    } catch (XGBoostError e) {
      throw new MlException("could not serialise the boosted trees", e);
    }
  }

  static BoostMember load(byte[] payload, int width) throws XGBoostError {
    try {
      return new BoostMember(XGBoost.loadModel(payload), width);
    } catch (IOException e) {
      throw new MlException("the boosted trees in the model file are corrupt: " + e.getMessage(), e);
    }
  }
}
