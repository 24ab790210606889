/**
 * The ML ensemble signal: {@link dev.nanpin.ml.FeatureEngine} (features without look-ahead),
 * {@link dev.nanpin.ml.Labels} and {@link dev.nanpin.ml.LabelSpec}, {@link dev.nanpin.ml.Folds}
 * (walk-forward with purging and an embargo), {@link dev.nanpin.ml.EnsembleTrainer} and {@link
 * dev.nanpin.ml.EnsembleModel}, {@link dev.nanpin.ml.WalkForwardEvaluation} and {@link
 * dev.nanpin.ml.Scores}, and {@link dev.nanpin.ml.MlSignalGenerator}, the {@code ml} signal
 * generator.
 */
package dev.nanpin.ml;
