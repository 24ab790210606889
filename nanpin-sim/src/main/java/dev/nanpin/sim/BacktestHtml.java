package dev.nanpin.sim;

import dev.nanpin.Side;
import dev.nanpin.sim.report.HtmlReport;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the HTML report of a backtest from its result ({@link BacktestResult#toHtml}). The
 * position is replayed from the fills to draw the average entry and to tell each round trip's
 * average entry, exit price and exit reason. Stateless.
 */
final class BacktestHtml {
  private BacktestHtml() {}

  /** A round trip as the report shows it. */
  private record RoundTrip(int entryIndex, int exitIndex, int entries, double averageEntry, double exitPrice,
      String reason, double pnl, double returnFraction) {}

  /** The report; {@code phases} adds a phase chart after the price chart when not {@code null}. */
  static HtmlReport of(BacktestResult res, String title, String subtitle, Assumptions assumptions,
      HtmlReport.Phases phases) {
    Report r = res.report();
    BarData data = res.data();
    int n = data.size();
    long[] time = new long[n];
    double[] close = new double[n];
    for (int i = 0; i < n; i++) {
      time[i] = data.timeMillis(i);
      close[i] = data.close(i);
    }
    List<BacktestResult.FillRecord> fills = res.fills();
    int[] fillBars = new int[fills.size()];
    double[] fillPrices = new double[fills.size()];
    boolean[] buys = new boolean[fills.size()];
    for (int k = 0; k < fills.size(); k++) {
      fillBars[k] = fills.get(k).index();
      fillPrices[k] = fills.get(k).price();
      buys[k] = fills.get(k).side() == Side.BUY;
    }
    List<HtmlReport.Segment> segments = new ArrayList<>();
    for (BacktestResult.OrderRecord o : res.orders()) {
      segments.add(new HtmlReport.Segment(o.placedIndex(), o.endIndex() < 0 ? n - 1 : o.endIndex(), o.limit(),
          o.side() == Side.BUY ? "buy" : "sell"));
    }
    List<RoundTrip> trips = replay(res, segments);
    double[] tradeReturns = new double[res.trades().size()];
    for (int k = 0; k < tradeReturns.length; k++) {
      tradeReturns[k] = res.trades().get(k).returnFraction();
    }
    double[] buyAndHold = new double[n];
    if (n > 0) {
      double units = r.startEquity() / (data.open(0) * (1.0 + res.config().takerFeeBps() / 10_000.0));
      for (int i = 0; i < n; i++) {
        buyAndHold[i] = units * close[i];
      }
    }

    HtmlReport.Builder b = HtmlReport.builder(title).subtitle(subtitle);
    b.headline(List.of(
        new HtmlReport.Figure("Return over " + String.format(Locale.ROOT, "%.1f", r.spanDays()) + " days",
            pct(r.totalReturn()), "final equity over the capital, minus one"),
        new HtmlReport.Figure("Buy and hold, same capital", pct(r.buyAndHoldReturn()), "all in at the first open"),
        new HtmlReport.Figure("Max drawdown (mark-to-market)", pct(r.maxDrawdown()), null)));
    if (!r.annualised()) {
      b.note(String.format(Locale.ROOT, "This run spans %.1f days, fewer than %.0f: the annualised figures (CAGR, "
          + "Sharpe, Sortino, Calmar) are extrapolated from a short window and are not results.", r.spanDays(),
          r.minAnnualisedDays()));
    }
    if (!assumptions.entries().isEmpty()) {
      b.assumptions(assumptions.entries(), assumptions.toJson(""));
    }
    b.figures("Result", figures(r));
    b.priceChart("price", "Price, levels and fills", time, close, n, segments,
        fillBars, fillPrices, buys);
    if (phases != null) {
      b.phaseChart("phases", time, close, n, phases);
    }
    b.equityChart("equity", "Equity", time, res.equity(), n,
        fillBars, buys, fillBars.length, buyAndHold, "buy and hold");
    b.table("Round trips", List.of("entry", "exit", "levels", "average entry", "exit price", "exit reason", "P&L",
        "return"), tripRows(trips, time));
    b.table("Monthly returns (mark-to-market equity, month end over previous month end)", List.of("month", "return",
        "buy and hold"), monthRows(time, res.equity(), buyAndHold, r.startEquity(), n));
    b.axes("return on the trade's peak capital", "trades")
        .histogram("trade-returns", "Return of each closed trade", tradeReturns, 30, true, 0.0);
    return b.build();
  }

  private static List<HtmlReport.Figure> figures(Report r) {
    String x = r.annualised() ? "" : " (extrapolated)";
    List<HtmlReport.Figure> figs = new ArrayList<>(List.of(
        fig("Total return over " + String.format(Locale.ROOT, "%.1f", r.spanDays()) + " days", pct(r.totalReturn())),
        fig("Buy and hold, same capital", pct(r.buyAndHoldReturn())),
        fig("Return on the capital actually used (peak " + money(r.peakCapitalInUse()) + ")",
            pct(r.returnOnCapitalDeployed())),
        fig("Max drawdown (mark-to-market / realised)", pct(r.maxDrawdown()) + " / " + pct(r.maxDrawdownRealised())),
        fig("CAGR" + x, pct(r.cagr())),
        fig("Sharpe / Sortino / Calmar" + x, String.format(Locale.ROOT, "%.2f / %.2f / %.2f", r.sharpe(),
            r.sortino(), r.calmar())),
        fig("Closed trades / fills", r.closedTrades() + " / " + r.fills()),
        fig("Win rate / profit factor (closed trades)", pct(r.winRate()) + " / "
            + ReportWriter.profitFactor(r.profitFactor()))));
    if (r.openTrade()) {
      figs.add(fig("Open position P&L at the last close", money(r.openTradePnl())));
      figs.add(fig("Win rate / profit factor (open position marked as closed)", pct(r.winRateMarked()) + " / "
          + ReportWriter.profitFactor(r.profitFactorMarked())));
    }
    figs.addAll(List.of(
        fig("Max ladder depth", Integer.toString(r.maxLadderDepth())),
        fig("Fees / funding paid", money(r.feesPaid()) + " / " + money(r.fundingPaid())),
        fig("Final equity", money(r.finalEquity()))));
    return figs;
  }

  /**
   * Replays the position from the fills: adds the average entry's segments and returns the round
   * trips with their average entry, exit price and exit reason (the open one last, "end of data").
   */
  private static List<RoundTrip> replay(BacktestResult res, List<HtmlReport.Segment> segments) {
    List<BacktestResult.FillRecord> fills = res.fills();
    List<BacktestResult.Trade> trades = res.trades();
    int n = res.data().size();
    List<RoundTrip> out = new ArrayList<>();
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
          String reason = f.liquidation() ? "liquidation" : f.maker() ? "take-profit (resting limit)"
              : "market exit (stop, trailing, emergency or another rule)";
          out.add(new RoundTrip(entryIndex, f.index(), entries, avgBefore, f.price(), reason,
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
      int next = k + 1 < fills.size() ? fills.get(k + 1).index() : n - 1;
      if (q != 0) {
        segments.add(new HtmlReport.Segment(f.index(), next, cost / Math.abs(q), "avg"));
      }
    }
    if (q != 0 && n > 0) {
      Report r = res.report();
      out.add(new RoundTrip(entryIndex, -1, entries, cost / Math.abs(q), res.data().close(n - 1),
          "end of data (open, marked at the last close)", r.openTradePnl(), Double.NaN));
    }
    return out;
  }

  private static List<List<String>> tripRows(List<RoundTrip> trips, long[] time) {
    List<List<String>> rows = new ArrayList<>();
    // the last 500 round trips at most: the fills CSV has them all
    for (int k = Math.max(0, trips.size() - 500); k < trips.size(); k++) {
      RoundTrip t = trips.get(k);
      rows.add(List.of(day(time[t.entryIndex()]), t.exitIndex() < 0 ? "open" : day(time[t.exitIndex()]),
          Integer.toString(t.entries()), price(t.averageEntry()), price(t.exitPrice()), t.reason(), money(t.pnl()),
          Double.isNaN(t.returnFraction()) ? "" : pct(t.returnFraction())));
    }
    return rows;
  }

  private static List<List<String>> monthRows(long[] time, double[] equity, double[] bench, double capital, int n) {
    List<List<String>> rows = new ArrayList<>();
    double prev = capital;
    double prevBench = capital;
    for (int i = 0; i < n; i++) {
      boolean monthEnd = i == n - 1 || !month(time[i]).equals(month(time[i + 1]));
      if (monthEnd) {
        rows.add(List.of(month(time[i]).toString(), pct(equity[i] / prev - 1.0), pct(bench[i] / prevBench - 1.0)));
        prev = equity[i];
        prevBench = bench[i];
      }
    }
    return rows;
  }

  private static YearMonth month(long millis) {
    return YearMonth.from(Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC));
  }

  private static String day(long millis) {
    return Instant.ofEpochMilli(millis).toString().substring(0, 16).replace('T', ' ');
  }

  private static HtmlReport.Figure fig(String label, String value) {
    return new HtmlReport.Figure(label, value, null);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v * 100);
  }

  private static String money(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.2f", v);
  }

  private static String price(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.2f" : "%.6g", v);
  }
}
