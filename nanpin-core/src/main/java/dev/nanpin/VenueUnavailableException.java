package dev.nanpin;

/** The venue could not be reached or answered with a server error or a maintenance notice; the request's outcome may be unknown. */
public class VenueUnavailableException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param venueCode the venue's own error code, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public VenueUnavailableException(String venue, String venueCode, String message, Throwable cause) {
    super(venue, venueCode, message, cause);
  }
}
