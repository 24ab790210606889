package dev.nanpin.sim.portfolio;

import dev.nanpin.metrics.Metrics;
import dev.nanpin.sim.BacktestResult.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The figures of a portfolio backtest, for the portfolio and per symbol.
 *
 * <p>Equity is marked at every timestamp of the merged timeline after every symbol with a bar
 * there has run it; a symbol without a bar at a timestamp is valued at its last price (never
 * traded at it). Annualised figures ({@code cagr}, {@code sharpe}) are {@code NaN} unless the span
 * is at least {@code minAnnualisedDays}: a short window is not dressed up as a year.
 *
 * @param startEquity the capital
 * @param finalEquity the equity at the last timestamp
 * @param totalReturn {@code finalEquity / startEquity - 1}
 * @param cagr the compound annual growth rate of the daily equity, or {@code NaN} when not annualised
 * @param sharpe the annualised Sharpe ratio of daily returns (risk-free 0), or {@code NaN} when not annualised
 * @param annualised whether the span allowed annualised figures
 * @param spanDays the calendar span of the timeline, days
 * @param minAnnualisedDays the shortest span annualised
 * @param maxDrawdown the largest peak-to-trough fall of the portfolio's equity, a fraction of the peak
 * @param peakCapitalInUse the most capital in use at once over all symbols (spot cost or perp margin plus reservations)
 * @param averageCapitalInUse the capital in use averaged over the timestamps
 * @param exposure the share of timestamps with any position open
 * @param fills every symbol's fills
 * @param refusals every symbol's refused orders
 * @param liquidations cross-margin liquidations
 * @param feesPaid the fees of every symbol
 * @param fundingPaid the funding of every symbol (negative: received)
 * @param timestamps the number of timestamps of the merged timeline
 * @param symbols the figures of each symbol, in the order of the legs
 * @param correlations the correlation of each pair of symbols' returns
 */
