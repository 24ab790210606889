package dev.nanpin.sim.run;

import dev.nanpin.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

/** Finds {@link RunnerProvider}s by id. Holds no state; each call loads the providers afresh. */
public final class Runners {
  private Runners() {}

  /**
   * Creates a runner by id.
   *
   * @param id e.g. {@code local} or {@code spark}
   * @param settings the runner's settings
   * @param loader where to look for providers
   * @return a new runner, which the caller closes
   * @throws ConfigException when no provider or two providers have the id (naming the known ids
   *     and, for {@code spark}, the module to add), or the provider refuses the settings
   */
  public static Runner create(String id, Map<String, String> settings, ClassLoader loader) {
    List<RunnerProvider> found = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    ServiceLoader.load(RunnerProvider.class, loader).stream().forEach(p -> {
      try {
        RunnerProvider provider = p.get();
        ids.add(provider.id());
        if (provider.id().equals(id)) {
          found.add(provider);
        }
      } catch (ServiceConfigurationError | LinkageError e) {
        // a provider whose engine is absent: skip it, as if it were not there
      }
    });
    if (found.size() > 1) {
      throw new ConfigException("engine", "two runner providers have the id '" + id + "'");
    }
    if (found.isEmpty()) {
      String hint = id.equals("spark")
          ? ": the spark engine needs the nanpin-sim-spark jar and Apache Spark 4 on the class path; run the command with "
              + "spark-submit (see the README, 'Sweeps on Apache Spark')"
          : "";
      throw new ConfigException("engine", "no runner engine '" + id + "'; available: " + ids + hint);
    }
    return found.get(0).create(settings);
  }
}
