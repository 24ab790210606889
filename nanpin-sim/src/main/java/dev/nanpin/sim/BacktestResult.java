package dev.nanpin.sim;

import dev.nanpin.ExitReason;
import dev.nanpin.Side;
import dev.nanpin.sim.report.HtmlReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The ledger and the figures of one backtest: every fill, every closed round trip, every refused
 * order, the mark-to-market equity of every bar, and the {@link Report}.
 * Immutable (the arrays are copies) and safe to share between threads.
 */
public final class BacktestResult {
  private final SimulationConfig config;
  private final BarData data;
  private final Report report;
  private final List<FillRecord> fills;
  private final List<Trade> trades;
  private final List<Refusal> refusals;
  private final List<OrderRecord> orders;
  private final double[] equity;
  private final List<RoundTrip> roundTrips;
  /** The average entry after each fill, {@code NaN} when the fill left the position flat. */
  private final double[] averageAfterFill;

  BacktestResult(SimulationConfig config, BarData data, Engine engine) {
    this.config = config;
    this.data = data;
    this.report = Report.compute(engine, data, config);
    Ledger l = engine.ledger();
    this.fills = l.fillRecords();
    this.trades = l.tradeRecords(fills);
    this.refusals = List.copyOf(l.refusals);
    List<OrderRecord> o = new ArrayList<>();
    for (int k = 0; k < l.orders; k++) {
      if (l.orderPlaced[k] >= 0) {
        o.add(new OrderRecord(k, l.orderSide[k] > 0 ? Side.BUY : Side.SELL, l.orderLimit[k], l.orderPlaced[k],
            l.orderEnd[k]));
      }
    }
    this.orders = List.copyOf(o);
    this.equity = Arrays.copyOf(l.equity, data.size());
    this.averageAfterFill = new double[fills.size()];
    this.roundTrips = PositionReplay.roundTrips(fills, trades, data, report, averageAfterFill);
  }

  /** @return the configuration of the run */
  public SimulationConfig config() {
    return config;
  }

  /** @return the bars the run used */
  public BarData data() {
    return data;
  }

  /** @return the figures */
  public Report report() {
    return report;
  }

  /** @return every fill in order, liquidations included */
  public List<FillRecord> fills() {
    return fills;
  }

  /** @return every closed round trip (flat to flat) in order */
  public List<Trade> trades() {
    return trades;
  }

  /** @return every refused order in order */
  public List<Refusal> refusals() {
    return refusals;
  }

  /** @return every limit order that rested on the book, by order id: where it was placed and where it left */
  public List<OrderRecord> orders() {
    return orders;
  }

  /** @return a copy of the mark-to-market equity at each bar's close, after that bar's fills */
  public double[] equity() {
    return equity.clone();
  }

  /**
   * @return every round trip in order, as reports show it (average entry, exit price, exit
   *     reason), the position still open at the end last ({@link ExitReason#OPEN_AT_END})
   */
  public List<RoundTrip> roundTrips() {
    return roundTrips;
  }

  /**
   * The round trips grouped by exit reason: how many, their P&amp;L and their mean return, in the
   * order of {@link ExitReason}; the open position at the end is a group of its own.
   *
   * @return one row per reason that occurred
   */
  public List<ExitSummary> exitSummary() {
    return ExitSummary.of(roundTrips);
  }

  /** The average entry after fill {@code k}, {@code NaN} when flat: the report's average-entry line. */
  double averageAfterFill(int k) {
    return averageAfterFill[k];
  }

  /**
   * The HTML report of this backtest: the main figures (period return, buy and hold, return on
   * the capital actually used, drawdowns, annualised figures marked as extrapolated below the
   * minimum span, win rate and profit factor beside the open position), the price chart with the
   * order levels as placed, the average entry and every fill (zoomable to a date range), the
   * equity curve with buy and hold of the same capital and the drawdown underneath, the round
   * trips with their exit reasons, the monthly returns and the distribution of the trades'
   * returns. Self-contained: no network needed to view it. Its assumptions block holds the run's
   * simulation settings ({@link Assumptions#of(SimulationConfig)}); {@link #toHtml(String, String,
   * Assumptions)} adds the strategy, sizer and data.
   *
   * @param title the report title
   * @param subtitle a line describing the run (strategy, data, settings)
   * @return the report
   */
  public HtmlReport toHtml(String title, String subtitle) {
    return toHtml(title, subtitle, Assumptions.of(config));
  }

  /**
   * The HTML report with the run's assumptions shown near the top; see {@link #toHtml(String, String)}.
   *
   * @param title the report title
   * @param subtitle a line describing the run
   * @param assumptions the run's assumptions (settings, strategy and sizer parameters, data, command)
   * @return the report
   */
  public HtmlReport toHtml(String title, String subtitle, Assumptions assumptions) {
    return BacktestHtml.of(this, title, subtitle, assumptions, null);
  }

