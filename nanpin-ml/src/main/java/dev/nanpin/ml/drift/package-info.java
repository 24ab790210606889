/**
 * Drift detection: the population stability index per feature against the training
 * distribution, and ADWIN and Page-Hinkley on the stream of prediction errors.
 */
package dev.nanpin.ml.drift;
