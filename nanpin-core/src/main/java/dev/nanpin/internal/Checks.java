package dev.nanpin.internal;

import java.math.BigDecimal;

/** Argument checks shared by the records; messages show the offending value. */
public final class Checks {
  private Checks() {}

  public static <T> T notNull(T value, String name) {
    // no message supplier: a capturing lambda per call was allocated wherever this is not inlined
    // (every order intent of a backtest's hot loop)
    if (value == null) {
      throw new NullPointerException(name + " must not be null");
    }
    return value;
  }

  public static String notBlank(String value, String name) {
    notNull(value, name);
    if (value.isBlank()) {
      throw new IllegalArgumentException(name + " must not be blank");
    }
    return value;
  }

  /** Requires {@code value > 0} and strips trailing zeros so that record equality ignores scale. */
  public static BigDecimal positive(BigDecimal value, String name) {
    notNull(value, name);
    if (value.signum() <= 0) {
      throw new IllegalArgumentException(name + " must be > 0: " + value.toPlainString());
    }
    return normalize(value);
  }

  /** Requires {@code value >= 0} and strips trailing zeros. */
  public static BigDecimal nonNegative(BigDecimal value, String name) {
    notNull(value, name);
    if (value.signum() < 0) {
      throw new IllegalArgumentException(name + " must be >= 0: " + value.toPlainString());
    }
    return normalize(value);
  }

  /** Strips trailing zeros, keeping zero as plain {@code 0}; {@code null} stays {@code null}. */
  public static BigDecimal normalize(BigDecimal value) {
    if (value == null) {
      return null;
    }
    return value.signum() == 0 ? BigDecimal.ZERO : value.stripTrailingZeros();
  }

  public static double finite(double value, String name) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(name + " must be finite: " + value);
    }
    return value;
  }

  public static double positive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be > 0 and finite: " + value);
    }
    return value;
  }

  public static double nonNegative(double value, String name) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be >= 0 and finite: " + value);
    }
    return value;
  }
}
