package dev.nanpin.sim;

import dev.nanpin.ExitReason;
import dev.nanpin.Side;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Replays a backtest's position from its fills, for the reports: each round trip's average entry,
 * exit price and exit reason, and the average entry after every fill. The exit reasons are the
 * engine's (each closed {@link BacktestResult.Trade}'s); the replay only adds the prices.
 * Stateless.
 */
final class PositionReplay {
  private PositionReplay() {}

  /**
   * The round trips, the position open at the end last.
   *
   * @param fills every fill in order
   * @param trades the closed round trips in order
   * @param data the bars
   * @param report the figures (for the open position's P&amp;L)
   * @param averageAfter filled with the average entry after each fill ({@code NaN} when flat)
   * @return the round trips
   */
  static List<BacktestResult.RoundTrip> roundTrips(List<BacktestResult.FillRecord> fills,
      List<BacktestResult.Trade> trades, BarData data, Report report, double[] averageAfter) {
    int n = data.size();
    List<BacktestResult.RoundTrip> out = new ArrayList<>();
    Arrays.fill(averageAfter, Double.NaN);
    double q = 0;
    double cost = 0;
    int entries = 0;
    int entryIndex = 0;
    for (int k = 0; k < fills.size(); k++) {
      BacktestResult.FillRecord f = fills.get(k);
      int sign = f.side() == Side.BUY ? 1 : -1;
      double avgBefore = q == 0 ? 0 : cost / Math.abs(q);
      if (q == 0 || (q > 0) == (sign > 0)) {
        if (q == 0) {
          entryIndex = f.index();
          entries = 0;
        }
        q += sign * f.quantity();
        cost += f.quote();
        entries++;
      } else {
        double closeQty = Math.min(f.quantity(), Math.abs(q));
        cost -= avgBefore * closeQty;
        q += sign * closeQty;
        if (Math.abs(q) <= 1e-12 * Math.max(1, closeQty)) {
          BacktestResult.Trade t = out.size() < trades.size() ? trades.get(out.size()) : null;
          ExitReason reason = t != null && t.exitReason() != null ? t.exitReason()
              : f.exitReason() != null ? f.exitReason() : ExitReason.of(f.tag(), f.maker(), f.liquidation());
          out.add(new BacktestResult.RoundTrip(entryIndex, f.index(), entries, avgBefore, f.price(), reason,
              t == null ? Double.NaN : t.pnl(), t == null ? Double.NaN : t.returnFraction()));
          q = 0;
          cost = 0;
          double rest = f.quantity() - closeQty;
          if (rest > 0) {
            q = sign * rest;
            cost = rest * f.price();
            entryIndex = f.index();
            entries = 1;
          }
        }
      }
      if (q != 0) {
        averageAfter[k] = cost / Math.abs(q);
      }
    }
    if (q != 0 && n > 0) {
      out.add(new BacktestResult.RoundTrip(entryIndex, -1, entries, cost / Math.abs(q), data.close(n - 1),
          ExitReason.OPEN_AT_END, report.openTradePnl(), Double.NaN));
    }
    return List.copyOf(out);
  }
}
