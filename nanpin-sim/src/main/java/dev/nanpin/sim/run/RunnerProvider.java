package dev.nanpin.sim.run;

import java.util.Map;

/**
 * Creates {@link Runner}s by id, for command lines and configuration files. Found with {@link
 * java.util.ServiceLoader} (declare it in {@code module-info} and in {@code META-INF/services});
 * must be cheap to construct and must not touch the classes of the engine it drives until {@link
 * #create} is called, so that a missing engine (e.g. Spark not on the class path) is reported by
 * {@link #create} with a clear message rather than by the service loader.
 */
public interface RunnerProvider {
  /** @return the stable lower-case id, e.g. {@code local} or {@code spark} */
  String id();

  /**
   * @param settings engine settings (e.g. {@code threads} for {@code local}, {@code master} for
   *     {@code spark}); unknown keys are rejected
   * @return a new runner, which the caller closes
   * @throws dev.nanpin.ConfigException naming a bad setting, or when the engine is unavailable
   */
  Runner create(Map<String, String> settings);
}
