package dev.nanpin;

/** The venue rejected the credentials or the signature (a bad key, a wrong signature, an expired request). */
public class AuthenticationException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param venueCode the venue's own error code, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public AuthenticationException(String venue, String venueCode, String message, Throwable cause) {
    super(venue, venueCode, message, cause);
  }
}
