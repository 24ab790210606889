package dev.nanpin.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a backtest's report and ledger as files a person or another program reads: the report
 * as JSON, the fills and the equity curve as CSV, and a summary table for a terminal.
 *
 * <p>No JSON library is needed (the simulator depends on core only): the report is a flat object
 * of numbers and strings. Numbers are written with {@link Double#toString} (shortest
 * round-tripping form, exponent when needed), so a reader gets back the engine's exact doubles.
 * Stateless and thread-safe.
 */
public final class ReportWriter {
  private ReportWriter() {}

  /**
   * Writes the report as one JSON object: every {@link Report} component by name, as plain
   * numbers (fractions, not percents), after the {@code meta} entries as strings.
   *
   * @param report the report
   * @param meta extra string fields first (strategy id, data file, settings), in iteration order
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeJson(Report report, Map<String, String> meta, Writer out) {
    writeJson(report, Assumptions.none(), meta, out);
  }

  /**
   * Writes the report as one JSON object: the {@code meta} entries as strings, an {@code
   * "assumptions"} object from which the run can be repeated, then every {@link Report}
   * component by name as plain numbers (fractions, not percents; {@code null} for a value that is
   * not finite, such as the profit factor of a run without a losing trade, which {@code
   * profitFactorUnbounded} and {@code profitFactorMarkedUnbounded} then flag) and booleans.
   *
   * @param report the report
   * @param assumptions the run's assumptions (settings, strategy and sizer parameters, data, command)
   * @param meta extra string fields first, in iteration order
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeJson(Report report, Assumptions assumptions, Map<String, String> meta, Writer out) {
    writeJson(report, assumptions, meta, null, out);
  }

  /**
   * Writes a backtest's report as {@link #writeJson(Report, Assumptions, Map, Writer)} does, with
   * an {@code "exitReasons"} array last: per exit reason that occurred, its {@code reason} (the
   * {@link dev.nanpin.ExitReason#code()}), the {@code count} of round trips, their summed {@code
   * pnl} and their {@code averageReturn} ({@code null} for the position open at the end).
   *
   * @param result the backtest
   * @param assumptions the run's assumptions
   * @param meta extra string fields first, in iteration order
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeJson(BacktestResult result, Assumptions assumptions, Map<String, String> meta, Writer out) {
    writeJson(result.report(), assumptions, meta, result.exitSummary(), out);
  }

  private static void writeJson(Report report, Assumptions assumptions, Map<String, String> meta,
      List<BacktestResult.ExitSummary> exits, Writer out) {
    try {
      out.write("{\n");
      boolean first = true;
      for (Map.Entry<String, String> e : meta.entrySet()) {
        out.write(first ? "  " : ",\n  ");
        first = false;
        out.write(quote(e.getKey()) + ": " + quote(e.getValue()));
      }
      if (!assumptions.entries().isEmpty()) {
        out.write(first ? "  " : ",\n  ");
        first = false;
        out.write("\"assumptions\": " + assumptions.toJson("  "));
      }
      for (RecordComponent c : Report.class.getRecordComponents()) {
        Object v = c.getAccessor().invoke(report);
        out.write(first ? "  " : ",\n  ");
        first = false;
        out.write(quote(c.getName()) + ": " + number(v));
      }
      // JSON has no infinity: a profit factor without a losing trade is written null with this flag.
      out.write(",\n  \"profitFactorUnbounded\": " + (report.profitFactor() == Double.POSITIVE_INFINITY));
      out.write(",\n  \"profitFactorMarkedUnbounded\": " + (report.profitFactorMarked() == Double.POSITIVE_INFINITY));
      if (exits != null) {
        out.write(",\n  \"exitReasons\": [");
        for (int k = 0; k < exits.size(); k++) {
          BacktestResult.ExitSummary e = exits.get(k);
          out.write((k == 0 ? "\n    " : ",\n    ") + "{\"reason\": " + quote(e.reason().code()) + ", \"count\": "
              + e.count() + ", \"pnl\": " + number(e.pnl()) + ", \"averageReturn\": " + number(e.averageReturn()) + "}");
        }
        out.write(exits.isEmpty() ? "]" : "\n  ]");
      }
      out.write("\n}\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read report component", e);
    }
  }

  /**
   * Writes one CSV row per fill: {@code index,time,side,price,quantity,quote,fee,exitReason}, where
   * {@code index} is the 0-based bar index, {@code time} the bar's ISO-8601 open time, {@code side}
   * {@code BUY} or {@code SELL}, and {@code exitReason} the {@link dev.nanpin.ExitReason#code()} of
   * a fill that reduced or closed the position (empty for one that opened or added).
   *
   * @param result the result
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeFillsCsv(BacktestResult result, Writer out) {
    try {
      out.write("index,time,side,price,quantity,quote,fee,exitReason\n");
      StringBuilder sb = new StringBuilder(96);
      for (BacktestResult.FillRecord f : result.fills()) {
        sb.setLength(0);
        sb.append(f.index()).append(',').append(Instant.ofEpochMilli(f.timeMillis())).append(',')
            .append(f.side().name()).append(',').append(f.price()).append(',').append(f.quantity()).append(',')
            .append(f.quote()).append(',').append(f.fee()).append(',')
            .append(f.exitReason() == null ? "" : f.exitReason().code()).append('\n');
        out.write(sb.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes one CSV row per round trip ({@link BacktestResult#roundTrips()}): {@code
   * entryTime,exitTime,entries,averageEntry,exitPrice,exitReason,pnl,return}; times are the bars'
   * ISO-8601 open times ({@code exitTime} empty for the position open at the end), {@code
   * exitReason} the {@link dev.nanpin.ExitReason#code()}, {@code return} empty when not defined.
   *
   * @param result the result
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeRoundTripsCsv(BacktestResult result, Writer out) {
    try {
      out.write("entryTime,exitTime,entries,averageEntry,exitPrice,exitReason,pnl,return\n");
      BarData data = result.data();
      for (BacktestResult.RoundTrip t : result.roundTrips()) {
        out.write(Instant.ofEpochMilli(data.timeMillis(t.entryIndex())) + ","
            + (t.exitIndex() < 0 ? "" : Instant.ofEpochMilli(data.timeMillis(t.exitIndex())).toString()) + ","
            + t.entries() + "," + t.averageEntry() + "," + t.exitPrice() + "," + t.exitReason().code() + ","
            + t.pnl() + "," + (Double.isNaN(t.returnFraction()) ? "" : Double.toString(t.returnFraction())) + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The exit reasons of a backtest as a few lines for a terminal: per reason, the round trips and
   * their P&amp;L.
   *
   * @param result the result
   * @return the lines, empty without round trips
   */
  public static String exitSummary(BacktestResult result) {
    StringBuilder sb = new StringBuilder();
    for (BacktestResult.ExitSummary e : result.exitSummary()) {
      sb.append(String.format(Locale.ROOT, "  %-28s %6d  %,14.2f%n", e.reason().label(), e.count(), e.pnl()));
    }
    return sb.isEmpty() ? "" : String.format(Locale.ROOT, "Exit reasons%n  %-28s %6s  %14s%n", "reason",
        "trips", "P&L") + sb;
  }

