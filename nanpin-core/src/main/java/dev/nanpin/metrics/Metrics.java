package dev.nanpin.metrics;

import java.util.Arrays;

/**
 * Performance metrics as pure functions over primitive arrays.
 *
 * <p>The definitions follow the Jesse/QuantStats convention on daily mark-to-market equity, as
 * written out in the project's {@code metrics.md}: simple daily returns {@code r_t = e_t / e_{t-1}
 * - 1}, the arithmetic mean, the sample standard deviation (divide by {@code N - 1}), Sortino
 * with the downside deviation over <em>all</em> {@code N} returns (the QuantStats and Nautilus
 * form; Jesse's {@code N + 1} quirk is not reproduced), CAGR from the number of periods divided by
 * {@code periodsPerYear}, and annualisation by {@code sqrt(periodsPerYear)}. No risk-free rate is
 * subtracted.
 *
 * <p>Degenerate inputs never throw and never give {@code NaN}: a ratio whose denominator is zero
 * (no volatility, no downside, no drawdown) is reported as {@code 0}, as ta4j and Freqtrade do.
 * The one exception is {@link #profitFactor}: profits without a single loss are the best case a
 * ranking can meet, so the figure is {@link Double#POSITIVE_INFINITY} there, not {@code 0}.
 *
 * <p>Annualised figures (CAGR, volatility, Sharpe, Sortino, Calmar) of a span shorter than {@link
 * #MIN_ANNUALISED_DAYS} are extrapolations, not measurements: callers show the period return
 * instead and mark the annualised ones ({@link #isAnnualisable}).
 *
 * <p>All methods are stateless and thread-safe; none modifies its arguments.
 */
public final class Metrics {
  /** The default number of periods per year for daily crypto returns (markets trade every day). */
  public static final double DAYS_PER_YEAR = 365.0;

  /**
   * The default shortest span, in days, whose annualised figures are shown as results: 90 days.
   * A quarter is the shortest window over which a yearly rate is more than a few weeks' luck
   * raised to a power (14 days of +2.16 % compound to +74.6 % a year).
   */
  public static final double MIN_ANNUALISED_DAYS = 90.0;

  private static final long DAY_MILLIS = 86_400_000L;

  private Metrics() {}

  /**
   * Samples an equity curve once per UTC day: the first value is {@code startEquity} (the balance
   * before the first bar), then the equity at the last bar of each UTC day from the first bar's
   * day to the last bar's day. A day without any bar repeats the previous value, so the series
   * counts calendar days.
   *
   * @param timeMillis the bars' open times in epoch milliseconds, strictly increasing
   * @param equity the equity after each bar
   * @param n the number of bars to use, {@code 0 <= n <= min(timeMillis.length, equity.length)}
   * @param startEquity the equity before the first bar
   * @return {@code 1 + days} values; just {@code {startEquity}} when {@code n == 0}
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public static double[] dailyEquity(long[] timeMillis, double[] equity, int n, double startEquity) {
    double[] out = new double[dailyEquityLength(timeMillis, equity, n)];
    dailyEquity(timeMillis, equity, n, startEquity, out);
    return out;
  }

  /**
   * How many values {@link #dailyEquity} gives for these bars: {@code 1 + days}.
   *
   * @param timeMillis the bars' open times in epoch milliseconds, strictly increasing
   * @param equity the equity after each bar
   * @param n the number of bars to use, {@code 0 <= n <= min(timeMillis.length, equity.length)}
   * @return {@code 1} when {@code n == 0}, else {@code 1 +} the UTC days from the first bar's to the last bar's
   * @throws IllegalArgumentException if {@code n} is out of range
   */
  public static int dailyEquityLength(long[] timeMillis, double[] equity, int n) {
    if (n < 0 || n > timeMillis.length || n > equity.length) {
      throw new IllegalArgumentException("n out of range: " + n);
    }
    if (n == 0) {
      return 1;
    }
    long firstDay = Math.floorDiv(timeMillis[0], DAY_MILLIS);
    long lastDay = Math.floorDiv(timeMillis[n - 1], DAY_MILLIS);
    return Math.toIntExact(lastDay - firstDay + 2);
  }

