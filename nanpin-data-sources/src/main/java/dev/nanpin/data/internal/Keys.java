package dev.nanpin.data.internal;

import dev.nanpin.ConfigException;

/** Where keys come from: the config first, then the environment. */
public final class Keys {
  private Keys() {}

  /**
   * @param configured the configured key, or {@code null}
   * @param envVar the environment variable
   * @return the key, or {@code null} when neither is set
   */
  public static String resolve(String configured, String envVar) {
    if (configured != null && !configured.isBlank()) {
      return configured.trim();
    }
    String env = System.getenv(envVar);
    return env == null || env.isBlank() ? null : env.trim();
  }

  /**
   * Requires a key at the moment a source is used.
   *
   * @param key the resolved key
   * @param source the source id
   * @param envVar the environment variable to name
   * @return the key
   * @throws ConfigException naming the variable when the key is missing
   */
  public static String require(String key, String source, String envVar) {
    if (key == null) {
      throw new ConfigException("apiKey", "%s needs an API key: set %s or the apiKey setting".formatted(source, envVar));
    }
    return key;
  }
}
