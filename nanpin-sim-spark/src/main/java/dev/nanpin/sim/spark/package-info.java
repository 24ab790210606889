/**
 * Sweeps, Monte Carlo runs and optimiser evaluations on Apache Spark: {@link
 * dev.nanpin.sim.spark.SparkRunner} is a {@link dev.nanpin.sim.run.Runner} whose results are
 * identical to a local run's. Spark is a provided dependency: the cluster (or {@code
 * spark-submit}) supplies it.
 */
package dev.nanpin.sim.spark;
