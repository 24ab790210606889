package dev.nanpin.risk.guard;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The answer of a {@link RiskGuard}: accepted, or refused by one named limit with the numbers.
 *
 * @param accepted whether the order may be sent
 * @param limit the limit that refused it, or {@code null} when accepted
 * @param actual the value the order would reach (a notional, a leverage, a distance), or {@code null}
 * @param allowed the limit's value, or {@code null}
 * @param message one line for the log and {@code onOrderRejected}, naming the limit and the numbers
 */
public record RiskDecision(boolean accepted, RiskLimit limit, BigDecimal actual, BigDecimal allowed, String message) {
  private static final RiskDecision ACCEPTED = new RiskDecision(true, null, null, null, "accepted");

  /** Validates: a refusal names its limit. */
  public RiskDecision {
    Objects.requireNonNull(message, "message");
    if (!accepted && limit == null) {
      throw new IllegalArgumentException("a refusal names its limit");
    }
  }

  /** @return the accepted decision */
  public static RiskDecision accept() {
    return ACCEPTED;
  }

  /**
   * A refusal.
   *
   * @param limit the limit
   * @param actual the value reached
   * @param allowed the limit's value
   * @param message the explanation
   * @return the decision
   */
  public static RiskDecision refuse(RiskLimit limit, BigDecimal actual, BigDecimal allowed, String message) {
    return new RiskDecision(false, Objects.requireNonNull(limit, "limit"), actual, allowed, message);
  }

  /**
   * Throws when refused.
   *
   * @throws RiskLimitException carrying the limit and the numbers, if the order was refused
   */
  public void orThrow() {
    if (!accepted) {
      throw new RiskLimitException(limit, actual, allowed, message);
    }
  }
}
