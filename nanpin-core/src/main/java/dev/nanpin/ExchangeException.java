package dev.nanpin;

/**
 * A venue refused or failed a request. Subclasses say why and carry what a caller needs to
 * react; this class itself is used for venue errors that fit no subclass.
 */
public class ExchangeException extends NanpinException {
  private static final long serialVersionUID = 1L;
  private final String venue;
  private final String venueCode;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id, e.g. {@code "backpack"}
   * @param venueCode the venue's own error code, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public ExchangeException(String venue, String venueCode, String message, Throwable cause) {
    super(message, cause);
    this.venue = venue;
    this.venueCode = venueCode;
  }

  /** @return the exchange id, e.g. {@code "backpack"} */
  public String venue() {
    return venue;
  }

  /** @return the venue's own error code (e.g. {@code "INVALID_ORDER"}), or {@code null} */
  public String venueCode() {
    return venueCode;
  }
}
