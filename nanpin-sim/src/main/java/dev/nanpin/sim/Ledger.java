package dev.nanpin.sim;

import dev.nanpin.ExitReason;
import dev.nanpin.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The engine's columnar record of one run: fills, closed round trips, refusals and the equity
 * of every bar, in growable primitive arrays that are reused from run to run, so a run
 * allocates nothing per bar once the buffers are large enough. Package-private and not
 * thread-safe: one per engine.
 */
final class Ledger {
  static final byte MAKER = 1;
  static final byte LIQUIDATION = 2;
  /** The fill reduced (or closed, or flipped) the position. */
  static final byte REDUCES = 4;

  // Fills.
  int fills;
  int[] fillIndex = new int[64];
  long[] fillTime = new long[64];
  byte[] fillSide = new byte[64];
  double[] fillPrice = new double[64];
  double[] fillQty = new double[64];
  double[] fillQuote = new double[64];
  double[] fillFee = new double[64];
  int[] fillOrder = new int[64];
  int[] fillTag = new int[64];
  byte[] fillFlags = new byte[64];

  // Closed round trips.
  int trades;
  int[] tradeEntryIndex = new int[16];
  int[] tradeExitIndex = new int[16];
  long[] tradeEntryTime = new long[16];
  long[] tradeExitTime = new long[16];
  double[] tradePnl = new double[16];
  double[] tradeReturn = new double[16];
  int[] tradeEntries = new int[16];
  /** The fill that closed each round trip: the engine records a trade just before its closing fill. */
  int[] tradeExitFill = new int[16];

  // Resting limit orders by order id (ids are dense from 0): where each was placed and left the book.
  int orders;
  int[] orderPlaced = new int[16];
  int[] orderEnd = new int[16];
  byte[] orderSide = new byte[16];
  double[] orderLimit = new double[16];

  // Refusals (rare: objects are fine here).
  final List<BacktestResult.Refusal> refusals = new ArrayList<>();

  // Per bar.
  double[] equity = new double[0];

  void reset(int bars) {
    fills = 0;
    trades = 0;
    orders = 0;
    refusals.clear();
    if (equity.length < bars) {
      equity = new double[bars];
    }
  }

  void addFill(int index, long time, int side, double price, double qty, double quote, double fee, int orderId,
      int tag, byte flags) {
    if (fills == fillIndex.length) {
      int cap = fills * 2;
      fillIndex = Arrays.copyOf(fillIndex, cap);
      fillTime = Arrays.copyOf(fillTime, cap);
      fillSide = Arrays.copyOf(fillSide, cap);
      fillPrice = Arrays.copyOf(fillPrice, cap);
      fillQty = Arrays.copyOf(fillQty, cap);
      fillQuote = Arrays.copyOf(fillQuote, cap);
      fillFee = Arrays.copyOf(fillFee, cap);
      fillOrder = Arrays.copyOf(fillOrder, cap);
      fillTag = Arrays.copyOf(fillTag, cap);
      fillFlags = Arrays.copyOf(fillFlags, cap);
    }
    int k = fills++;
    fillIndex[k] = index;
    fillTime[k] = time;
    fillSide[k] = (byte) side;
    fillPrice[k] = price;
    fillQty[k] = qty;
    fillQuote[k] = quote;
    fillFee[k] = fee;
    fillOrder[k] = orderId;
    fillTag[k] = tag;
    fillFlags[k] = flags;
  }

  /** Records a limit order resting from bar {@code index}; ids not recorded are market orders. */
  void restLimit(int orderId, int index, int side, double limit) {
    if (orderId >= orderPlaced.length) {
      int cap = Math.max(orderId + 1, orderPlaced.length * 2);
      orderPlaced = Arrays.copyOf(orderPlaced, cap);
      orderEnd = Arrays.copyOf(orderEnd, cap);
      orderSide = Arrays.copyOf(orderSide, cap);
      orderLimit = Arrays.copyOf(orderLimit, cap);
    }
    for (int k = orders; k < orderId; k++) {
      orderPlaced[k] = -1; // market orders and refusals in between
    }
    orders = Math.max(orders, orderId + 1);
    orderPlaced[orderId] = index;
    orderEnd[orderId] = -1;
    orderSide[orderId] = (byte) side;
    orderLimit[orderId] = limit;
  }

  /** Records that a resting order left the book (filled or cancelled) in bar {@code index}. */
  void leaveBook(int orderId, int index) {
    if (orderId >= 0 && orderId < orders && orderPlaced[orderId] >= 0) {
      orderEnd[orderId] = index;
    }
  }

  /** @return the fills as records, in fill order (immutable) */
  List<BacktestResult.FillRecord> fillRecords() {
    List<BacktestResult.FillRecord> f = new ArrayList<>(fills);
    for (int k = 0; k < fills; k++) {
      byte flags = fillFlags[k];
      boolean maker = (flags & MAKER) != 0;
      boolean liquidation = (flags & LIQUIDATION) != 0;
      f.add(new BacktestResult.FillRecord(fillIndex[k], fillTime[k], fillSide[k] > 0 ? Side.BUY : Side.SELL,
          fillPrice[k], fillQty[k], fillQuote[k], fillFee[k], fillOrder[k], fillTag[k], maker, liquidation,
          (flags & REDUCES) != 0 ? ExitReason.of(fillTag[k], maker, liquidation) : null));
    }
    return List.copyOf(f);
  }

  /**
   * @param records {@link #fillRecords()}
   * @return the closed round trips as records, each with the exit reason of its closing fill (immutable)
   */
  List<BacktestResult.Trade> tradeRecords(List<BacktestResult.FillRecord> records) {
    List<BacktestResult.Trade> t = new ArrayList<>(trades);
    for (int k = 0; k < trades; k++) {
      int exitFill = tradeExitFill[k];
      t.add(new BacktestResult.Trade(tradeEntryIndex[k], tradeExitIndex[k], tradeEntryTime[k], tradeExitTime[k],
          tradePnl[k], tradeReturn[k], tradeEntries[k],
          exitFill < records.size() ? records.get(exitFill).exitReason() : ExitReason.MARKET_EXIT));
    }
    return List.copyOf(t);
  }

  void addTrade(int entryIndex, int exitIndex, long entryTime, long exitTime, double pnl, double ret, int entries) {
    if (trades == tradeEntryIndex.length) {
      int cap = trades * 2;
      tradeEntryIndex = Arrays.copyOf(tradeEntryIndex, cap);
      tradeExitIndex = Arrays.copyOf(tradeExitIndex, cap);
      tradeEntryTime = Arrays.copyOf(tradeEntryTime, cap);
      tradeExitTime = Arrays.copyOf(tradeExitTime, cap);
      tradePnl = Arrays.copyOf(tradePnl, cap);
      tradeReturn = Arrays.copyOf(tradeReturn, cap);
      tradeEntries = Arrays.copyOf(tradeEntries, cap);
      tradeExitFill = Arrays.copyOf(tradeExitFill, cap);
    }
    int k = trades++;
    tradeEntryIndex[k] = entryIndex;
    tradeExitIndex[k] = exitIndex;
    tradeEntryTime[k] = entryTime;
    tradeExitTime[k] = exitTime;
    tradePnl[k] = pnl;
    tradeReturn[k] = ret;
    tradeEntries[k] = entries;
    tradeExitFill[k] = fills; // the closing fill is the next one added
  }
}