  /**
   * {@link #dailyEquity(long[], double[], int, double)} written into a caller's array, so that a
   * caller summarising many equity curves (a Monte Carlo worker) reuses one array: the same values.
   *
   * @param timeMillis the bars' open times in epoch milliseconds, strictly increasing
   * @param equity the equity after each bar
   * @param n the number of bars to use, {@code 0 <= n <= min(timeMillis.length, equity.length)}
   * @param startEquity the equity before the first bar
   * @param out where the values go, from index 0; at least {@link #dailyEquityLength} long
   * @return the number of values written, {@link #dailyEquityLength}
   * @throws IllegalArgumentException if {@code n} is out of range or {@code out} is too short
   */
  public static int dailyEquity(long[] timeMillis, double[] equity, int n, double startEquity, double[] out) {
    int length = dailyEquityLength(timeMillis, equity, n);
    if (out.length < length) {
      throw new IllegalArgumentException("out holds " + out.length + " values, " + length + " needed");
    }
    out[0] = startEquity;
    if (n == 0) {
      return 1;
    }
    long firstDay = Math.floorDiv(timeMillis[0], DAY_MILLIS);
    int days = length - 1;
    int bar = 0;
    double last = startEquity;
    for (int d = 0; d < days; d++) {
      long day = firstDay + d;
      while (bar < n && Math.floorDiv(timeMillis[bar], DAY_MILLIS) == day) {
        last = equity[bar];
        bar++;
      }
      out[d + 1] = last;
    }
    return length;
  }

  /**
   * The calendar span of a bar series in days: from the first bar's open to the last bar's close
   * ({@code (time[n-1] - time[0] + barMillis) / 1 day}).
   *
   * @param timeMillis the bars' open times in epoch milliseconds
   * @param n the number of bars used
   * @param barMillis the length of one bar in milliseconds, {@code >= 0}
   * @return the span in days, {@code 0} for no bar
   */
  public static double spanDays(long[] timeMillis, int n, long barMillis) {
    if (n < 0 || n > timeMillis.length) {
      throw new IllegalArgumentException("n out of range: " + n);
    }
    return n == 0 ? 0.0 : (timeMillis[n - 1] - timeMillis[0] + barMillis) / (double) DAY_MILLIS;
  }

  /**
   * Whether annualised figures of a span are results rather than extrapolations.
   *
   * @param spanDays the span in days
   * @param minDays the shortest span to annualise ({@link #MIN_ANNUALISED_DAYS} by default)
   * @return {@code spanDays >= minDays}
   */
  public static boolean isAnnualisable(double spanDays, double minDays) {
    return spanDays >= minDays;
  }

  /**
   * Simple returns between consecutive values.
   *
   * @param equity the equity series
   * @return {@code equity.length - 1} returns (empty for fewer than two values); a return after a
   *     non-positive value is {@code 0}, since a wiped-out account has no meaningful return
   */
  public static double[] returns(double[] equity) {
    if (equity.length < 2) {
      return new double[0];
    }
    double[] r = new double[equity.length - 1];
    for (int i = 1; i < equity.length; i++) {
      r[i - 1] = periodReturn(equity, i);
    }
    return r;
  }

  /**
   * Total return: last value over first value, minus one.
   *
   * @param equity the equity series
   * @return the total return as a fraction; {@code 0} for fewer than two values or a
   *     non-positive first value
   */
  public static double totalReturn(double[] equity) {
    if (equity.length < 2 || !(equity[0] > 0)) {
      return 0.0;
    }
    return equity[equity.length - 1] / equity[0] - 1.0;
  }

  /**
   * Compound annual growth rate: {@code (last / first)^(1 / years) - 1} with
   * {@code years = (equity.length - 1) / periodsPerYear}.
   *
   * @param equity the equity series, one value per period (e.g. {@link #dailyEquity})
   * @param periodsPerYear periods per year, {@code > 0} (365 for daily crypto)
   * @return the CAGR as a fraction; {@code 0} for fewer than two values; {@code -1} when the
   *     account was wiped out (last value {@code <= 0})
   */
  public static double cagr(double[] equity, double periodsPerYear) {
    return cagr(equity, equity.length, periodsPerYear);
  }

