package dev.nanpin.engine;

import dev.nanpin.risk.MaintenanceMargin;

/**
 * The liquidation of a perpetual position: when it happens on a price path and what it costs,
 * the one definition the backtester and the paper exchange use (live, the venue liquidates and
 * its fill is the truth).
 *
 * <h2>Rules</h2>
 * <ul>
 *   <li>The liquidation price is the account book's ({@link AccountBook#liquidationPrice}: cross
 *       margin on the wallet, the equity at the maintenance margin).</li>
 *   <li>On a monotone move from {@code from} across {@code [lo, hi]}, a long is liquidated when the
 *       price reaches its liquidation price from above, a short from below; at that price, or at
 *       {@code from} when the move starts past it (a gap) ({@link #fillPrice}). A liquidation and a
 *       resting order at the same distance: the liquidation comes first.</li>
 *   <li>The whole position is closed in one taker fill, which pays the taker fee plus the
 *       liquidation fee on its notional ({@link #fee}): the venue's penalty, which keeps part of
 *       the maintenance margin that a bare taker fee would hand back.
 *       {@link #DEFAULT_FEE_BPS} by default.</li>
 *   <li>The maintenance-margin model is {@link #DEFAULT_MAINTENANCE_MARGIN} unless the engine's
 *       configuration sets another.</li>
 * </ul>
 *
 * <p>Pure functions on {@code double}s, no allocation: the backtest's hot loop calls them.
 * Thread-safe (stateless; the default model is immutable).
 */
public final class Liquidation {
  /**
   * The default liquidation fee in basis points of the liquidated notional, charged on top of the
   * taker fee: Backpack's maintenance-margin base (the default of {@code nanpin plan}), i.e. a
   * liquidated account is assumed to lose the margin the venue required it to keep, as an
   * insurance-fund clearance fee takes it.
   */
  public static final double DEFAULT_FEE_BPS = 125.0;

  /** The default maintenance-margin base of a perpetual: Backpack's {@code mmfFunction} base, as {@code nanpin plan} uses. */
  public static final double DEFAULT_MMF_BASE = 0.0125;

  /** The default maintenance-margin sqrt factor of a perpetual: as {@code nanpin plan} uses (SOL_USDC_PERP's published value). */
  public static final double DEFAULT_MMF_FACTOR = 0.0000765;

  /**
   * The default maintenance-margin model of a perpetual in every engine that liquidates (the
   * backtester and the paper exchange): Backpack's {@code sqrt} function {@code
   * DEFAULT_MMF_BASE + DEFAULT_MMF_FACTOR * sqrt(notional)}. One object, so that both engines
   * compute the same maintenance margin and liquidation price for the same position; a market with
   * another published function should set its own. Serialisable and thread-safe.
   */
  public static final MaintenanceMargin DEFAULT_MAINTENANCE_MARGIN =
      MaintenanceMargin.sqrt(DEFAULT_MMF_BASE, DEFAULT_MMF_FACTOR);

  private Liquidation() {}

  /**
   * The price at which the move {@code from -> to} (spanning {@code [lo, hi]}) liquidates the
   * position.
   *
   * @param positionQuantity the signed position
   * @param liquidationPrice its liquidation price ({@code NaN} when there is none: flat, spot)
   * @param from where the move starts
   * @param lo the lowest price of the move
   * @param hi the highest price of the move
   * @return the fill price, or {@code NaN} when the move does not reach the liquidation price
   */
  public static double fillPrice(double positionQuantity, double liquidationPrice, double from, double lo,
      double hi) {
    if (positionQuantity == 0 || Double.isNaN(liquidationPrice)) {
      return Double.NaN;
    }
    if (positionQuantity > 0) {
      return liquidationPrice >= lo ? Math.min(liquidationPrice, from) : Double.NaN;
    }
    return liquidationPrice <= hi ? Math.max(liquidationPrice, from) : Double.NaN;
  }

  /**
   * The fee of a liquidation fill.
   *
   * @param notional the liquidated notional, {@code price * quantity}
   * @param takerFeeRate the taker fee rate, a fraction
   * @param liquidationFeeRate the liquidation fee rate, a fraction ({@link #DEFAULT_FEE_BPS} / 10,000
   *     by default)
   * @return {@code notional * (takerFeeRate + liquidationFeeRate)}
   */
  public static double fee(double notional, double takerFeeRate, double liquidationFeeRate) {
    return notional * (takerFeeRate + liquidationFeeRate);
  }
}
