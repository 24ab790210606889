package dev.nanpin;

/**
 * The engine's live view of the account, in the quote currency, as {@code double}s for the
 * signal and sizing maths. The engine owns the account; strategies and sizers only read it.
 *
 * <p>Values change as events are processed: read them inside a callback, do not cache them.
 */
public interface AccountView {
  /** @return equity at the current mark price: cash plus position value (spot) or margin balance plus unrealised P&amp;L (perps) */
  double equity();

  /** @return free quote balance on spot; on perps, the same as {@link #freeMargin()} */
  double cash();

  /** @return the margin (or cash) available for new orders, {@code >= 0} */
  double freeMargin();

  /** @return collateral counted as margin (perps) or cash plus holdings (spot) */
  double collateral();

  /** @return quote capital tied up in the position and in resting buy orders, {@code >= 0} */
  double capitalInUse();

  /** @return the signed base quantity of the position on the strategy's instrument */
  double positionQuantity();

  /** @return the average entry price of the position, {@code 0} when flat */
  double averageEntryPrice();

  /** @return the number of entry fills since the position was last flat (the ladder depth) */
  int entryCount();

  /** @return the maker fee as a fraction (10 bps = {@code 0.001}) */
  double makerFeeRate();

  /** @return the taker fee as a fraction */
  double takerFeeRate();
}
