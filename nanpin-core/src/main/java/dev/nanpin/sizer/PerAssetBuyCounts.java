package dev.nanpin.sizer;

import static dev.nanpin.internal.Checks.notNull;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Buy-count decay across a portfolio: one {@link BuyCountDecaySizer} per asset, all under one
 * window definition (24 h by default) and one list of fractions, so that buys of one asset never
 * shrink the next buy of another, and every asset's count decays by the same rule.
 *
 * <pre>{@code
 * PerAssetBuyCounts counts = PerAssetBuyCounts.daily(List.of(0.10, 0.07, 0.05));
 * Sizer btc = counts.sizer("BTC_USDC_PERP");   // give each symbol's strategy its own
 * Sizer eth = counts.sizer("ETH_USDC_PERP");
 * }</pre>
 *
 * <p>Each asset's history is its sizer's {@link dev.nanpin.Stateful} state. Not thread-safe: one
 * engine thread asks for the sizers and runs them.
 */
public final class PerAssetBuyCounts {
  /** The window of {@link #daily}. */
  public static final Duration DAY = Duration.ofHours(24);

  private final List<Double> fractions;
  private final Duration window;
  private final Map<String, BuyCountDecaySizer> sizers = new LinkedHashMap<>();

  /**
   * Creates the counts.
   *
   * @param fractions the fraction of equity of the 1st, 2nd, ... buy of an asset in the window
   * @param window the rolling window every asset counts in, {@code > 0}
   */
  public PerAssetBuyCounts(List<Double> fractions, Duration window) {
    notNull(fractions, "fractions");
    notNull(window, "window");
    // Validate once, as the sizers will.
    new BuyCountDecaySizer(fractions, window);
    this.fractions = List.copyOf(fractions);
    this.window = window;
  }

  /**
   * Counts within a rolling 24 h window.
   *
   * @param fractions the fraction of equity of the 1st, 2nd, ... buy
   * @return the counts
   */
  public static PerAssetBuyCounts daily(List<Double> fractions) {
    return new PerAssetBuyCounts(fractions, DAY);
  }

  /** @return the window every asset counts in */
  public Duration window() {
    return window;
  }

  /**
   * The sizer of one asset, created on the first ask; the same object on every later ask.
   *
   * @param symbol the asset's symbol
   * @return its sizer
   */
  public BuyCountDecaySizer sizer(String symbol) {
    notNull(symbol, "symbol");
    return sizers.computeIfAbsent(symbol, s -> new BuyCountDecaySizer(fractions, window));
  }

  /**
   * The buys of one asset counted in the window ending at a time.
   *
   * @param symbol the asset's symbol
   * @param timeMillis the end of the window, epoch milliseconds
   * @return the count ({@code 0} for an asset never bought)
   */
  public int buysInWindow(String symbol, long timeMillis) {
    BuyCountDecaySizer s = sizers.get(symbol);
    return s == null ? 0 : s.buysInWindow(timeMillis);
  }
}
