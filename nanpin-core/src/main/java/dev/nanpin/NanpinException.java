package dev.nanpin;

/**
 * The root of every exception that nanpin throws on purpose.
 *
 * <p>Unchecked, like the exceptions of OkHttp and Caffeine: callers that can recover catch the
 * data-carrying subclass they care about ({@link RateLimitedException}, {@link
 * OrderRejectedException}, ...), everything else propagates. Messages never contain secrets.
 */
public class NanpinException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception with a message.
   *
   * @param message what went wrong, for a person
   */
  public NanpinException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a message and a cause.
   *
   * @param message what went wrong, for a person
   * @param cause the underlying failure, may be {@code null}
   */
  public NanpinException(String message, Throwable cause) {
    super(message, cause);
  }
}