  /**
   * {@link #cagr(double[], double)} of the first {@code n} values of {@code equity}.
   *
   * @param equity the equity series, one value per period
   * @param n how many values of {@code equity} the series has, {@code 0 <= n <= equity.length}
   * @param periodsPerYear periods per year, {@code > 0}
   * @return the CAGR as {@link #cagr(double[], double)} gives it for those values
   */
  public static double cagr(double[] equity, int n, double periodsPerYear) {
    checkPeriods(periodsPerYear);
    checkCount(equity, n);
    if (n < 2 || !(equity[0] > 0)) {
      return 0.0;
    }
    double ratio = equity[n - 1] / equity[0];
    if (!(ratio > 0)) {
      return -1.0;
    }
    double years = (n - 1) / periodsPerYear;
    return Math.pow(ratio, 1.0 / years) - 1.0;
  }

  /**
   * Arithmetic mean.
   *
   * @param x the values
   * @return the mean, {@code 0} when empty
   */
  public static double mean(double[] x) {
    if (x.length == 0) {
      return 0.0;
    }
    double s = 0;
    for (double v : x) {
      s += v;
    }
    return s / x.length;
  }

  /**
   * Sample standard deviation (divides by {@code N - 1}).
   *
   * @param x the values
   * @return the standard deviation, {@code 0} for fewer than two values
   */
  public static double sampleStd(double[] x) {
    if (x.length < 2) {
      return 0.0;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      double d = v - m;
      s += d * d;
    }
    return Math.sqrt(s / (x.length - 1));
  }

  /**
   * Annualised volatility: {@code sampleStd(returns) * sqrt(periodsPerYear)}.
   *
   * @param returns the period returns
   * @param periodsPerYear periods per year, {@code > 0}
   * @return the volatility as a fraction, {@code 0} for fewer than two returns
   */
  public static double volatility(double[] returns, double periodsPerYear) {
    checkPeriods(periodsPerYear);
    return sampleStd(returns) * Math.sqrt(periodsPerYear);
  }

  /**
   * Sharpe ratio without risk-free rate: {@code mean / sampleStd * sqrt(periodsPerYear)}.
   *
   * @param returns the period returns
   * @param periodsPerYear periods per year, {@code > 0}
   * @return the annualised Sharpe ratio; {@code 0} for fewer than two returns or zero volatility
   */
  public static double sharpe(double[] returns, double periodsPerYear) {
    checkPeriods(periodsPerYear);
    double sd = sampleStd(returns);
    if (!(sd > 0)) {
      return 0.0;
    }
    return mean(returns) / sd * Math.sqrt(periodsPerYear);
  }

  /**
   * The Sharpe ratio of an equity series' returns, {@code sharpe(returns(equity), periodsPerYear)}
   * for the first {@code n} values of {@code equity}, with the same arithmetic in the same order
   * (so the same bits) but without the returns array: each return is computed again where it is
   * needed.
   *
   * @param equity the equity series, one value per period
   * @param n how many values of {@code equity} the series has, {@code 0 <= n <= equity.length}
   * @param periodsPerYear periods per year, {@code > 0}
   * @return the annualised Sharpe ratio of the {@code n - 1} returns; {@code 0} for fewer than two
   *     returns or zero volatility
   */
  public static double sharpeOfEquity(double[] equity, int n, double periodsPerYear) {
    checkPeriods(periodsPerYear);
    checkCount(equity, n);
    int count = n - 1;
    if (count < 2) {
      return 0.0;
    }
    double sum = 0;
    for (int i = 1; i < n; i++) {
      sum += periodReturn(equity, i);
    }
    double m = sum / count;
    double s = 0;
    for (int i = 1; i < n; i++) {
      double d = periodReturn(equity, i) - m;
      s += d * d;
    }
    double sd = Math.sqrt(s / (count - 1));
    if (!(sd > 0)) {
      return 0.0;
    }
    return m / sd * Math.sqrt(periodsPerYear);
  }

  /** The simple return into value {@code i}, the rule of {@link #returns}. */
  private static double periodReturn(double[] equity, int i) {
    return equity[i - 1] > 0 ? equity[i] / equity[i - 1] - 1.0 : 0.0;
  }

