package dev.nanpin;

import java.util.List;

/**
 * A plugin could not be found or created: an unknown id, two providers claiming one id, or a
 * provider that failed while loading.
 */
public class PluginException extends NanpinException {
  private static final long serialVersionUID = 1L;
  private final String family;
  private final String id;
  private final List<String> knownIds;

  /**
   * Creates the exception.
   *
   * @param family the plugin family, e.g. {@code "strategy"}
   * @param id the requested id
   * @param knownIds the ids that are available in that family
   * @param message what is wrong
   */
  public PluginException(String family, String id, List<String> knownIds, String message) {
    super(message);
    this.family = family;
    this.id = id;
    this.knownIds = List.copyOf(knownIds);
  }

  /** @return the plugin family, e.g. {@code "strategy"} */
  public String family() {
    return family;
  }

  /** @return the id that was asked for */
  public String id() {
    return id;
  }

  /** @return the ids that were available, sorted */
  public List<String> knownIds() {
    return knownIds;
  }
}
