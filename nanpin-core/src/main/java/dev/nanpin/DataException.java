package dev.nanpin;

/**
 * A data source answered with something that cannot be used: an HTML page instead of JSON, a
 * missing field, a price that is zero, negative or NaN, timestamps out of order, or an error
 * inside an HTTP 200 body. Never becomes a silent zero.
 */
public class DataException extends NanpinException {
  private static final long serialVersionUID = 1L;
  private final String source;
  private final String field;

  /**
   * Creates the exception.
   *
   * @param source the data source id, e.g. {@code "coingecko"}
   * @param field the field at fault (a JSON path or column name), or {@code null}
   * @param message what is wrong
   * @param cause the underlying failure, may be {@code null}
   */
  public DataException(String source, String field, String message, Throwable cause) {
    super(message, cause);
    this.source = source;
    this.field = field;
  }

  /** @return the data source id */
  public String source() {
    return source;
  }

  /** @return the field at fault, or {@code null} when no single field is */
  public String field() {
    return field;
  }
}