  /**
   * Sortino ratio: {@code mean / sqrt(sum(r^2 for r < 0) / N) * sqrt(periodsPerYear)}, the
   * downside deviation taken over all {@code N} returns.
   *
   * @param returns the period returns
   * @param periodsPerYear periods per year, {@code > 0}
   * @return the annualised Sortino ratio; {@code 0} when no return is negative
   */
  public static double sortino(double[] returns, double periodsPerYear) {
    checkPeriods(periodsPerYear);
    double down = 0;
    for (double r : returns) {
      if (r < 0) {
        down += r * r;
      }
    }
    if (!(down > 0)) {
      return 0.0;
    }
    return mean(returns) / Math.sqrt(down / returns.length) * Math.sqrt(periodsPerYear);
  }

  /**
   * Maximum drawdown: the largest {@code (peak - value) / peak} with {@code peak} the running
   * maximum from the first value on (so a loss right after the start counts).
   *
   * @param equity the equity series
   * @return the drawdown as a positive fraction ({@code 0.25} = 25 %), {@code 0} when the series
   *     never falls below a previous peak; above {@code 1} only if equity went negative
   */
  public static double maxDrawdown(double[] equity) {
    return maxDrawdown(equity, equity.length);
  }

  /**
   * Maximum drawdown of the first {@code n} values; see {@link #maxDrawdown(double[])}.
   *
   * @param equity the equity series
   * @param n how many values to use, {@code 0 <= n <= equity.length}
   * @return the drawdown as a positive fraction
   */
  public static double maxDrawdown(double[] equity, int n) {
    if (n < 0 || n > equity.length) {
      throw new IllegalArgumentException("n out of range: " + n);
    }
    double peak = Double.NEGATIVE_INFINITY;
    double mdd = 0.0;
    for (int i = 0; i < n; i++) {
      double v = equity[i];
      if (v > peak) {
        peak = v;
      } else if (peak > 0) {
        double dd = (peak - v) / peak;
        if (dd > mdd) {
          mdd = dd;
        }
      }
    }
    return mdd;
  }

  /**
   * Calmar ratio: {@code cagr / maxDrawdown}.
   *
   * @param cagr the CAGR
   * @param maxDrawdown the maximum drawdown as a positive fraction
   * @return the ratio, {@code 0} when there was no drawdown
   */
  public static double calmar(double cagr, double maxDrawdown) {
    return maxDrawdown > 0 ? cagr / Math.abs(maxDrawdown) : 0.0;
  }

  /**
   * Historical value at risk on <em>simple</em> returns: sort
   * the returns ascending, take {@code tail = n - floor(n * confidence)} (at least one), and
   * answer the {@code tail}-th worst return, capped at {@code 0}. The tail size is ta4j's
   * {@code ValueAtRiskCriterion}'s, but the returns are simple ({@code e_t / e_{t-1} - 1}), not
   * ta4j's log returns, so the figure reads directly as a loss fraction of equity.
   *
   * @param returns the period returns
   * @param confidence the confidence level, {@code 0 < confidence < 1} (e.g. {@code 0.95})
   * @return the VaR as a non-positive return ({@code -0.03} = a 3 % loss), {@code 0} when empty
   */
  public static double valueAtRisk(double[] returns, double confidence) {
    checkConfidence(confidence);
    if (returns.length == 0) {
      return 0.0;
    }
    double[] sorted = returns.clone();
    Arrays.sort(sorted);
    int tail = tail(sorted.length, confidence);
    return Math.min(0.0, sorted[tail - 1]);
  }

  /**
   * Historical conditional value at risk (expected shortfall): the arithmetic mean of the {@code
   * tail = max(1, n - floor(n * confidence))} worst <em>simple</em> returns, capped at {@code 0}.
   * With one tail sample this equals ta4j's {@code ExpectedShortfallCriterion}; with more it does
   * not, because ta4j averages log returns.
   *
   * @param returns the period returns
   * @param confidence the confidence level, {@code 0 < confidence < 1}
   * @return the CVaR as a non-positive return, {@code 0} when empty
   */
  public static double conditionalValueAtRisk(double[] returns, double confidence) {
    checkConfidence(confidence);
    if (returns.length == 0) {
      return 0.0;
    }
    double[] sorted = returns.clone();
    Arrays.sort(sorted);
    int tail = tail(sorted.length, confidence);
    double s = 0;
    for (int i = 0; i < tail; i++) {
      s += sorted[i];
    }
    return Math.min(0.0, s / tail);
  }

