package dev.nanpin.sim.spark;

import dev.nanpin.sim.run.Runner;
import java.util.Map;

/** The contract on {@code local[2]}, split into 3 partitions (uneven slices of the cells). */
class SparkLocalTwoTest extends SparkRunnerContract {
  @Override
  Runner startSpark() {
    return SparkRunner.start("local[2]", Map.of(), 3);
  }
}
