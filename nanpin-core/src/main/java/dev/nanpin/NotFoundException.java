package dev.nanpin;

/** The venue does not know the requested order, market or resource. */
public class NotFoundException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param venueCode the venue's own error code, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public NotFoundException(String venue, String venueCode, String message, Throwable cause) {
    super(venue, venueCode, message, cause);
  }
}
