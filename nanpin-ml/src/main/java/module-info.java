/**
 * nanpin ml: an ML ensemble signal (random forest, gradient boosting and a small neural network)
 * over features computed without look-ahead, labels, walk-forward training with purging and an
 * embargo, and drift detection (PSI, ADWIN, Page-Hinkley). Optional: core and the simulator do not
 * depend on it.
 */
module dev.nanpin.ml {
  requires transitive dev.nanpin.core;
  requires org.slf4j;
  requires java.logging;
  requires org.tribuo.core;
  requires org.tribuo.classification.core;
  requires org.tribuo.classification.dtree;
  requires org.tribuo.common.tree;
  requires ml.dmlc.xgboost4j;

  exports dev.nanpin.ml;
  exports dev.nanpin.ml.drift;

  provides dev.nanpin.spi.SignalGeneratorProvider with dev.nanpin.ml.internal.MlSignalProvider;
}
