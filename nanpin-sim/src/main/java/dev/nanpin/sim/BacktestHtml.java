package dev.nanpin.sim;

import dev.nanpin.ExitReason;
import dev.nanpin.Side;
import dev.nanpin.sim.report.HtmlReport;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Builds the HTML report of a backtest from its result ({@link BacktestResult#toHtml}): the
 * average entry line and the round trips come from {@link BacktestResult#roundTrips()}, the exit
 * reasons table from {@link BacktestResult#exitSummary()}. Stateless.
 */
final class BacktestHtml {
  private BacktestHtml() {}

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
    for (int k = 0; k < fills.size(); k++) {
      double avg = res.averageAfterFill(k);
      if (!Double.isNaN(avg)) {
        int next = k + 1 < fills.size() ? fills.get(k + 1).index() : n - 1;
        segments.add(new HtmlReport.Segment(fills.get(k).index(), next, avg, "avg"));
      }
    }
    List<BacktestResult.RoundTrip> trips = res.roundTrips();
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
    b.table("Exit reasons", List.of("exit reason", "round trips", "P&L", "mean return"), exitRows(res.exitSummary()));
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

  private static List<List<String>> tripRows(List<BacktestResult.RoundTrip> trips, long[] time) {
    List<List<String>> rows = new ArrayList<>();
    // the last 500 round trips at most: the round-trips CSV has them all
    for (int k = Math.max(0, trips.size() - 500); k < trips.size(); k++) {
      BacktestResult.RoundTrip t = trips.get(k);
      String reason = t.exitReason() == ExitReason.OPEN_AT_END ? "open at end of data (marked at the last close)"
          : t.exitReason().label();
      rows.add(List.of(day(time[t.entryIndex()]), t.exitIndex() < 0 ? "open" : day(time[t.exitIndex()]),
          Integer.toString(t.entries()), price(t.averageEntry()), price(t.exitPrice()), reason, money(t.pnl()),
          Double.isNaN(t.returnFraction()) ? "" : pct(t.returnFraction())));
    }
    return rows;
  }

  private static List<List<String>> exitRows(List<BacktestResult.ExitSummary> summary) {
    List<List<String>> rows = new ArrayList<>();
    for (BacktestResult.ExitSummary e : summary) {
      rows.add(List.of(e.reason().label(), Integer.toString(e.count()), money(e.pnl()),
          Double.isNaN(e.averageReturn()) ? "" : pct(e.averageReturn())));
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

  static String day(long millis) {
    return Instant.ofEpochMilli(millis).toString().substring(0, 16).replace('T', ' ');
  }

  static HtmlReport.Figure fig(String label, String value) {
    return new HtmlReport.Figure(label, value, null);
  }

  static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f %%", v * 100);
  }

  static String money(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.2f", v);
  }

  static String price(double v) {
    return String.format(Locale.ROOT, Math.abs(v) >= 100 ? "%,.2f" : "%.6g", v);
  }
}
