package dev.nanpin.sim.montecarlo;

import dev.nanpin.metrics.Metrics;

/**
 * What a Monte Carlo run keeps of one path: a handful of numbers, not the path. A run's memory
 * grows by one summary per path, whatever the path length.
 *
 * @param finalEquity the equity at the last bar
 * @param annualReturn the annualised return (CAGR over the path's length) of the path's real final
 *     equity, ruined or not ({@code -1} only when the equity ended at or below zero); ruin is
 *     counted apart in {@link #ruined()}, so a liquidated path that ended above its start still
 *     shows the return it made
 * @param sharpe the annualised Sharpe ratio of daily mark-to-market returns
 * @param maxDrawdown the mark-to-market maximum drawdown, a positive fraction
 * @param ruined whether equity fell to zero or below, or the position was liquidated
 * @param trades the number of closed round trips
 * @param tradesPerYear closed round trips per year of path length
 * @param maxLadderDepth the most entry fills one position took
 * @param ladderExhausted whether a position used every ladder level the strategy allows
 * @param peakCapitalInUse the quote capital tied up at the ladder's deepest point: the most that
 *     was in use at once
 * @param recoveryDays days from the trough of the deepest drawdown back to its previous peak,
 *     {@code NaN} when the path ended before recovering
 * @param maxUnderwaterDays the longest time the equity spent below a previous peak, in days, from
 *     the bar that set the peak to the last bar still below it
 */
public record PathSummary(double finalEquity, double annualReturn, double sharpe, double maxDrawdown, boolean ruined,
    int trades, double tradesPerYear, int maxLadderDepth, boolean ladderExhausted, double peakCapitalInUse,
    double recoveryDays, double maxUnderwaterDays) implements java.io.Serializable {

  /** Validates that the figures are numbers where they must be. */
  public PathSummary {
    if (!Double.isFinite(finalEquity) || !Double.isFinite(annualReturn) || !Double.isFinite(sharpe)
        || !Double.isFinite(maxDrawdown) || !Double.isFinite(tradesPerYear) || !Double.isFinite(peakCapitalInUse)) {
      throw new IllegalArgumentException("a path summary has a non-finite figure: finalEquity=%s annualReturn=%s "
          .formatted(finalEquity, annualReturn) + "sharpe=%s maxDrawdown=%s".formatted(sharpe, maxDrawdown));
    }
    if (trades < 0 || maxLadderDepth < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }

  /**
   * Summarises a path from its mark-to-market equity after each bar, with the conventions of
   * {@link Metrics}: daily equity (the last bar of each UTC day, the initial equity first), CAGR
   * and Sharpe over 365 days a year, drawdown from the running peak.
   *
   * @param time bar open times, epoch milliseconds
   * @param equity equity after each bar
   * @param n the number of bars
   * @param initialEquity the equity before the first bar
   * @param liquidated whether the engine liquidated the position
   * @param trades closed round trips
   * @param maxLadderDepth the most entry fills one position took
   * @param maxEntries the strategy's ladder size ({@code 0}: no fixed size, never exhausted)
   * @param peakCapitalInUse the largest capital in use
   * @param curve where to write the equity at {@code curve.length} evenly spaced bars, or {@code null}
   * @return the summary
   */
  public static PathSummary of(long[] time, double[] equity, int n, double initialEquity,
      boolean liquidated, int trades, int maxLadderDepth, int maxEntries, double peakCapitalInUse, double[] curve) {
    return of(time, equity, n, initialEquity, liquidated, trades, maxLadderDepth, maxEntries, peakCapitalInUse, curve,
        new Workspace());
  }

  /**
   * {@link #of(long[], double[], int, double, boolean, int, int, int, double, double[])} with the
   * working memory of a caller that summarises many paths (one per worker thread): the same
   * figures, and nothing allocated but the summary once the workspace has grown to the paths' length.
   *
   * @param time bar open times, epoch milliseconds
   * @param equity equity after each bar
   * @param n the number of bars
   * @param initialEquity the equity before the first bar
   * @param liquidated whether the engine liquidated the position
   * @param trades closed round trips
   * @param maxLadderDepth the most entry fills one position took
   * @param maxEntries the strategy's ladder size ({@code 0}: no fixed size, never exhausted)
   * @param peakCapitalInUse the largest capital in use
   * @param curve where to write the equity at {@code curve.length} evenly spaced bars, or {@code null}
   * @param workspace the caller's working memory, used by one thread at a time
   * @return the summary
   */
  public static PathSummary of(long[] time, double[] equity, int n, double initialEquity,
      boolean liquidated, int trades, int maxLadderDepth, int maxEntries, double peakCapitalInUse, double[] curve,
      Workspace workspace) {
    int days = Metrics.dailyEquityLength(time, equity, n);
    if (workspace.daily.length < days) {
      workspace.daily = new double[days];
    }
    double[] daily = workspace.daily;
    Metrics.dailyEquity(time, equity, n, initialEquity, daily);
    double annual = Metrics.cagr(daily, days, Metrics.DAYS_PER_YEAR);
    double sharpe = Metrics.sharpeOfEquity(daily, days, Metrics.DAYS_PER_YEAR);
    // deepest drawdown on the bar series: its peak, its trough and the bar it recovers at
    double peak = initialEquity;
    double worst = 0;
    int troughBar = -1;
    double worstPeak = initialEquity;
    boolean ruined = liquidated;
    long peakTime = n == 0 ? 0 : time[0];
    long longestUnderwater = 0;
    for (int i = 0; i < n; i++) {
      double e = equity[i];
      if (e <= 0) {
        ruined = true;
      }
      if (e >= peak) {
        peak = e;
        peakTime = time[i];
      } else {
        longestUnderwater = Math.max(longestUnderwater, time[i] - peakTime);
      }
      double dd = peak > 0 ? (peak - e) / peak : 0;
      if (dd > worst) {
        worst = dd;
        troughBar = i;
        worstPeak = peak;
      }
    }
    double recoveryDays = 0;
    if (troughBar >= 0) {
      recoveryDays = Double.NaN;
      for (int i = troughBar + 1; i < n; i++) {
        if (equity[i] >= worstPeak) {
          recoveryDays = (time[i] - time[troughBar]) / 86_400_000.0;
          break;
        }
      }
    }
    double years = n < 2 ? 0 : (time[n - 1] - time[0]) / (Metrics.DAYS_PER_YEAR * 86_400_000.0);
    if (curve != null) {
      for (int k = 0; k < curve.length; k++) {
        curve[k] = equity[MonteCarloResult.sampleBar(k, curve.length, n)];
      }
    }
    double finalEquity = n == 0 ? initialEquity : equity[n - 1];
    return new PathSummary(finalEquity, annual, sharpe, worst, ruined, trades,
        years > 0 ? trades / years : 0, maxLadderDepth, maxEntries > 0 && maxLadderDepth >= maxEntries,
        peakCapitalInUse, recoveryDays, longestUnderwater / 86_400_000.0);
  }

  /**
   * The working memory of {@link #of(long[], double[], int, double, boolean, int, int, int, double,
   * double[], Workspace)}: the daily equity series, kept from path to path. Not thread-safe: one
   * per worker thread.
   */
  public static final class Workspace {
    private double[] daily = new double[0];

    /** Creates an empty workspace; it grows to the first path's length. */
    public Workspace() {}
  }
}
