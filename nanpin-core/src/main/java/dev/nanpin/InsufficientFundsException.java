package dev.nanpin;

/** The venue refused an order or a withdrawal because the account lacks balance or margin. */
public class InsufficientFundsException extends ExchangeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param venue the exchange id
   * @param venueCode the venue's own error code, or {@code null}
   * @param message what went wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public InsufficientFundsException(String venue, String venueCode, String message, Throwable cause) {
    super(venue, venueCode, message, cause);
  }
}
