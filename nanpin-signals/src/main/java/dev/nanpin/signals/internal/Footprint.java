package dev.nanpin.signals.internal;

import java.util.Arrays;

/**
 * The footprint of one bar: taker-sell ("bid") and taker-buy ("ask") volume per price level, in
 * dense primitive arrays that are reused from bar to bar (they grow, amortised, when a bar spans
 * more levels than any before).
 *
 * <p>Not thread-safe.
 */
public final class Footprint {
  /** The most levels one bar may span: beyond this the tick is far too fine for the market. */
  static final int MAX_LEVELS = 1_000_000;
  private final double fixedTick;
  private double tick;
  private double[] bid = new double[256];
  private double[] ask = new double[256];
  private long base;
  private boolean any;
  private long lo;
  private long hi;
  private int buyImbalances;
  private int sellImbalances;
  private int longestBuyRun;
  private int longestSellRun;

  /** @param tick the level width in quote units; 0 picks a power of ten near 1/10 000 of the first price */
  public Footprint(double tick) {
    if (!(tick >= 0) || !Double.isFinite(tick)) {
      throw new IllegalArgumentException("tick must be >= 0: " + tick);
    }
    this.fixedTick = tick;
    this.tick = tick;
  }

  /**
   * Adds one trade.
   *
   * @param price the price, {@code > 0}
   * @param quantity the quantity
   * @param buyer whether the taker bought
   */
  public void add(double price, double quantity, boolean buyer) {
    if (tick == 0) {
      tick = Math.pow(10, Math.floor(Math.log10(price * 1e-4)));
    }
    long k = (long) Math.floor(price / tick);
    if (!any) {
      base = k - bid.length / 2;
      lo = k;
      hi = k;
      any = true;
    } else {
      lo = Math.min(lo, k);
      hi = Math.max(hi, k);
    }
    if (hi - lo >= MAX_LEVELS) {
      throw new IllegalArgumentException("a bar's trades span more than %d footprint levels of %s: raise footprintTick"
          .formatted(MAX_LEVELS, tick));
    }
    if (k < base || k >= base + bid.length) {
      grow();
    }
    int at = (int) (k - base);
    if (buyer) {
      ask[at] += quantity;
    } else {
      bid[at] += quantity;
    }
  }

  private void grow() {
    int span = (int) (hi - lo + 1);
    int size = Math.max(bid.length * 2, span * 2);
    double[] nb = new double[size];
    double[] na = new double[size];
    long newBase = lo - (size - span) / 2;
    // Copy the overlap of the old array with the new one (the old occupied levels lie in both).
    for (long k = Math.max(lo, base); k <= Math.min(hi, base + bid.length - 1); k++) {
      nb[(int) (k - newBase)] = bid[(int) (k - base)];
      na[(int) (k - newBase)] = ask[(int) (k - base)];
    }
    bid = nb;
    ask = na;
    base = newBase;
  }

  /**
   * Counts the diagonal imbalances and the longest runs of consecutive imbalanced levels.
   *
   * @param ratio the imbalance ratio
   * @param minVolume the least volume of the dominating side at a level
   */
  public void imbalances(double ratio, double minVolume) {
    buyImbalances = 0;
    sellImbalances = 0;
    longestBuyRun = 0;
    longestSellRun = 0;
    if (!any) {
      return;
    }
    int buyRun = 0;
    int sellRun = 0;
    for (long k = lo; k <= hi; k++) {
      int at = (int) (k - base);
      double a = ask[at];
      double b = bid[at];
      // The outermost levels have no diagonal partner inside the bar: they are never imbalanced.
      boolean buyImb = k > lo && a > 0 && a >= minVolume && a >= ratio * bid[at - 1];
      boolean sellImb = k < hi && b > 0 && b >= minVolume && b >= ratio * ask[at + 1];
      buyRun = buyImb ? buyRun + 1 : 0;
      sellRun = sellImb ? sellRun + 1 : 0;
      buyImbalances += buyImb ? 1 : 0;
      sellImbalances += sellImb ? 1 : 0;
      longestBuyRun = Math.max(longestBuyRun, buyRun);
      longestSellRun = Math.max(longestSellRun, sellRun);
    }
  }

  /** @return buy-imbalanced levels found by the last {@link #imbalances} */
  public int buyImbalances() {
    return buyImbalances;
  }

  /** @return sell-imbalanced levels found by the last {@link #imbalances} */
  public int sellImbalances() {
    return sellImbalances;
  }

  /** @return the longest run of consecutive buy-imbalanced levels */
  public int longestBuyRun() {
    return longestBuyRun;
  }

  /** @return the longest run of consecutive sell-imbalanced levels */
  public int longestSellRun() {
    return longestSellRun;
  }

  /** @return {@code {price, bid, ask}} rows of the occupied levels, lowest first (level floor prices) */
  public double[][] rows() {
    if (!any) {
      return new double[0][];
    }
    double[][] out = new double[(int) (hi - lo + 1)][];
    for (long k = lo; k <= hi; k++) {
      int at = (int) (k - base);
      out[(int) (k - lo)] = new double[] {k * tick, bid[at], ask[at]};
    }
    return out;
  }

  /** Empties the levels for the next bar; an automatic tick is chosen again from its first trade. */
  public void clear() {
    if (any) {
      Arrays.fill(bid, (int) (lo - base), (int) (hi - base + 1), 0.0);
      Arrays.fill(ask, (int) (lo - base), (int) (hi - base + 1), 0.0);
    }
    any = false;
    tick = fixedTick;
  }
}