  /**
   * Writes one CSV row per bar: {@code index,time,equity} (mark-to-market at the close).
   *
   * @param result the result
   * @param out where to write; not closed
   * @throws UncheckedIOException if writing fails
   */
  public static void writeEquityCsv(BacktestResult result, Writer out) {
    try {
      out.write("index,time,equity\n");
      double[] eq = result.equity();
      BarData data = result.data();
      StringBuilder sb = new StringBuilder(64);
      for (int i = 0; i < eq.length; i++) {
        sb.setLength(0);
        sb.append(i).append(',').append(Instant.ofEpochMilli(data.timeMillis(i))).append(',').append(eq[i]).append('\n');
        out.write(sb.toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A table for a terminal: returns and ratios in percent, money with two decimals.
   *
   * @param r the report
   * @return the table, lines ending in {@code \n}
   */
  public static String summary(Report r) {
    StringBuilder sb = new StringBuilder(1024);
    // Below the minimum span the period return is the headline and every annualised figure
    // carries a star: a few weeks compounded to a year are an extrapolation, not a result.
    String x = r.annualised() ? "" : " *";
    row(sb, "Final equity", money(r.finalEquity()), "Start", money(r.startEquity()));
    row(sb, "Total return (period)", pct(r.totalReturn()), "Span (days)", String.format(Locale.ROOT, "%.1f", r.spanDays()));
    row(sb, "Buy and hold", pct(r.buyAndHoldReturn()), "Return on capital used", pct(r.returnOnCapitalDeployed()));
    row(sb, "CAGR" + x, pct(r.cagr()), "Volatility (ann.)" + x, pct(r.volatility()));
    row(sb, "Max drawdown (MTM)", pct(r.maxDrawdown()), "Max drawdown (realised)", pct(r.maxDrawdownRealised()));
    row(sb, "Sharpe" + x, num(r.sharpe()), "Sortino" + x, num(r.sortino()));
    row(sb, "Calmar" + x, num(r.calmar()), "Trades per year" + x, num(r.tradesPerYear()));
    row(sb, "VaR 95% (daily)", pct(r.var95()), "CVaR 95% (daily)", pct(r.cvar95()));
    row(sb, "VaR 99% (daily)", pct(r.var99()), "CVaR 99% (daily)", pct(r.cvar99()));
    row(sb, "Closed trades", Integer.toString(r.closedTrades()), "Fills", Integer.toString(r.fills()));
    row(sb, "Win rate (closed)", pct(r.winRate()), "Profit factor (closed)", profitFactor(r.profitFactor()));
    if (r.openTrade()) {
      row(sb, "Open position P&L", money(r.openTradePnl()), "", "");
      row(sb, "Win rate (open marked)", pct(r.winRateMarked()), "Profit factor (marked)",
          profitFactor(r.profitFactorMarked()));
    }
    row(sb, "Avg trade (hours)", num(r.averageTradeHours()), "Exposure", pct(r.exposure()));
    row(sb, "Max ladder depth", Integer.toString(r.maxLadderDepth()), "Peak capital in use", money(r.peakCapitalInUse()));
    row(sb, "Fees paid", money(r.feesPaid()), "Funding paid", money(r.fundingPaid()));
    row(sb, "Refused orders", Integer.toString(r.refusals()), "Bars / days / gaps", r.bars() + " / " + r.days() + " / " + r.gaps());
    if (r.liquidations() > 0) {
      row(sb, "LIQUIDATIONS", Integer.toString(r.liquidations()), "", "");
    }
    if (!r.annualised()) {
      sb.append(String.format(Locale.ROOT, "* extrapolated: the run spans %.1f days, fewer than %.0f; an annual figure of "
          + "so short a window is not a result%n", r.spanDays(), r.minAnnualisedDays()));
    }
    return sb.toString();
  }

  /**
   * A profit factor for people: {@code "no loss"} for the infinite value of profits without a
   * losing trade.
   *
   * @param pf the profit factor
   * @return the text
   */
  public static String profitFactor(double pf) {
    return pf == Double.POSITIVE_INFINITY ? "no loss" : num(pf);
  }

  private static void row(StringBuilder sb, String k1, String v1, String k2, String v2) {
    sb.append(String.format(Locale.ROOT, "%-24s %14s    %-24s %14s%n", k1, v1, k2, v2).stripTrailing()).append('\n');
  }

  private static String pct(double x) {
    return String.format(Locale.ROOT, "%.2f %%", x * 100);
  }

  private static String num(double x) {
    return String.format(Locale.ROOT, "%.3f", x);
  }

  private static String money(double x) {
    return String.format(Locale.ROOT, "%,.2f", x);
  }

  private static String number(Object v) {
    if (v instanceof Double d) {
      return Double.isFinite(d) ? Double.toString(d) : "null";
    }
    return String.valueOf(v);
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
