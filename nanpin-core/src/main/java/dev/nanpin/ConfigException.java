package dev.nanpin;

/**
 * A configuration value is unknown, of the wrong type or out of range.
 *
 * <p>Carries the offending key so that a CLI or a config loader can point at it.
 */
public class ConfigException extends NanpinException {
  private static final long serialVersionUID = 1L;
  private final String key;

  /**
   * Creates the exception.
   *
   * @param key the configuration key at fault, or {@code null} when the whole config is
   * @param message what is wrong, naming the key
   */
  public ConfigException(String key, String message) {
    super(message);
    this.key = key;
  }

  /**
   * Returns the configuration key at fault, or {@code null} when no single key is.
   *
   * @return the key
   */
  public String key() {
    return key;
  }
}
