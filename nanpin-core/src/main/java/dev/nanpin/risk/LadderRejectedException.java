package dev.nanpin.risk;

import dev.nanpin.NanpinException;

/**
 * A ladder plan was refused: a fully or partly filled ladder would be liquidated before (or
 * within the safety buffer of) a level it still has to fill, or it cannot be funded. The message
 * names the level and the prices.
 */
public class LadderRejectedException extends NanpinException {
  private static final long serialVersionUID = 1L;
  private final int level;
  private final double levelPrice;
  private final double liquidationPrice;

  /**
   * Creates the exception.
   *
   * @param level the 1-based level at fault
   * @param levelPrice the price of that level
   * @param liquidationPrice the liquidation price that breaks it, {@code NaN} when the reason is funding
   * @param message the reason, naming the level and the prices
   */
  public LadderRejectedException(int level, double levelPrice, double liquidationPrice, String message) {
    super(message);
    this.level = level;
    this.levelPrice = levelPrice;
    this.liquidationPrice = liquidationPrice;
  }

  /** @return the 1-based level at fault */
  public int level() {
    return level;
  }

  /** @return the price of the level at fault */
  public double levelPrice() {
    return levelPrice;
  }

  /** @return the liquidation price that breaks the level, {@code NaN} when the reason is funding */
  public double liquidationPrice() {
    return liquidationPrice;
  }
}
