package dev.nanpin;

import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/**
 * A snapshot of a market's depth.
 *
 * @param symbol the venue symbol
 * @param bids bid levels, best (highest) first, strictly decreasing prices
 * @param asks ask levels, best (lowest) first, strictly increasing prices
 * @param lastUpdateId the venue's sequence number of this snapshot, or {@code -1} when unknown
 * @param time when the venue produced the snapshot
 */
public record OrderBook(String symbol, List<Level> bids, List<Level> asks, long lastUpdateId, Instant time) {

  /** Validates the ordering of the levels and that the book is not crossed. */
  public OrderBook {
    notBlank(symbol, "symbol");
    bids = List.copyOf(notNull(bids, "bids"));
    asks = List.copyOf(notNull(asks, "asks"));
    notNull(time, "time");
    for (int i = 1; i < bids.size(); i++) {
      if (bids.get(i).price().compareTo(bids.get(i - 1).price()) >= 0) {
        throw new IllegalArgumentException("bids of " + symbol + " must strictly decrease at level " + i);
      }
    }
    for (int i = 1; i < asks.size(); i++) {
      if (asks.get(i).price().compareTo(asks.get(i - 1).price()) <= 0) {
        throw new IllegalArgumentException("asks of " + symbol + " must strictly increase at level " + i);
      }
    }
    if (!bids.isEmpty() && !asks.isEmpty() && bids.get(0).price().compareTo(asks.get(0).price()) >= 0) {
      throw new IllegalArgumentException("crossed book for " + symbol + ": best bid "
          + bids.get(0).price().toPlainString() + " >= best ask " + asks.get(0).price().toPlainString());
    }
  }

  /**
   * One price level.
   *
   * @param price the price, {@code > 0}
   * @param quantity the resting quantity in base units, {@code > 0}
   */
  public record Level(BigDecimal price, BigDecimal quantity) {
    /** Validates and normalises. */
    public Level {
      price = positive(price, "price");
      quantity = positive(quantity, "quantity");
    }
  }
}
