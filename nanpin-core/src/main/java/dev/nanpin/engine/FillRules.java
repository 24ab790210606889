package dev.nanpin.engine;

/**
 * The fill rules of a price path, shared by the backtester, the paper exchange and the live
 * engine's tests, so that every engine fills as the others do.
 *
 * <h2>How a bar is walked</h2>
 * A bar is a path of monotone moves: open, then one extreme, then the other, then close ({@link
 * #lowFirst} picks the order). Along each move {@code from -> to}, resting limit orders fill in
 * the order the price reaches them ({@link #limitFill}); after a fill the move continues from the
 * fill price. A market order fills at a reference price moved against it by the slippage
 * ({@link #marketFill}).
 *
 * <h2>Gaps</h2>
 * A price print that crosses several resting orders at once (the open of a bar that gapped past
 * them) fills every one of them at that print, in the order of their limits (the one the price
 * would have reached first first), before any strategy callback for that print runs; then the
 * strategy hears {@code onFill} once per fill, in the same order. See the package description.
 *
 * <h2>The pessimistic path</h2>
 * Under the pessimistic path (the simulator's {@code IntrabarPath.PESSIMISTIC}) the bar goes first to the extreme adverse to the
 * position held at the open (the low for a long or a flat account, the high for a short), so the
 * orders that worsen the position (a ladder adding to a long as the price falls, a liquidation)
 * fill before those that improve it; and an order that would <em>reduce</em> the position and
 * was placed during the bar (a take-profit placed by the fill of a ladder level) does not fill
 * before the next bar ({@link #mayFillInBarOfPlacement}): a bar's high and low do not say
 * whether the price came back to it after that fill, so the simulator assumes it did not. Without
 * that rule the low-first path lets a level fill at the low and its take-profit at the high of
 * the same bar, the best case for a ladder, not the worst.
 *
 * <p>Pure functions on {@code double}s, no allocation: the backtest's hot loop calls them.
 * Thread-safe (stateless).
 */
public final class FillRules {
  private FillRules() {}

  /**
   * Whether the intrabar path visits the low before the high.
   *
   * @param pessimistic {@code true} for the pessimistic rule (the path goes against the position
   *     first), {@code false} for the nearer extreme first
   * @param open the bar's open
   * @param high the bar's high
   * @param low the bar's low
   * @param positionQuantity the signed position at the open (the pessimistic rule goes against it)
   * @return {@code true} for open, low, high, close; {@code false} for open, high, low, close
   */
  public static boolean lowFirst(boolean pessimistic, double open, double high, double low, double positionQuantity) {
    return pessimistic ? positionQuantity >= 0 : (open - low) <= (high - open);
  }

  /**
   * Whether a resting limit order placed while a bar was being walked (by a fill's callback) may
   * still fill on the rest of that bar's path.
   *
   * @param pessimistic whether the pessimistic path rule is in force
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param positionQuantity the signed position when the order is reached
   * @return {@code false} only under the pessimistic path for an order that reduces the position
   *     (its take-profit waits for the next bar); {@code true} otherwise
   */
  public static boolean mayFillInBarOfPlacement(boolean pessimistic, int sign, double positionQuantity) {
    return !pessimistic || sign * positionQuantity >= 0;
  }

  /**
   * The price at which a resting limit order fills on the monotone move from {@code from} across
   * {@code [lo, hi]}: a buy when the price goes below its limit (or to it, on touch), a sell
   * above; an order already marketable at {@code from} fills at {@code from}.
   *
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param limit the limit price
   * @param from where the move starts
   * @param lo the lowest price of the move
   * @param hi the highest price of the move
   * @param touch whether reaching the limit is enough (otherwise the price must trade through it)
   * @return the fill price, or {@code NaN} when the move does not reach the order
   */
  public static double limitFill(int sign, double limit, double from, double lo, double hi, boolean touch) {
    if (sign > 0) {
      return (touch ? limit >= lo : limit > lo) ? Math.min(limit, from) : Double.NaN;
    }
    return (touch ? limit <= hi : limit < hi) ? Math.max(limit, from) : Double.NaN;
  }

  /**
   * Whether of two resting orders filling at the same print, the first fills before the second:
   * the one whose limit the price would have reached first (a buy with the higher limit, a sell
   * with the lower), ties by placement order.
   *
   * @param sign {@code +1} for buys, {@code -1} for sells (both orders on one side)
   * @param limitA the first order's limit
   * @param idA the first order's id (placement order)
   * @param limitB the second order's limit
   * @param idB the second order's id
   * @return whether A fills before B
   */
  public static boolean fillsBefore(int sign, double limitA, long idA, double limitB, long idB) {
    if (limitA != limitB) {
      return sign > 0 ? limitA > limitB : limitA < limitB;
    }
    return idA < idB;
  }

  /**
   * The price a market order fills at.
   *
   * @param sign {@code +1} for a buy, {@code -1} for a sell
   * @param reference the reference price (a close, an open, the mark)
   * @param slippage the adverse move as a fraction, {@code >= 0}
   * @return the fill price
   */
  public static double marketFill(int sign, double reference, double slippage) {
    return slippage == 0 ? reference : sign > 0 ? reference * (1.0 + slippage) : reference * (1.0 - slippage);
  }
}