  /**
   * The HTML report with a phase chart after the price chart, e.g. the Wyckoff phases and events
   * of the bars; see {@link #toHtml(String, String, Assumptions)}.
   *
   * @param title the report title
   * @param subtitle a line describing the run
   * @param assumptions the run's assumptions
   * @param phases the phases and events to draw over the price ({@link HtmlReport.Builder#phaseChart})
   * @return the report
   */
  public HtmlReport toHtml(String title, String subtitle, Assumptions assumptions, HtmlReport.Phases phases) {
    return BacktestHtml.of(this, title, subtitle, assumptions, Objects.requireNonNull(phases, "phases"));
  }

  /**
   * One fill.
   *
   * @param index the bar index in which it filled
   * @param timeMillis the open time of that bar
   * @param side buy or sell
   * @param price the execution price (slippage included)
   * @param quantity the base quantity
   * @param quote the quote notional, {@code price * quantity} except for quote-sized orders, whose notional is their exact quote amount
   * @param fee the fee in quote units
   * @param orderId the engine's order id, {@code -1} for a liquidation
   * @param tag the intent's tag
   * @param maker whether it filled as a resting maker order
   * @param liquidation whether it was a forced liquidation
   * @param exitReason why it reduced or closed the position ({@link ExitReason#of}); {@code null}
   *     for a fill that opened or added to it
   */
  public record FillRecord(int index, long timeMillis, Side side, double price, double quantity, double quote,
      double fee, int orderId, int tag, boolean maker, boolean liquidation, ExitReason exitReason) {
    /** Validates. */
    public FillRecord {
      Objects.requireNonNull(side, "side");
    }
  }

  /**
   * One closed round trip: from flat to flat.
   *
   * @param entryIndex the bar of the first entry fill
   * @param exitIndex the bar of the fill that made the position flat
   * @param entryTimeMillis the open time of the entry bar
   * @param exitTimeMillis the open time of the exit bar
   * @param pnl the realised profit or loss, net of all the trade's fees and funding
   * @param returnFraction {@code pnl} over the largest capital the trade had in use (cost, or margin on perps)
   * @param entries the number of entry fills (ladder depth)
   * @param exitReason the reason of the fill that made the position flat
   */
  public record Trade(int entryIndex, int exitIndex, long entryTimeMillis, long exitTimeMillis, double pnl,
      double returnFraction, int entries, ExitReason exitReason) {}

  /**
   * A round trip as the reports show it: a closed {@link Trade} with its average entry and exit
   * price, or the position still open at the end.
   *
   * @param entryIndex the bar of the first entry fill
   * @param exitIndex the bar of the closing fill, {@code -1} for the position open at the end
   * @param entries the number of entry fills
   * @param averageEntry the average entry price just before the close
   * @param exitPrice the closing fill's price (the last close for the open position)
   * @param exitReason why it closed ({@link ExitReason#OPEN_AT_END} for the open position)
   * @param pnl the realised P&amp;L net of fees and funding (the open position: marked at the last close)
   * @param returnFraction {@code pnl} over the trade's peak capital in use; {@code NaN} for the open position
   */
  public record RoundTrip(int entryIndex, int exitIndex, int entries, double averageEntry, double exitPrice,
      ExitReason exitReason, double pnl, double returnFraction) {}

  /**
   * The round trips of one exit reason.
   *
   * @param reason the reason
   * @param count how many round trips ended so
   * @param pnl their summed P&amp;L
   * @param averageReturn their mean return on peak capital ({@code NaN} for the open position)
   */
  public record ExitSummary(ExitReason reason, int count, double pnl, double averageReturn) {
    static List<ExitSummary> of(List<RoundTrip> trips) {
      List<ExitSummary> out = new ArrayList<>();
      for (ExitReason r : ExitReason.values()) {
        int count = 0;
        double pnl = 0;
        double ret = 0;
        for (RoundTrip t : trips) {
          if (t.exitReason() == r) {
            count++;
            pnl += t.pnl();
            ret += t.returnFraction();
          }
        }
        if (count > 0) {
          out.add(new ExitSummary(r, count, pnl, ret / count));
        }
      }
      return List.copyOf(out);
    }
  }

  /**
   * A limit order that rested on the simulated book.
   *
   * @param orderId the engine's order id
   * @param side buy or sell
   * @param limit the limit price
   * @param placedIndex the bar in which it was placed
   * @param endIndex the bar in which it filled or was cancelled, {@code -1} if still resting at the end
   */
  public record OrderRecord(int orderId, Side side, double limit, int placedIndex, int endIndex) {}

  /**
   * An order the simulated broker refused.
   *
   * @param index the bar index at which it was refused
   * @param timeMillis the open time of that bar
   * @param orderId the order id, or {@code -1} when refused before it got one
   * @param reason why, for a person
   */
  public record Refusal(int index, long timeMillis, int orderId, String reason) {
    /** Validates. */
    public Refusal {
      Objects.requireNonNull(reason, "reason");
    }
  }
}
