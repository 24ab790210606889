package dev.nanpin.engine;

import dev.nanpin.Instrument;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Rounding of order prices and quantities to an instrument's tick and step, with an explicit
 * {@link RoundingMode}: the one rule every engine applies at the order boundary.
 *
 * <ul>
 *   <li>Quantities are rounded {@link RoundingMode#DOWN} (an order never exceeds what was sized)
 *       and refused below the instrument's minimum.</li>
 *   <li>Limit prices are rounded away from the market: a buy {@link RoundingMode#FLOOR}, a sell
 *       {@link RoundingMode#CEILING}, so a rounded limit is never more aggressive than asked.</li>
 *   <li>A market fill's price (the reference moved by slippage) is rounded against the order: a
 *       buy {@link RoundingMode#CEILING}, a sell {@link RoundingMode#FLOOR}.</li>
 * </ul>
 * A {@code double} enters as its nearest decimal of 12 significant digits ({@link #decimal}),
 * which drops the noise of {@code double} arithmetic (three fills of 0.00199, 0.00265 and 0.00355
 * add up to 0.008189999999999999, which must close as 0.00819, not round down to 0.00818 and leave
 * dust), so the simulator (which works in {@code double}) and the live engine (in {@link
 * BigDecimal}) round the same value to the same grid point. These methods allocate; engines call them per order,
 * never per bar. Thread-safe (stateless).
 */
public final class Rounding {
  private Rounding() {}

  /**
   * A quantity rounded down to the step.
   *
   * @param instrument the instrument
   * @param quantity the sized quantity, {@code > 0}
   * @return the rounded quantity (may be below the minimum: see {@link Instrument#isTradable})
   */
  public static BigDecimal quantity(Instrument instrument, double quantity) {
    return instrument.roundQuantity(decimal(quantity), RoundingMode.DOWN);
  }

  /**
   * A limit price rounded away from the market.
   *
   * @param instrument the instrument
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param limit the limit price, {@code > 0}
   * @return the rounded price
   */
  public static BigDecimal limitPrice(Instrument instrument, int sign, double limit) {
    return instrument.roundPrice(decimal(limit), sign > 0 ? RoundingMode.FLOOR : RoundingMode.CEILING);
  }

  /**
   * A market fill's price rounded against the order.
   *
   * @param instrument the instrument
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param price the fill price before rounding, {@code > 0}
   * @return the rounded price
   */
  public static BigDecimal marketPrice(Instrument instrument, int sign, double price) {
    return instrument.roundPrice(decimal(price), sign > 0 ? RoundingMode.CEILING : RoundingMode.FLOOR);
  }

  /** Significant digits a {@code double} keeps on its way to the grid: well above any tick or step, below double noise. */
  private static final MathContext SIGNIFICANT = new MathContext(12, RoundingMode.HALF_EVEN);

  /**
   * A {@code double} as the decimal every engine rounds: its nearest decimal of 12 significant
   * digits.
   *
   * @param value a finite value
   * @return the decimal
   */
  public static BigDecimal decimal(double value) {
    return new BigDecimal(value).round(SIGNIFICANT);
  }
}