  private static int tail(int n, double confidence) {
    return Math.max(1, n - (int) Math.floor(n * confidence));
  }

  /**
   * Win rate: trades with a profit {@code > 0} over all trades (break-even trades count as
   * non-wins, as Freqtrade and Nautilus do).
   *
   * @param pnl the profit or loss of each closed trade
   * @param n how many entries of {@code pnl} to use
   * @return the fraction of winning trades, {@code 0} when there is no trade
   */
  public static double winRate(double[] pnl, int n) {
    checkCount(pnl, n);
    if (n == 0) {
      return 0.0;
    }
    int wins = 0;
    for (int i = 0; i < n; i++) {
      if (pnl[i] > 0) {
        wins++;
      }
    }
    return (double) wins / n;
  }

  /**
   * Gross profit: the sum of the positive trade results.
   *
   * @param pnl the profit or loss of each closed trade
   * @param n how many entries to use
   * @return the gross profit, {@code >= 0}
   */
  public static double grossProfit(double[] pnl, int n) {
    checkCount(pnl, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (pnl[i] > 0) {
        s += pnl[i];
      }
    }
    return s;
  }

  /**
   * Gross loss: the absolute sum of the negative trade results.
   *
   * @param pnl the profit or loss of each closed trade
   * @param n how many entries to use
   * @return the gross loss, {@code >= 0}
   */
  public static double grossLoss(double[] pnl, int n) {
    checkCount(pnl, n);
    double s = 0;
    for (int i = 0; i < n; i++) {
      if (pnl[i] < 0) {
        s -= pnl[i];
      }
    }
    return s;
  }

  /**
   * Profit factor: gross profit over gross loss.
   *
   * @param pnl the profit or loss of each closed trade
   * @param n how many entries to use
   * @return the ratio; {@link Double#POSITIVE_INFINITY} when trades made a profit and none lost
   *     (the best case, so a ranking puts it first); {@code 0} when there is no profit at all (no
   *     trade, or only losing and break-even trades)
   */
  public static double profitFactor(double[] pnl, int n) {
    double loss = grossLoss(pnl, n);
    double profit = grossProfit(pnl, n);
    if (loss > 0) {
      return profit / loss;
    }
    return profit > 0 ? Double.POSITIVE_INFINITY : 0.0;
  }

  private static void checkCount(double[] x, int n) {
    if (n < 0 || n > x.length) {
      throw new IllegalArgumentException("n out of range: " + n);
    }
  }

  private static void checkPeriods(double periodsPerYear) {
    if (!(periodsPerYear > 0) || Double.isInfinite(periodsPerYear)) {
      throw new IllegalArgumentException("periodsPerYear must be > 0 and finite: " + periodsPerYear);
    }
  }

  private static void checkConfidence(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new IllegalArgumentException("confidence must be in (0, 1): " + confidence);
    }
  }

  /**
   * Pearson's correlation of two series of equal length.
   *
   * @param x the first series
   * @param y the second series, as long as {@code x}
   * @return the correlation in {@code [-1, 1]}; {@code NaN} for fewer than two pairs or a series
   *     without variance
   * @throws IllegalArgumentException if the lengths differ
   */
  public static double correlation(double[] x, double[] y) {
    if (x.length != y.length) {
      throw new IllegalArgumentException("series differ in length: %d and %d".formatted(x.length, y.length));
    }
    if (x.length < 2) {
      return Double.NaN;
    }
    double mx = mean(x);
    double my = mean(y);
    double sxy = 0;
    double sxx = 0;
    double syy = 0;
    for (int i = 0; i < x.length; i++) {
      double dx = x[i] - mx;
      double dy = y[i] - my;
      sxy += dx * dy;
      sxx += dx * dx;
      syy += dy * dy;
    }
    if (sxx == 0 || syy == 0) {
      return Double.NaN;
    }
    return Math.max(-1.0, Math.min(1.0, sxy / Math.sqrt(sxx * syy)));
  }
}
