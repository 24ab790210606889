package dev.nanpin.sim.internal;

import dev.nanpin.ConfigException;
import dev.nanpin.sim.run.Runner;
import dev.nanpin.sim.run.RunnerProvider;
import java.util.Map;

/** Provides the {@code local} runner; setting {@code threads} (default: every processor). */
public final class LocalRunnerProvider implements RunnerProvider {
  /** Creates the provider; does no work. */
  public LocalRunnerProvider() {}

  @Override
  public String id() {
    return "local";
  }

  @Override
  public Runner create(Map<String, String> settings) {
    for (String key : settings.keySet()) {
      if (!key.equals("threads")) {
        throw new ConfigException(key, "the local engine has no setting '" + key + "'; known: [threads]");
      }
    }
    String threads = settings.get("threads");
    if (threads == null) {
      return Runner.local();
    }
    try {
      return Runner.local(Integer.parseInt(threads.trim()));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("threads", "threads must be a whole number >= 1: '" + threads + "'");
    }
  }
}
