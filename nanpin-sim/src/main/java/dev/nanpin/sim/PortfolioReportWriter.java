package dev.nanpin.sim;

import dev.nanpin.sim.portfolio.PortfolioReport;
import dev.nanpin.sim.portfolio.PortfolioResult;
import dev.nanpin.sim.report.HtmlReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Writes a portfolio backtest's report and ledgers: a table for a terminal, the report as JSON
 * (with its assumptions), every symbol's fills and the portfolio's equity as CSV, and the HTML
 * report. Stateless and thread-safe.
 */
public final class PortfolioReportWriter {
  private PortfolioReportWriter() {}

  /**
   * A table for a terminal: the portfolio's figures, one line per symbol, the correlations.
   *
   * @param r the report
   * @return the text, lines ending in {@code \n}
   */
  public static String summary(PortfolioReport r) {
    StringBuilder sb = new StringBuilder(2048);
    String x = r.annualised() ? "" : " *";
    line(sb, "Portfolio of %d symbols, %d timestamps, %.1f days%n", r.symbols().size(), r.timestamps(), r.spanDays());
    line(sb, "  %-28s %14s    %-24s %14s%n", "Final equity", money(r.finalEquity()), "Start", money(r.startEquity()));
    line(sb, "  %-28s %14s    %-24s %14s%n", "Total return (period)", pct(r.totalReturn()), "Max drawdown (MTM)",
        pct(r.maxDrawdown()));
    line(sb, "  %-28s %14s    %-24s %14s%n", "CAGR" + x, r.annualised() ? pct(r.cagr()) : "-", "Sharpe" + x,
        r.annualised() ? String.format(Locale.ROOT, "%.3f", r.sharpe()) : "-");
    line(sb, "  %-28s %14s    %-24s %14s%n", "Peak capital in use", money(r.peakCapitalInUse()), "Average capital in use",
        money(r.averageCapitalInUse()));
    line(sb, "  %-28s %14s    %-24s %14s%n", "Exposure (any position)", pct(r.exposure()), "Fills / refused",
        r.fills() + " / " + r.refusals());
    line(sb, "  %-28s %14s    %-24s %14s%n", "Fees paid", money(r.feesPaid()), "Funding paid", money(r.fundingPaid()));
    if (r.liquidations() > 0) {
      line(sb, "  LIQUIDATIONS %d%n", r.liquidations());
    }
    line(sb, "%n  %-14s %6s %5s %5s %6s %7s %12s %9s %9s %10s %12s %6s %11s%n", "symbol", "bars", "miss", "idle", "fills",
        "trades", "P&L", "win", "max DD", "exposure", "peak capital", "depth", "buy & hold");
    for (PortfolioReport.SymbolReport s : r.symbols()) {
      line(sb, "  %-14s %6d %5d %5d %6d %7d %12s %9s %9s %10s %12s %6d %11s%n", s.symbol(), s.bars(), s.missingBars(),
          s.idleTimestamps(), s.fills(), s.closedTrades(), money(s.pnl()), pct(s.winRate()), pct(s.maxDrawdown()),
          pct(s.exposure()), money(s.peakCapitalInUse()), s.maxLadderDepth(), pct(s.buyAndHoldReturn()));
    }
    if (!r.correlations().isEmpty()) {
      sb.append("\n  Correlation of returns (timestamps where both have a bar):\n");
      for (PortfolioReport.Correlation c : r.correlations()) {
        line(sb, "    %s ~ %s  %s  over %d returns%n", c.a(), c.b(),
            Double.isNaN(c.value()) ? "n/a" : String.format(Locale.ROOT, "%+.3f", c.value()), c.returns());
      }
    }
    sb.append("\n  miss: bars missing in the symbol's own series; idle: portfolio timestamps within its span without\n"
        + "  a bar of it (no fill, no onBar there); max DD of a symbol: fall of its P&L from a peak, share of capital.\n");
    if (!r.annualised()) {
      line(sb, "  * not annualised: the run spans %.1f days, fewer than %.0f%n", r.spanDays(), r.minAnnualisedDays());
    }
    return sb.toString();
  }

