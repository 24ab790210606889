package dev.nanpin.store;

import dev.nanpin.NanpinException;

/**
 * The state store failed: the database cannot be opened, a migration failed, a write broke an
 * invariant (a client id reused, an exchange id changed) or a JDBC call failed.
 *
 * <p>When the store throws, the write it was asked for did not happen: every write runs in a
 * transaction that is rolled back on failure. The live engine treats this as fatal for the order
 * path: an order whose record could not be made durable is never sent.
 */
public class StoreException extends NanpinException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what went wrong
   */
  public StoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what went wrong
   * @param cause the underlying failure, usually a {@link java.sql.SQLException}
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
