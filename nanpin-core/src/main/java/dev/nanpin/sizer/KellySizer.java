package dev.nanpin.sizer;

import dev.nanpin.AccountView;
import dev.nanpin.ConfigException;
import dev.nanpin.OrderIntent;
import dev.nanpin.Sizer;
import dev.nanpin.Stateful;
import dev.nanpin.internal.SizerLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Fractional Kelly sizing from the closed trades seen so far (the {@code kelly} plugin).
 *
 * <p>With win rate {@code p}, loss rate {@code q = 1 - p} and win/loss ratio {@code b} (the mean
 * winning return over the mean losing return), the Kelly fraction is {@code f = (b p - q) / b}.
 * The sizer bets {@code clamp(f * fraction, 0, cap)} of equity (times the leverage as notional).
 * Below {@code minTrades} closed trades it answers {@code baseFraction} of equity instead, since
 * a handful of trades says little about the edge. A trade with a zero return counts as a loss
 * of nothing: it lowers {@code p} without changing {@code b}. With no losing trade yet {@code b}
 * is unbounded and {@code f = p}.
 *
 * <p>The trade record is {@link Stateful}. Not thread-safe: one engine thread calls it.
 */
public final class KellySizer implements Sizer, Stateful {
  private final double fraction;
  private final double cap;
  private final int minTrades;
  private final double baseFraction;
  private final double leverage;
  private long trades;
  private long wins;
  private double sumWin;
  private double sumLoss;

  /**
   * Creates the sizer.
   *
   * @param fraction the share of the Kelly fraction bet, {@code 0 < fraction <= 1} (0.25 is quarter Kelly)
   * @param cap the largest fraction of equity bet, {@code 0 < cap <= 1}
   * @param minTrades the closed trades needed before Kelly is used, {@code >= 1}
   * @param baseFraction the fraction of equity bet before that, {@code 0 < baseFraction <= cap}
   * @param leverage the notional per unit of margin, {@code >= 1}
   */
  public KellySizer(double fraction, double cap, int minTrades, double baseFraction, double leverage) {
    Sizers.checkFraction(fraction, "fraction");
    Sizers.checkFraction(cap, "cap");
    Sizers.checkFraction(baseFraction, "baseFraction");
    if (baseFraction > cap) {
      throw new IllegalArgumentException("baseFraction %s exceeds cap %s".formatted(baseFraction, cap));
    }
    if (minTrades < 1) {
      throw new IllegalArgumentException("minTrades must be >= 1: " + minTrades);
    }
    Sizers.checkLeverage(leverage);
    this.fraction = fraction;
    this.cap = cap;
    this.minTrades = minTrades;
    this.baseFraction = baseFraction;
    this.leverage = leverage;
  }

  /**
   * The fraction of equity the next order would use, before the free-margin cap.
   *
   * @return a value in {@code [0, cap]}
   */
  public double currentFraction() {
    if (trades < minTrades) {
      return baseFraction;
    }
    if (wins == 0) {
      return 0;
    }
    double p = (double) wins / trades;
    double q = 1 - p;
    long losses = trades - wins;
    double f;
    if (losses == 0 || sumLoss <= 0) {
      f = p;
    } else {
      double b = (sumWin / wins) / (sumLoss / losses);
      f = b > 0 ? (b * p - q) / b : 0;
    }
    double bet = f * fraction;
    if (!(bet > 0)) {
      return 0;
    }
    return Math.min(cap, bet);
  }

  /** @return the number of closed trades recorded */
  public long trades() {
    return trades;
  }

  @Override
  public double quoteSize(OrderIntent intent, double price, AccountView account, long timeMillis) {
    double answer = currentFraction() * Math.max(0, account.equity()) * leverage;
    return SizerLimits.cap(answer, intent, account, leverage);
  }

  @Override
  public void onTradeClosed(double pnl, double returnFraction) {
    if (!Double.isFinite(returnFraction)) {
      return;
    }
    trades++;
    if (returnFraction > 0) {
      wins++;
      sumWin += returnFraction;
    } else {
      sumLoss += -returnFraction;
    }
  }

  @Override
  public Map<String, String> saveState() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("trades", Long.toString(trades));
    m.put("wins", Long.toString(wins));
    m.put("sumWin", Double.toString(sumWin));
    m.put("sumLoss", Double.toString(sumLoss));
    return m;
  }

  @Override
  public void restoreState(Map<String, String> state) {
    try {
      long t = Long.parseLong(state.getOrDefault("trades", "0"));
      long w = Long.parseLong(state.getOrDefault("wins", "0"));
      double sw = Double.parseDouble(state.getOrDefault("sumWin", "0"));
      double sl = Double.parseDouble(state.getOrDefault("sumLoss", "0"));
      if (t < 0 || w < 0 || w > t || !(sw >= 0) || !(sl >= 0)) {
        throw new ConfigException("trades", "inconsistent kelly state: " + state);
      }
      trades = t;
      wins = w;
      sumWin = sw;
      sumLoss = sl;
    } catch (NumberFormatException e) {
      throw new ConfigException("trades", "unreadable kelly state: " + state);
    }
  }
}
