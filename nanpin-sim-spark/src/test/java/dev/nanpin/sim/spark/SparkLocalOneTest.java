package dev.nanpin.sim.spark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.sim.run.Runner;
import dev.nanpin.sim.run.Runners;
import java.util.Map;

/** The contract on {@code local[1]}, the runner made by id as the command line does. */
class SparkLocalOneTest extends SparkRunnerContract {
  @Override
  Runner startSpark() {
    Runner r = Runners.create("spark", Map.of("master", "local[1]"), getClass().getClassLoader());
    assertThat(r.describe()).isEqualTo("spark, master local[1], parallelism 1");
    return r;
  }
}
