package dev.nanpin.sim.internal;

/**
 * The one place where the simulator computes a perpetual position's liquidation price; switch
 * it to the core risk maths ({@code dev.nanpin.risk}) once that is available.
 *
 * <p>Cross margin on the whole wallet with a flat maintenance-margin rate {@code m}: the
 * position is liquidated when equity falls to the maintenance margin,
 * {@code wallet + q * (P - E) = m * |q| * P}, which gives {@code P = (q*E - wallet) / (q*(1 - m))}
 * for a long ({@code q > 0}) and {@code P = (wallet + s*E) / (s*(1 + m))} for a short of size
 * {@code s = -q}.
 */
public final class Liquidation {
  private Liquidation() {}

  /**
   * Returns the mark price at which a position is liquidated.
   *
   * @param quantity the signed position size (long {@code > 0})
   * @param averageEntry the average entry price
   * @param wallet the wallet balance backing the position (fees and realised P&amp;L included)
   * @param maintenanceMarginRate the maintenance margin as a fraction of notional, {@code [0, 1)}
   * @return the liquidation price; {@code 0} for a long that cannot be liquidated (the wallet
   *     covers the whole notional), {@code NaN} when flat
   */
  public static double price(double quantity, double averageEntry, double wallet, double maintenanceMarginRate) {
    if (quantity == 0) {
      return Double.NaN;
    }
    if (quantity > 0) {
      double p = (quantity * averageEntry - wallet) / (quantity * (1.0 - maintenanceMarginRate));
      return p > 0 ? p : 0.0;
    }
    double s = -quantity;
    double p = (wallet + s * averageEntry) / (s * (1.0 + maintenanceMarginRate));
    return p > 0 ? p : 0.0;
  }
}
