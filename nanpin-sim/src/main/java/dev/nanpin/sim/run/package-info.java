/**
 * Where the independent units of a sweep, a Monte Carlo run or an optimiser generation are
 * computed: a {@link dev.nanpin.sim.run.CellTask} is a pure, serialisable function of a cell index
 * and the task's shared inputs, and a {@link dev.nanpin.sim.run.Runner} computes its cells in
 * this process ({@link dev.nanpin.sim.run.Runner#local(int)}) or elsewhere (e.g. on Apache Spark
 * with {@code nanpin-sim-spark}), always returning the results in cell order.
 */
package dev.nanpin.sim.run;