public record PortfolioReport(
    double startEquity, double finalEquity, double totalReturn, double cagr, double sharpe, boolean annualised,
    double spanDays, double minAnnualisedDays, double maxDrawdown, double peakCapitalInUse,
    double averageCapitalInUse, double exposure, int fills, int refusals, int liquidations, double feesPaid,
    double fundingPaid, int timestamps, List<SymbolReport> symbols, List<Correlation> correlations) {

  /** Copies the lists. */
  public PortfolioReport {
    symbols = List.copyOf(symbols);
    correlations = List.copyOf(correlations);
  }

  /**
   * One symbol's figures.
   *
   * @param symbol the symbol
   * @param bars its bars
   * @param missingBars bars missing inside its own series (by its bar interval)
   * @param idleTimestamps timestamps of the merged timeline within its first and last bar at
   *     which it had no bar (it neither traded nor heard {@code onBar} there)
   * @param fills its fills
   * @param refusals its refused orders
   * @param closedTrades its closed round trips
   * @param winRate the share of its closed round trips with a positive P&amp;L
   * @param realisedPnl its realised P&amp;L before fees and funding
   * @param feesPaid its fees
   * @param fundingPaid its funding (negative: received)
   * @param pnl its part of the portfolio's P&amp;L at the end: cash flow plus holding value
   * @param maxDrawdown the largest fall of its P&amp;L from a peak, a fraction of the portfolio's capital
   * @param exposure the share of its bars with its position open
   * @param peakCapitalInUse the most capital it had in use (cost or margin plus its reservations)
   * @param maxLadderDepth the most fills that built one of its positions
   * @param buyAndHoldReturn its last close over its first open, minus one (no fees)
   */
  public record SymbolReport(
      String symbol, int bars, long missingBars, int idleTimestamps, int fills, int refusals, int closedTrades,
      double winRate, double realisedPnl, double feesPaid, double fundingPaid, double pnl, double maxDrawdown,
      double exposure, double peakCapitalInUse, int maxLadderDepth, double buyAndHoldReturn) {
    /** Validates. */
    public SymbolReport {
      Objects.requireNonNull(symbol, "symbol");
    }
  }

  /**
   * The correlation of two symbols' close-to-close returns, taken over the timestamps at which
   * both have a bar (a return spans two consecutive such timestamps).
   *
   * @param a the first symbol
   * @param b the second symbol
   * @param value Pearson's correlation, {@code NaN} when there are fewer than two returns
   * @param returns the number of paired returns
   */
  public record Correlation(String a, String b, double value, int returns) {}

  static PortfolioReport compute(PortfolioRun run, double capital, double periodsPerYear, double minAnnualisedDays) {
    int n = run.times.length;
    long barMillis = Long.MAX_VALUE;
    for (Leg leg : run.legs) {
      barMillis = Math.min(barMillis, leg.data.intervalMillis());
    }
    double spanDays = Metrics.spanDays(run.times, n, barMillis);
    boolean annualised = Metrics.isAnnualisable(spanDays, minAnnualisedDays);
    double[] daily = Metrics.dailyEquity(run.times, run.equity, n, capital);
    double[] withStart = new double[n + 1];
    withStart[0] = capital;
    System.arraycopy(run.equity, 0, withStart, 1, n);
    double capitalSum = 0;
    int inMarket = 0;
    for (int k = 0; k < n; k++) {
      capitalSum += run.capitalInUse[k];
      inMarket += run.inMarket[k] ? 1 : 0;
    }
    List<SymbolReport> symbols = new ArrayList<>();
    int fills = 0;
    int refusals = 0;
    double fees = 0;
    double funding = 0;
    for (Leg leg : run.legs) {
      symbols.add(symbol(run, leg, capital));
      fills += leg.fills.size();
      refusals += leg.refusals.size();
      fees += run.book.fees(leg.index);
      funding += run.book.funding(leg.index);
    }
    double finalEquity = n == 0 ? capital : run.equity[n - 1];
    return new PortfolioReport(capital, finalEquity, finalEquity / capital - 1.0,
        annualised ? Metrics.cagr(daily, periodsPerYear) : Double.NaN,
        annualised ? Metrics.sharpe(Metrics.returns(daily), periodsPerYear) : Double.NaN,
        annualised, spanDays, minAnnualisedDays, Metrics.maxDrawdown(withStart), run.peakCapital,
        n == 0 ? 0 : capitalSum / n, n == 0 ? 0 : (double) inMarket / n, fills, refusals, run.liquidations, fees,
        funding, n, symbols, correlations(run));
  }

  private static SymbolReport symbol(PortfolioRun run, Leg leg, double capital) {
    int i = leg.index;
    long first = leg.data.timeMillis(0);
    long last = leg.data.timeMillis(leg.data.size() - 1);
    int idle = 0;
    double peak = 0;
    double drawdown = 0;
    for (int k = 0; k < run.times.length; k++) {
      if (run.times[k] >= first && run.times[k] <= last && !run.traded[i][k]) {
        idle++;
      }
      double part = run.parts[i][k];
      peak = Math.max(peak, part);
      drawdown = Math.max(drawdown, peak - part);
    }
    double[] pnl = new double[leg.trades.size()];
    for (int k = 0; k < pnl.length; k++) {
      Trade t = leg.trades.get(k);
      pnl[k] = t.pnl();
    }
    int bars = leg.data.size();
    return new SymbolReport(leg.symbol, bars, leg.data.missingBars(), idle, leg.fills.size(), leg.refusals.size(),
        pnl.length, Metrics.winRate(pnl, pnl.length), run.book.realisedPnl(i), run.book.fees(i), run.book.funding(i),
        run.parts[i][run.times.length - 1], drawdown / capital, (double) leg.barsInMarket / bars, leg.peakCapital,
        leg.maxDepth, leg.data.close(bars - 1) / leg.data.open(0) - 1.0);
  }

  private static List<Correlation> correlations(PortfolioRun run) {
    List<Correlation> out = new ArrayList<>();
    for (int a = 0; a < run.legs.length; a++) {
      for (int b = a + 1; b < run.legs.length; b++) {
        out.add(correlation(run, run.legs[a], run.legs[b]));
      }
    }
    return out;
  }

  private static Correlation correlation(PortfolioRun run, Leg a, Leg b) {
    // The closes of both symbols at the timestamps where both have a bar.
    double[] ca = new double[run.times.length];
    double[] cb = new double[run.times.length];
    int m = 0;
    int ia = 0;
    int ib = 0;
    for (int k = 0; k < run.times.length; k++) {
      boolean ha = run.traded[a.index][k];
      boolean hb = run.traded[b.index][k];
      if (ha && hb) {
        ca[m] = a.data.close(ia);
        cb[m] = b.data.close(ib);
        m++;
      }
      ia += ha ? 1 : 0;
      ib += hb ? 1 : 0;
    }
    double[] ra = new double[Math.max(0, m - 1)];
    double[] rb = new double[ra.length];
    for (int k = 1; k < m; k++) {
      ra[k - 1] = ca[k] / ca[k - 1] - 1.0;
      rb[k - 1] = cb[k] / cb[k - 1] - 1.0;
    }
    return new Correlation(a.symbol, b.symbol, Metrics.correlation(ra, rb), ra.length);
  }
}
