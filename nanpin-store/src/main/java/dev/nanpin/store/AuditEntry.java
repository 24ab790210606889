package dev.nanpin.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One decision of reconciliation (or another safety check), as written to the audit log.
 *
 * <p>Suggested actions: {@code ADOPT_ORDER}, {@code MARK_FAILED}, {@code APPLY_MISSED_FILL},
 * {@code CORRECT_POSITION}, {@code CORRECT_BALANCE}, {@code NO_CHANGE}.
 *
 * @param id the row id, increasing in insertion order
 * @param time when the decision was taken
 * @param action what was decided, a short upper-case name
 * @param subject what it was about: a client id, a fill id, a symbol
 * @param changed whether the decision changed the store
 * @param detail the numbers behind the decision, for a person
 */
public record AuditEntry(long id, Instant time, String action, String subject, boolean changed, String detail) {

  /** Validates. */
  public AuditEntry {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(action, "action");
    if (action.isBlank()) {
      throw new IllegalArgumentException("action must not be blank");
    }
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(detail, "detail");
  }
}
