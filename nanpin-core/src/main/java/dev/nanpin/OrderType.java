package dev.nanpin;

/** How an order is priced. */
public enum OrderType {
  /** Fills at the best available price, taker fee. */
  MARKET,
  /** Fills only at the limit price or better. */
  LIMIT
}
