package dev.nanpin.data;

import dev.nanpin.VenueUnavailableException;

/**
 * A data service answered that it is gone: its configured base URL gives 404 or 410 for the
 * API's own endpoint, or its host name no longer resolves. Unlike a passing outage this will not
 * heal by retrying; configure a compatible successor's base URL or stop using the source.
 */
public final class ServiceGoneException extends VenueUnavailableException {
  private static final long serialVersionUID = 1L;
  private final String baseUrl;

  /**
   * @param source the source id, e.g. {@code flipside}
   * @param baseUrl the base URL that answered so
   * @param what what it answered, e.g. {@code HTTP 410}
   * @param cause the underlying failure, may be {@code null}
   */
  public ServiceGoneException(String source, String baseUrl, String what, Throwable cause) {
    super(source, "GONE", "%s: the service at %s appears to be gone (%s); it will not come back by retrying: set a"
        .formatted(source, baseUrl, what) + " compatible base URL or stop using this source", cause);
    this.baseUrl = baseUrl;
  }

  /** @return the base URL that answered that it is gone */
  public String baseUrl() {
    return baseUrl;
  }
}
