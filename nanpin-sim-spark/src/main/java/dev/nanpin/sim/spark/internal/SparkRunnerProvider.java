package dev.nanpin.sim.spark.internal;

import dev.nanpin.ConfigException;
import dev.nanpin.sim.run.Runner;
import dev.nanpin.sim.run.RunnerProvider;
import dev.nanpin.sim.spark.SparkRunner;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Provides the {@code spark} runner. Settings: {@code master} (default: {@code spark.master} as
 * {@code spark-submit} sets it), {@code partitions} (default: 4 per unit of the default parallelism), and any
 * {@code spark.*} key. Loading this class touches no Spark class, so the service loader finds it
 * even where Spark is absent, and {@link #create} says what is missing.
 */
public final class SparkRunnerProvider implements RunnerProvider {
  /** Creates the provider; does no work. */
  public SparkRunnerProvider() {}

  @Override
  public String id() {
    return "spark";
  }

  @Override
  public Runner create(Map<String, String> settings) {
    try {
      Class.forName("org.apache.spark.api.java.JavaSparkContext", false, SparkRunnerProvider.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      throw new ConfigException("engine", "the spark engine needs Apache Spark 4 (Scala 2.13) on the class path: run "
          + "the command with spark-submit (spark-submit --class dev.nanpin.cli.Main nanpin.jar ...), or add "
          + "org.apache.spark:spark-core_2.13 to the class path");
    }
    String master = null;
    int partitions = 0;
    Map<String, String> spark = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      switch (e.getKey()) {
        case "master" -> master = e.getValue();
        case "partitions" -> partitions = partitions(e.getValue());
        default -> {
          if (!e.getKey().startsWith("spark.")) {
            throw new ConfigException(e.getKey(), "the spark engine has no setting '" + e.getKey()
                + "'; known: master, partitions, spark.*");
          }
          spark.put(e.getKey(), e.getValue());
        }
      }
    }
    try {
      return SparkRunner.start(master, spark, partitions);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("master", e.getMessage());
    }
  }

  private static int partitions(String value) {
    try {
      int n = Integer.parseInt(value.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException("partitions", "partitions must be a whole number >= 0: '" + value + "'");
  }
}
