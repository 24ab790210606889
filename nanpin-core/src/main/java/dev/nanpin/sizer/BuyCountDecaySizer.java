package dev.nanpin.sizer;

import static dev.nanpin.internal.Checks.notNull;

import dev.nanpin.AccountView;
import dev.nanpin.ConfigException;
import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizer;
import dev.nanpin.Stateful;
import dev.nanpin.internal.SizerLimits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Smaller buys as buys pile up (the {@code buy-count-decay} plugin): within a rolling window
 * (24 h by default) the first buy gets 10 % of equity, the second 7 %, the third 5 %, and
 * further buys are refused (answer {@code 0}) until the oldest buy leaves the window.
 *
 * <p>A buy is counted when a fill of a new buy order arrives ({@link #onFill}); several fills of
 * one order count once. Reduce-only intents are not limited. One instance tracks one asset: give
 * each strategy (each instrument) its own. The answer is the size for the next buy at the time
 * it is asked, so a ladder whose levels all rest at once gets the first-buy size for each;
 * pair this sizer with a cooldown, or with market entries, to size each buy after the previous.
 *
 * <p>The buy history is {@link Stateful}. Not thread-safe: one engine thread calls it.
 */
public final class BuyCountDecaySizer implements Sizer, Stateful {
  private final double[] fractions;
  private final long windowMillis;
  private final long[] buyTimes;
  private int next;
  private int recorded;
  private int lastOrderId = Integer.MIN_VALUE;

  /**
   * Creates the sizer.
   *
   * @param fractions the fraction of equity of the 1st, 2nd, ... buy in the window, each in (0, 1]
   * @param window the rolling window, {@code > 0}
   */
  public BuyCountDecaySizer(List<Double> fractions, Duration window) {
    notNull(fractions, "fractions");
    notNull(window, "window");
    if (fractions.isEmpty()) {
      throw new IllegalArgumentException("fractions must not be empty");
    }
    if (window.isZero() || window.isNegative()) {
      throw new IllegalArgumentException("window must be > 0: " + window);
    }
    this.fractions = new double[fractions.size()];
    for (int i = 0; i < fractions.size(); i++) {
      Sizers.checkFraction(fractions.get(i), "fractions[" + i + "]");
      this.fractions[i] = fractions.get(i);
    }
    this.windowMillis = window.toMillis();
    this.buyTimes = new long[fractions.size()];
  }

  /**
   * The number of buys counted inside the window ending at a time.
   *
   * @param timeMillis the end of the window, epoch milliseconds
   * @return the count, at most the number of fractions
   */
  public int buysInWindow(long timeMillis) {
    int count = 0;
    for (int i = 0; i < recorded; i++) {
      if (buyTimes[i] > timeMillis - windowMillis) {
        count++;
      }
    }
    return count;
  }

  @Override
  public double quoteSize(OrderIntent intent, double price, AccountView account, long timeMillis) {
    if (intent.reduceOnly() || intent.side() != Side.BUY) {
      return SizerLimits.cap(fractions[0] * Math.max(0, account.equity()), intent, account, 1);
    }
    int count = buysInWindow(timeMillis);
    if (count >= fractions.length) {
      return 0;
    }
    return SizerLimits.cap(fractions[count] * Math.max(0, account.equity()), intent, account, 1);
  }

  @Override
  public void onFill(Execution fill, AccountView account) {
    if (fill.side() != Side.BUY || fill.orderId() == lastOrderId) {
      return;
    }
    lastOrderId = fill.orderId();
    // The ring keeps the latest buys, as many as there are fractions: enough to tell whether
    // the window is full.
    buyTimes[next] = fill.timeMillis();
    next = (next + 1) % buyTimes.length;
    recorded = Math.min(recorded + 1, buyTimes.length);
  }

  @Override
  public Map<String, String> saveState() {
    Map<String, String> m = new LinkedHashMap<>();
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < recorded; i++) {
      // Oldest first.
      int j = (next - recorded + i + buyTimes.length) % buyTimes.length;
      if (i > 0) {
        sb.append(',');
      }
      sb.append(buyTimes[j]);
    }
    m.put("buyTimes", sb.toString());
    m.put("lastOrderId", Integer.toString(lastOrderId));
    return m;
  }

  @Override
  public void restoreState(Map<String, String> state) {
    notNull(state, "state");
    String times = state.getOrDefault("buyTimes", "");
    long[] parsed;
    int last;
    try {
      String[] parts = times.isEmpty() ? new String[0] : times.split(",");
      parsed = new long[parts.length];
      for (int i = 0; i < parts.length; i++) {
        parsed[i] = Long.parseLong(parts[i].trim());
      }
      last = Integer.parseInt(state.getOrDefault("lastOrderId", Integer.toString(Integer.MIN_VALUE)));
    } catch (NumberFormatException e) {
      throw new ConfigException("buyTimes", "unreadable buy-count-decay state: " + state);
    }
    int keep = Math.min(parsed.length, buyTimes.length);
    recorded = 0;
    next = 0;
    for (int i = parsed.length - keep; i < parsed.length; i++) {
      buyTimes[next] = parsed[i];
      next = (next + 1) % buyTimes.length;
      recorded++;
    }
    lastOrderId = last;
  }
}
