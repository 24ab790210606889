package dev.nanpin.sizer;

import dev.nanpin.Execution;
import dev.nanpin.Side;

/** A fill for sizer tests. */
record FakeFill(int orderId, int tag, Side side, double price, double quantity, double fee, boolean maker,
    boolean orderComplete, long timeMillis) implements Execution {

  static FakeFill buy(int orderId, long timeMillis) {
    return new FakeFill(orderId, 1, Side.BUY, 100, 1, 0, true, true, timeMillis);
  }
}
