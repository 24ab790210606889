package dev.nanpin.risk.guard;

import dev.nanpin.OrderRejectedException;
import java.math.BigDecimal;

/**
 * An order was refused by a risk limit before it was sent. Rejected by venue {@code "nanpin"}
 * with the limit's name as the code, like the other pre-send checks.
 */
public class RiskLimitException extends OrderRejectedException {
  private static final long serialVersionUID = 1L;
  private final RiskLimit limit;
  private final BigDecimal actual;
  private final BigDecimal allowed;

  /**
   * Creates the exception.
   *
   * @param limit the limit that refused
   * @param actual the value the order would reach, or {@code null}
   * @param allowed the limit's value, or {@code null}
   * @param message the explanation with the numbers
   */
  public RiskLimitException(RiskLimit limit, BigDecimal actual, BigDecimal allowed, String message) {
    super("nanpin", limit.name(), message, null);
    this.limit = limit;
    this.actual = actual;
    this.allowed = allowed;
  }

  /** @return the limit that refused the order */
  public RiskLimit limit() {
    return limit;
  }

  /** @return the value the order would have reached, or {@code null} */
  public BigDecimal actual() {
    return actual;
  }

  /** @return the limit's value, or {@code null} */
  public BigDecimal allowed() {
    return allowed;
  }
}
