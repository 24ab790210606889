package dev.nanpin.cli;

import dev.nanpin.sim.run.Runner;
import dev.nanpin.sim.run.Runners;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where {@code montecarlo}, {@code sweep} and {@code optimize} compute their paths and candidates:
 * worker threads of this process, or Apache Spark (found by id, so the spark engine is used only
 * where Spark is on the class path, as under {@code spark-submit}).
 */
final class EngineOptions {
  @Option(names = "--engine", defaultValue = "local", paramLabel = "local|spark",
      description = "Where to compute: local threads, or Apache Spark (run under spark-submit) (default: ${DEFAULT-VALUE}).")
  String engine;

  @Option(names = "--master", paramLabel = "URL",
      description = "spark: the master, e.g. local[*], spark://host:7077, yarn (default: the one spark-submit sets).")
  String master;

  @Option(names = "--partitions", paramLabel = "N",
      description = "spark: partitions per job (default: 4 x the cluster's default parallelism).")
  Integer partitions;

  @Option(names = "--spark-conf", paramLabel = "KEY=VALUE", description = "spark: a Spark setting; repeatable.")
  Map<String, String> sparkConf = new LinkedHashMap<>();

  /**
   * Starts the runner; the caller closes it.
   *
   * @param threads the local engine's threads, or {@code null} for every processor
   */
  Runner open(Integer threads) {
    Map<String, String> settings = new LinkedHashMap<>();
    if (engine.equals("local")) {
      if (master != null || partitions != null || !sparkConf.isEmpty()) {
        throw new IllegalArgumentException("--master, --partitions and --spark-conf need --engine spark");
      }
      if (threads != null) {
        settings.put("threads", threads.toString());
      }
    } else {
      if (master != null) {
        settings.put("master", master);
      }
      if (partitions != null) {
        settings.put("partitions", partitions.toString());
      }
      sparkConf.forEach((k, v) -> settings.put(k.startsWith("spark.") ? k : "spark." + k, v));
    }
    return Runners.create(engine, settings, EngineOptions.class.getClassLoader());
  }
}
