package dev.nanpin;

import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.normalize;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Optional;

/**
 * One observation of an economic series. A missing value (FRED's {@code "."}) is kept as
 * missing, never turned into zero.
 *
 * @param date the observation date
 * @param value the value, or {@code null} when the source reports it missing
 */
public record Observation(LocalDate date, BigDecimal value) {
  /** Validates and normalises. */
  public Observation {
    notNull(date, "date");
    value = normalize(value);
  }

  /** @return the value, empty when missing */
  public Optional<BigDecimal> find() {
    return Optional.ofNullable(value);
  }

  /** @return whether the source reported the value missing */
  public boolean isMissing() {
    return value == null;
  }
}
