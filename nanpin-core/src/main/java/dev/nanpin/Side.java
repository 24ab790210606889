package dev.nanpin;

/** The side of an order or a fill. */
public enum Side {
  /** Buy the base asset, pay the quote asset. */
  BUY,
  /** Sell the base asset, receive the quote asset. */
  SELL;

  /** @return the other side */
  public Side opposite() {
    return this == BUY ? SELL : BUY;
  }

  /** @return {@code +1} for {@link #BUY}, {@code -1} for {@link #SELL} */
  public int sign() {
    return this == BUY ? 1 : -1;
  }
}
