package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * A tradable market and its order-size rules.
 *
 * <p>Prices must be multiples of {@link #tickSize()}, quantities multiples of {@link
 * #stepSize()} and at least {@link #minQuantity()}. The rounding methods take an explicit
 * {@link RoundingMode} because the right direction depends on the use: a buy limit is rounded
 * down, a take-profit sell up, a quantity to spend at most a budget down.
 *
 * @param symbol the venue symbol, e.g. {@code SOL_USDC} or {@code BTC_USDC_PERP}
 * @param base the base asset, e.g. {@code SOL}
 * @param quote the quote asset, e.g. {@code USDC}
 * @param kind spot or perpetual
 * @param tickSize the price increment, {@code > 0}
 * @param stepSize the quantity increment, {@code > 0}
 * @param minQuantity the smallest order quantity, {@code > 0}
 */
public record Instrument(
    String symbol,
    String base,
    String quote,
    InstrumentKind kind,
    BigDecimal tickSize,
    BigDecimal stepSize,
    BigDecimal minQuantity) implements java.io.Serializable {

  /** Validates and normalises the scale of the decimals. */
  public Instrument {
    notBlank(symbol, "symbol");
    notBlank(base, "base");
    notBlank(quote, "quote");
    notNull(kind, "kind");
    tickSize = positive(tickSize, "tickSize");
    stepSize = positive(stepSize, "stepSize");
    minQuantity = positive(minQuantity, "minQuantity");
  }

  /**
   * Rounds a price to a multiple of the tick size.
   *
   * @param price the price, {@code > 0}
   * @param mode the rounding direction; {@link RoundingMode#UNNECESSARY} checks that the price
   *     is already on the tick grid
   * @return the rounded price; never moves the price by a whole tick or more
   * @throws IllegalArgumentException if the price is not positive, rounds to zero, or is off
   *     the grid under {@code UNNECESSARY}
   */
  public BigDecimal roundPrice(BigDecimal price, RoundingMode mode) {
    BigDecimal rounded = roundToIncrement(positive(price, "price"), tickSize, mode, "price");
    if (rounded.signum() <= 0) {
      throw new IllegalArgumentException(
          "price %s rounds to zero with tick %s".formatted(price.toPlainString(), tickSize.toPlainString()));
    }
    return rounded;
  }

  /**
   * Rounds a quantity to a multiple of the step size. The result may be zero or below the
   * minimum; {@link #isTradable(BigDecimal)} tells whether it can be sent.
   *
   * @param quantity the quantity, {@code >= 0}
   * @param mode the rounding direction; {@link RoundingMode#UNNECESSARY} checks the grid
   * @return the rounded quantity
   * @throws IllegalArgumentException if the quantity is negative or off the grid under
   *     {@code UNNECESSARY}
   */
  public BigDecimal roundQuantity(BigDecimal quantity, RoundingMode mode) {
    notNull(quantity, "quantity");
    if (quantity.signum() < 0) {
      throw new IllegalArgumentException("quantity must be >= 0: " + quantity.toPlainString());
    }
    return roundToIncrement(quantity, stepSize, mode, "quantity");
  }

  /**
   * Returns whether a quantity is on the step grid and at least the minimum quantity.
   *
   * @param quantity the quantity to check
   * @return {@code true} if an order of this quantity passes the venue's size rules
   */
  public boolean isTradable(BigDecimal quantity) {
    return quantity != null
        && quantity.compareTo(minQuantity) >= 0
        && quantity.remainder(stepSize).signum() == 0;
  }

  private static BigDecimal roundToIncrement(
      BigDecimal value, BigDecimal increment, RoundingMode mode, String name) {
    notNull(mode, "mode");
    BigDecimal steps;
    try {
      steps = value.divide(increment, 0, mode);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "%s %s is not a multiple of %s (rounding %s)"
              .formatted(name, value.toPlainString(), increment.toPlainString(), mode),
          e);
    }
    BigDecimal result = steps.multiply(increment);
    return result.signum() == 0 ? BigDecimal.ZERO : result.stripTrailingZeros();
  }
}
