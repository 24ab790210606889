package dev.nanpin.sim;

import static dev.nanpin.sim.BacktestHtml.day;
import static dev.nanpin.sim.BacktestHtml.fig;
import static dev.nanpin.sim.BacktestHtml.money;
import static dev.nanpin.sim.BacktestHtml.pct;
import static dev.nanpin.sim.BacktestHtml.price;

import dev.nanpin.Side;
import dev.nanpin.sim.BacktestResult.FillRecord;
import dev.nanpin.sim.portfolio.PortfolioReport;
import dev.nanpin.sim.portfolio.PortfolioResult;
import dev.nanpin.sim.report.HtmlReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Builds the HTML report of a portfolio backtest ({@link PortfolioReportWriter#html}) from the
 * single-symbol report's building blocks: the headline, the assumptions block, the equity chart
 * with its drawdown, and tables; plus what only a portfolio has: capital in use, P&amp;L and
 * exposure by symbol over time, and the correlation matrix of the symbols' returns. Stateless.
 */
final class PortfolioHtml {
  /** Fills listed per symbol at most; the fills CSV has them all. */
  static final int MAX_FILL_ROWS = 500;

  private PortfolioHtml() {}

  static HtmlReport of(PortfolioResult res, String title, String subtitle, Assumptions assumptions) {
    PortfolioReport r = res.report();
    long[] time = res.times();
    int n = time.length;
    List<String> symbols = res.symbols();

    HtmlReport.Builder b = HtmlReport.builder(title).subtitle(subtitle);
    b.headline(List.of(
        new HtmlReport.Figure("Return over " + String.format(Locale.ROOT, "%.1f", r.spanDays()) + " days",
            pct(r.totalReturn()), "final equity over the shared capital, minus one"),
        new HtmlReport.Figure("Equal-split buy and hold", pct(equalSplitBuyAndHold(r)),
            "the capital split equally over the symbols, each part all in at its symbol's first open, no fees"),
        new HtmlReport.Figure("Max drawdown (mark-to-market)", pct(r.maxDrawdown()), null),
        new HtmlReport.Figure("Peak capital in use", money(r.peakCapitalInUse()),
            "the most capital in use at once over all symbols: spot cost or perp margin plus resting reservations")));
    if (!r.annualised()) {
      b.note(String.format(Locale.ROOT, "This run spans %.1f days, fewer than %.0f: annualised figures (CAGR, "
          + "Sharpe) are not shown.", r.spanDays(), r.minAnnualisedDays()));
    }
    if (r.liquidations() > 0) {
      b.note(r.liquidations() + " cross-margin liquidation(s): see the fills marked liquidation below.");
    }
    if (!assumptions.entries().isEmpty()) {
      b.assumptions(assumptions.entries(), assumptions.toJson(""));
    }
    b.figures("Portfolio", figures(r));

    int[] fillBars = new int[r.fills()];
    boolean[] buys = new boolean[r.fills()];
    int m = 0;
    for (String s : symbols) {
      for (FillRecord f : res.fills(s)) {
        // a fill's time is its symbol's bar, which is a timestamp of the merged timeline
        fillBars[m] = Math.max(0, Arrays.binarySearch(time, f.timeMillis()));
        buys[m++] = f.side() == Side.BUY;
      }
    }
    b.equityChart("equity", "Portfolio equity (every symbol's fills marked)", time, res.equity(), n, fillBars, buys, m);

    List<String> capNames = new ArrayList<>(List.of("total"));
    List<double[]> capSeries = new ArrayList<>(List.of(res.capitalInUse()));
    List<double[]> pnl = new ArrayList<>();
    List<double[]> exposure = new ArrayList<>();
    for (String s : symbols) {
      capNames.add(s);
      capSeries.add(res.capitalInUse(s));
      pnl.add(res.pnl(s));
      exposure.add(res.exposure(s));
    }
    b.axes("date", "quote").lines("capital-in-use", "Capital in use: total and by symbol", time, n, capNames,
        capSeries, false);
    b.axes("date", "P&L (quote)").lines("symbol-pnl", "P&L by symbol (cash flow plus holding value)", time, n,
        symbols, pnl, false);
    b.axes("date", "notional (quote)").lines("symbol-exposure", "Exposure by symbol: position notional at its last "
        + "price", time, n, symbols, exposure, false);

    b.table("Symbols", List.of("symbol", "bars", "missing", "idle", "fills", "refused", "closed trades", "win rate",
        "P&L", "fees", "funding", "max DD", "exposure", "peak capital", "depth", "buy and hold"), symbolRows(r));
    b.note("missing: bars missing in the symbol's own series; idle: timestamps of the merged timeline within its span "
        + "without a bar of it (no fill, no onBar, valued at its last price there); max DD: the largest fall of its "
        + "P&L from a peak, a share of the capital; exposure: the share of its bars with a position open.");

    correlation(b, r, symbols);

    for (String s : symbols) {
      List<FillRecord> fills = res.fills(s);
      String heading = fills.size() > MAX_FILL_ROWS
          ? "Fills of %s (the last %d of %d; fills.csv has them all)".formatted(s, MAX_FILL_ROWS, fills.size())
          : "Fills of %s (%d)".formatted(s, fills.size());
      b.table(heading, List.of("time", "side", "price", "quantity", "quote", "fee", "liquidity", "exit reason"),
          fillRows(fills));
    }
    return b.build();
  }

  /** The capital split equally, each part all in at its symbol's first open and held: the mean of their returns. */
  static double equalSplitBuyAndHold(PortfolioReport r) {
    double sum = 0;
    for (PortfolioReport.SymbolReport s : r.symbols()) {
      sum += s.buyAndHoldReturn();
    }
    return r.symbols().isEmpty() ? Double.NaN : sum / r.symbols().size();
  }

  private static List<HtmlReport.Figure> figures(PortfolioReport r) {
    List<HtmlReport.Figure> figs = new ArrayList<>(List.of(
        fig("Start / final equity", money(r.startEquity()) + " / " + money(r.finalEquity())),
        fig("Total return over " + String.format(Locale.ROOT, "%.1f", r.spanDays()) + " days", pct(r.totalReturn()))));
    if (r.annualised()) {
      figs.add(fig("CAGR / Sharpe", pct(r.cagr()) + " / " + String.format(Locale.ROOT, "%.2f", r.sharpe())));
    }
    figs.addAll(List.of(
        fig("Max drawdown (mark-to-market)", pct(r.maxDrawdown())),
        fig("Peak / average capital in use", money(r.peakCapitalInUse()) + " / " + money(r.averageCapitalInUse())),
        fig("Exposure (share of timestamps with any position)", pct(r.exposure())),
        fig("Fills / refused orders", r.fills() + " / " + r.refusals()),
        fig("Fees / funding paid", money(r.feesPaid()) + " / " + money(r.fundingPaid())),
        fig("Liquidations", Integer.toString(r.liquidations())),
        fig("Timestamps of the merged timeline", Integer.toString(r.timestamps()))));
    return figs;
  }

  private static List<List<String>> symbolRows(PortfolioReport r) {
    List<List<String>> rows = new ArrayList<>();
    for (PortfolioReport.SymbolReport s : r.symbols()) {
      rows.add(List.of(s.symbol(), Integer.toString(s.bars()), Long.toString(s.missingBars()),
          Integer.toString(s.idleTimestamps()), Integer.toString(s.fills()), Integer.toString(s.refusals()),
          Integer.toString(s.closedTrades()), pct(s.winRate()), money(s.pnl()), money(s.feesPaid()),
          money(s.fundingPaid()), pct(s.maxDrawdown()), pct(s.exposure()), money(s.peakCapitalInUse()),
          Integer.toString(s.maxLadderDepth()), pct(s.buyAndHoldReturn())));
    }
    return rows;
  }

  /** The matrix of the pairs' correlations as a heatmap on a fixed -1..1 scale, and the pairs as a table. */
  private static void correlation(HtmlReport.Builder b, PortfolioReport r, List<String> symbols) {
    if (symbols.size() < 2) {
      return;
    }
    int k = symbols.size();
    double[][] matrix = new double[k][k];
    for (int i = 0; i < k; i++) {
      Arrays.fill(matrix[i], Double.NaN);
      matrix[i][i] = 1.0;
    }
    List<List<String>> rows = new ArrayList<>();
    for (PortfolioReport.Correlation c : r.correlations()) {
      int a = symbols.indexOf(c.a());
      int z = symbols.indexOf(c.b());
      matrix[a][z] = c.value();
      matrix[z][a] = c.value();
      rows.add(List.of(c.a(), c.b(), Double.isNaN(c.value()) ? "n/a" : String.format(Locale.ROOT, "%+.3f", c.value()),
          Integer.toString(c.returns())));
    }
    b.heatmap("correlation", "Correlation of close-to-close returns", "symbol", symbols, "symbol", symbols, matrix,
        false, -1, 1);
    b.table("Correlation of returns", List.of("symbol", "symbol", "correlation", "paired returns"), rows);
    b.note("Pearson's correlation of the two symbols' close-to-close returns over the timestamps at which both have a "
        + "bar; a return spans two consecutive such timestamps. Colours on a fixed scale: green -1, pale yellow 0, red "
        + "+1 (red: the symbols move together and diversify each other little).");
  }

  private static List<List<String>> fillRows(List<FillRecord> fills) {
    List<List<String>> rows = new ArrayList<>();
    for (int k = Math.max(0, fills.size() - MAX_FILL_ROWS); k < fills.size(); k++) {
      FillRecord f = fills.get(k);
      String reason = f.exitReason() == null ? "" : f.exitReason().label();
      rows.add(List.of(day(f.timeMillis()), f.side().name(), price(f.price()),
          String.format(Locale.ROOT, "%.8g", f.quantity()), money(f.quote()), money(f.fee()),
          f.liquidation() ? "liquidation" : f.maker() ? "maker" : "taker", reason));
    }
    return rows;
  }
}