  /**
   * Writes the report as one JSON object: the assumptions, then every {@link PortfolioReport}
   * component by name ({@code symbols} and {@code correlations} as arrays of objects; a value that
   * is not finite, such as the CAGR of a short run, as {@code null}).
   *
   * @param report the report
   * @param assumptions the run's assumptions
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeJson(PortfolioReport report, Assumptions assumptions, Writer out) {
    try {
      out.write("{\n  \"assumptions\": " + assumptions.toJson("  "));
      for (RecordComponent c : PortfolioReport.class.getRecordComponents()) {
        out.write(",\n  " + ReportWriter.quote(c.getName()) + ": " + json(c.getAccessor().invoke(report), "  "));
      }
      out.write("\n}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read report component", e);
    }
  }

  private static String json(Object v, String indent) throws IllegalAccessException, InvocationTargetException {
    if (v instanceof Double d) {
      return Double.isFinite(d) ? Double.toString(d) : "null";
    }
    if (v instanceof String s) {
      return ReportWriter.quote(s);
    }
    if (v instanceof List<?> list) {
      StringBuilder sb = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        sb.append(i == 0 ? "\n" : ",\n").append(indent).append("  ").append(json(list.get(i), indent + "  "));
      }
      return sb.append(list.isEmpty() ? "]" : "\n" + indent + "]").toString();
    }
    if (v instanceof Record rec) {
      StringBuilder sb = new StringBuilder("{");
      boolean first = true;
      for (RecordComponent c : rec.getClass().getRecordComponents()) {
        sb.append(first ? "" : ", ").append(ReportWriter.quote(c.getName())).append(": ")
            .append(json(c.getAccessor().invoke(rec), indent));
        first = false;
      }
      return sb.append('}').toString();
    }
    return String.valueOf(v);
  }

  /**
   * Writes one CSV row per fill of every symbol, in symbol then fill order: {@code
   * symbol,index,time,side,price,quantity,quote,fee,liquidation}; {@code index} is the symbol's own
   * bar index.
   *
   * @param result the result
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeFillsCsv(PortfolioResult result, Writer out) {
    try {
      out.write("symbol,index,time,side,price,quantity,quote,fee,liquidation\n");
      for (String symbol : result.symbols()) {
        for (BacktestResult.FillRecord f : result.fills(symbol)) {
          out.write(symbol + ',' + f.index() + ',' + Instant.ofEpochMilli(f.timeMillis()) + ',' + f.side().name() + ','
              + f.price() + ',' + f.quantity() + ',' + f.quote() + ',' + f.fee() + ',' + f.liquidation() + '\n');
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one CSV row per timestamp: {@code time,equity,capitalInUse}.
   *
   * @param result the result
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeEquityCsv(PortfolioResult result, Writer out) {
    try {
      out.write("time,equity,capitalInUse\n");
      long[] t = result.times();
      double[] eq = result.equity();
      double[] cap = result.capitalInUse();
      for (int k = 0; k < t.length; k++) {
        out.write(Instant.ofEpochMilli(t[k]) + "," + eq[k] + "," + cap[k] + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The HTML report, built from the same blocks as a single-symbol backtest's ({@link
   * BacktestResult#toHtml}): the headline figures (return, equal-split buy and hold, drawdown,
   * peak capital in use), a note when the run is too short to annualise, the assumptions block
   * (with the command line that repeats the run when {@code assumptions} holds one), the
   * portfolio's figures, its equity with the drawdown underneath and every symbol's fills marked,
   * capital in use in total and by symbol, P&amp;L and exposure by symbol over time, a table per
   * symbol, the correlation matrix of the symbols' returns, and each symbol's fills (the last 500
   * of each; the fills CSV has them all). One self-contained file: inline CSS and SVG, no script.
   *
   * @param result the result
   * @param title the report's title
   * @param subtitle the line under it (strategy, symbols, data)
   * @param assumptions the run's assumptions ({@link dev.nanpin.sim.portfolio.PortfolioBacktester#assumptions})
   * @return the report; {@link HtmlReport#write} writes it
   */
  public static HtmlReport html(PortfolioResult result, String title, String subtitle, Assumptions assumptions) {
    return PortfolioHtml.of(result, title, subtitle, assumptions);
  }

  private static void line(StringBuilder sb, String format, Object... args) {
    sb.append(String.format(Locale.ROOT, format, args));
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.2f %%", x * 100);
  }

  private static String money(double x) {
    return String.format(Locale.ROOT, "%,.2f", x);
  }
}
