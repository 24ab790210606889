package dev.nanpin.sim.montecarlo;

import dev.nanpin.sim.Assumptions;

import dev.nanpin.metrics.Metrics;
import dev.nanpin.sim.report.HtmlReport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The figures of a Monte Carlo run across its paths, and the report files made from them.
 *
 * <p>Every figure is computed from the per-path summaries in path order, so it does not depend on
 * the thread count; the run's timing is kept apart ({@link #elapsed()}) and is in no report.
 * Returns are fractions ({@code 0.12} = 12 %); VaR and CVaR follow {@link Metrics#valueAtRisk}:
 * non-positive returns ({@code -0.3} = a 30 % annual loss at that confidence).
 *
 * <p>Immutable and thread-safe.
 */
public final class MonteCarloResult {
  /** The names of {@link #figures()}, in order: what a sweep can rank Monte Carlo runs by. */
  public static final List<String> FIGURES = List.of("paths", "barsPerPath", "initialEquity", "spanDays",
      "meanReturn", "medianReturn", "p5Return", "p95Return", "worstReturn", "bestReturn", "meanAnnualReturn",
      "medianAnnualReturn", "p5AnnualReturn", "p25AnnualReturn", "p75AnnualReturn", "p95AnnualReturn",
      "bestAnnualReturn", "worstAnnualReturn", "annualReturnVolatility", "meanSharpe", "medianSharpe", "p5Sharpe",
      "p95Sharpe", "meanMaxDrawdown", "medianMaxDrawdown", "p95MaxDrawdown", "worstMaxDrawdown", "successProbability",
      "ruinProbability", "var95", "cvar95", "var99", "cvar99", "meanTradesPerYear", "ladderExhaustionProbability",
      "medianCapitalInUse", "p95CapitalInUse", "maxCapitalInUse", "recoveredShare", "medianRecoveryDays",
      "p95RecoveryDays", "medianMaxUnderwaterDays", "p95MaxUnderwaterDays");

  private final String generator;
  private final int barsPerPath;
  private final long barMillis;
  private final double initialEquity;
  private final PathSummary[] summaries;
  private final double[][] curves;
  private final Duration elapsed;
  private final int threads;
  private final Distribution annualReturn;
  private final Distribution sharpe;
  private final Distribution maxDrawdown;
  private final Distribution capitalInUse;
  private final Distribution tradesPerYear;
  private final Distribution recoveryDays;
  private final double[] annualReturns;
  private final double[] periodReturns;
  private final double[] underwater;
  private final Distribution periodReturn;
  private final Distribution underwaterDays;

  /**
   * Makes a result from per-path summaries computed anywhere (e.g. merged from a cluster's parts).
   *
   * @param generator the generator's id
   * @param barsPerPath bars per path
   * @param barMillis the bar length in milliseconds
   * @param initialEquity the equity each path started with
   * @param summaries every path's summary, in path order
   * @param curves the sampled equity curves of the first paths, in path order
   * @param elapsed the run's duration (kept apart from the figures)
   * @param threads how many paths ran at once (kept apart from the figures)
   * @return the result
   */
  public static MonteCarloResult of(String generator, int barsPerPath, long barMillis, double initialEquity,
      PathSummary[] summaries, double[][] curves, Duration elapsed, int threads) {
    return new MonteCarloResult(generator, barsPerPath, barMillis, initialEquity, summaries.clone(),
        curves.clone(), elapsed, threads);
  }

  MonteCarloResult(String generator, int barsPerPath, long barMillis, double initialEquity, PathSummary[] summaries,
      double[][] curves, Duration elapsed, int threads) {
    this.generator = generator;
    this.barsPerPath = barsPerPath;
    this.barMillis = barMillis;
    this.initialEquity = initialEquity;
    this.summaries = summaries;
    this.curves = curves;
    this.elapsed = elapsed;
    this.threads = threads;
    int n = summaries.length;
    annualReturns = new double[n];
    double[] sh = new double[n];
    double[] dd = new double[n];
    double[] cap = new double[n];
    double[] tpy = new double[n];
    double[] total = new double[n];
    double[] under = new double[n];
    List<Double> rec = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      PathSummary s = summaries[i];
      annualReturns[i] = s.annualReturn();
      sh[i] = s.sharpe();
      dd[i] = s.maxDrawdown();
      cap[i] = s.peakCapitalInUse();
      tpy[i] = s.tradesPerYear();
      total[i] = s.finalEquity() / initialEquity - 1.0;
      under[i] = s.maxUnderwaterDays();
      if (!Double.isNaN(s.recoveryDays())) {
        rec.add(s.recoveryDays());
      }
    }
    annualReturn = new Distribution(annualReturns);
    sharpe = new Distribution(sh);
    maxDrawdown = new Distribution(dd);
    capitalInUse = new Distribution(cap);
    tradesPerYear = new Distribution(tpy);
    periodReturns = total;
    underwater = under;
    periodReturn = new Distribution(total);
    underwaterDays = new Distribution(under);
    recoveryDays = rec.isEmpty() ? null : new Distribution(rec.stream().mapToDouble(Double::doubleValue).toArray());
  }

  /** @return the number of paths */
  public int paths() {
    return summaries.length;
  }

  /** @return bars per path */
  public int barsPerPath() {
    return barsPerPath;
  }

  /** @return the generator's id */
  public String generator() {
    return generator;
  }

  /**
   * @param path a path index
   * @return that path's summary
   */
  public PathSummary path(int path) {
    return summaries[path];
  }

  /** @return the distribution of annual returns */
  public Distribution annualReturn() {
    return annualReturn;
  }

  /** @return the distribution of the paths' returns over their whole length (final over initial equity, minus one) */
  public Distribution periodReturn() {
    return periodReturn;
  }

  /** @return the distribution of each path's longest time under water, in days */
  public Distribution underwaterDays() {
    return underwaterDays;
  }

  /** @return the calendar length of one path in days */
  public double spanDays() {
    return barsPerPath * (double) barMillis / 86_400_000.0;
  }

  /**
   * @return whether the paths are long enough ({@link Metrics#MIN_ANNUALISED_DAYS}) for their
   *     annual returns, Sharpe ratios and trades per year to be results; when {@code false} they
   *     are extrapolations and the reports lead with {@link #periodReturn()}
   */
  public boolean annualised() {
    return Metrics.isAnnualisable(spanDays(), Metrics.MIN_ANNUALISED_DAYS);
  }

  /** @return the distribution of Sharpe ratios */
  public Distribution sharpe() {
    return sharpe;
  }

  /** @return the distribution of maximum drawdowns */
  public Distribution maxDrawdown() {
    return maxDrawdown;
  }

  /** @return the distribution of the capital in use at each path's deepest ladder point */
  public Distribution capitalInUse() {
    return capitalInUse;
  }

  /** @return the share of paths whose final equity is above the initial equity */
  public double successProbability() {
    return share(s -> s.finalEquity() > initialEquity);
  }

  /** @return the share of paths that were ruined or liquidated */
  public double ruinProbability() {
    return share(PathSummary::ruined);
  }

  /** @return the share of paths in which a position used every ladder level */
  public double ladderExhaustionProbability() {
    return share(PathSummary::ladderExhausted);
  }

  /** @return the share of paths that recovered from their deepest drawdown before the end */
  public double recoveredShare() {
    return share(s -> !Double.isNaN(s.recoveryDays()));
  }

  /** @return how long the run took (not part of any report) */
  public Duration elapsed() {
    return elapsed;
  }

  /** @return the worker threads used (not part of any report) */
  public int threads() {
    return threads;
  }

  private double share(java.util.function.Predicate<PathSummary> p) {
    int k = 0;
    for (PathSummary s : summaries) {
      if (p.test(s)) {
        k++;
      }
    }
    return k / (double) summaries.length;
  }

  /**
   * The report's figures by name, in a fixed order: the {@code report.json} fields.
   *
   * @return name to value ({@code NaN} where a figure does not exist, e.g. no path recovered)
   */
  public Map<String, Double> figures() {
    Map<String, Double> f = new LinkedHashMap<>();
    f.put("paths", (double) paths());
    f.put("barsPerPath", (double) barsPerPath);
    f.put("initialEquity", initialEquity);
    f.put("spanDays", spanDays());
    f.put("meanReturn", periodReturn.mean());
    f.put("medianReturn", periodReturn.median());
    f.put("p5Return", periodReturn.percentile(5));
    f.put("p95Return", periodReturn.percentile(95));
    f.put("worstReturn", periodReturn.min());
    f.put("bestReturn", periodReturn.max());
    f.put("meanAnnualReturn", annualReturn.mean());
    f.put("medianAnnualReturn", annualReturn.median());
    f.put("p5AnnualReturn", annualReturn.percentile(5));
    f.put("p25AnnualReturn", annualReturn.percentile(25));
    f.put("p75AnnualReturn", annualReturn.percentile(75));
    f.put("p95AnnualReturn", annualReturn.percentile(95));
    f.put("bestAnnualReturn", annualReturn.max());
    f.put("worstAnnualReturn", annualReturn.min());
    f.put("annualReturnVolatility", annualReturn.std());
    f.put("meanSharpe", sharpe.mean());
    f.put("medianSharpe", sharpe.median());
    f.put("p5Sharpe", sharpe.percentile(5));
    f.put("p95Sharpe", sharpe.percentile(95));
    f.put("meanMaxDrawdown", maxDrawdown.mean());
    f.put("medianMaxDrawdown", maxDrawdown.median());
    f.put("p95MaxDrawdown", maxDrawdown.percentile(95));
    f.put("worstMaxDrawdown", maxDrawdown.max());
    f.put("successProbability", successProbability());
    f.put("ruinProbability", ruinProbability());
    f.put("var95", Metrics.valueAtRisk(annualReturns, 0.95));
    f.put("cvar95", Metrics.conditionalValueAtRisk(annualReturns, 0.95));
    f.put("var99", Metrics.valueAtRisk(annualReturns, 0.99));
    f.put("cvar99", Metrics.conditionalValueAtRisk(annualReturns, 0.99));
    f.put("meanTradesPerYear", tradesPerYear.mean());
    f.put("ladderExhaustionProbability", ladderExhaustionProbability());
    f.put("medianCapitalInUse", capitalInUse.median());
    f.put("p95CapitalInUse", capitalInUse.percentile(95));
    f.put("maxCapitalInUse", capitalInUse.max());
    f.put("recoveredShare", recoveredShare());
    f.put("medianRecoveryDays", recoveryDays == null ? Double.NaN : recoveryDays.median());
    f.put("p95RecoveryDays", recoveryDays == null ? Double.NaN : recoveryDays.percentile(95));
    f.put("medianMaxUnderwaterDays", underwaterDays.median());
    f.put("p95MaxUnderwaterDays", underwaterDays.percentile(95));
    return f;
  }

  /**
   * The {@code report.json} document without assumptions; see {@link #toJson(Assumptions)}.
   *
   * @return the JSON text
   */
  public String toJson() {
    return toJson(Assumptions.none());
  }

  /**
   * The {@code report.json} document: the generator id, whether the annual figures are results
   * ({@code annualised}; {@code false} when the paths span fewer than {@link
   * Metrics#MIN_ANNUALISED_DAYS} days, the annual figures then being extrapolations), the
   * {@code assumptions} the run can be repeated from, then the {@link #figures()} as plain numbers
   * ({@code null} for NaN). Deterministic text for the same run.
   *
   * @param assumptions the run's assumptions (generator settings, seed, strategy, sizer, simulation)
   * @return the JSON text
   */
  public String toJson(Assumptions assumptions) {
    StringBuilder sb = new StringBuilder("{\n  \"generator\": \"").append(generator).append("\"");
    sb.append(",\n  \"annualised\": ").append(annualised());
    sb.append(",\n  \"minAnnualisedDays\": ").append(number(Metrics.MIN_ANNUALISED_DAYS));
    if (!assumptions.entries().isEmpty()) {
      sb.append(",\n  \"assumptions\": ").append(assumptions.toJson("  "));
    }
    for (Map.Entry<String, Double> e : figures().entrySet()) {
      sb.append(",\n  \"").append(e.getKey()).append("\": ").append(number(e.getValue()));
    }
    return sb.append("\n}\n").toString();
  }

  private static String number(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "null";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return Double.toString(v);
  }

  /**
   * The HTML report without assumptions; see {@link #toHtml(String, String, Assumptions)}.
   *
   * @param title the report title
   * @param subtitle a line describing the run
   * @return the report
   */
  public HtmlReport toHtml(String title, String subtitle) {
    return toHtml(title, subtitle, Assumptions.none());
  }

  /**
   * The HTML report: the headline (median return, share of paths ruined or liquidated, share
   * ending above the start, drawn equally large), the assumptions, the summary figures, the
   * equity fan chart, and the distributions of the return, the maximum drawdown, the deepest
   * ladder level reached, the longest time under water and the capital in use. Paths shorter than
   * {@link Metrics#MIN_ANNUALISED_DAYS} days lead with the return over the path and mark the
   * annual figures as extrapolated.
   *
   * @param title the report title
   * @param subtitle a line describing the run (strategy, parameters, generator, seed)
   * @param assumptions the run's assumptions
   * @return the report
   */
  public HtmlReport toHtml(String title, String subtitle, Assumptions assumptions) {
    int[] depthCounts = depthHistogram();
    double[] capital = new double[summaries.length];
    double[] dd = new double[summaries.length];
    for (int i = 0; i < summaries.length; i++) {
      capital[i] = summaries[i].peakCapitalInUse();
      dd[i] = summaries[i].maxDrawdown();
    }
    boolean annual = annualised();
    String span = String.format(Locale.ROOT, "%.0f days", spanDays());
    String x = annual ? "" : " (extrapolated)";
    HtmlReport.Builder b = HtmlReport.builder(title).subtitle(subtitle);
    b.headline(List.of(
        fig(annual ? "Median annual return" : "Median return over " + span,
            pct(annual ? annualReturn.median() : periodReturn.median()), "half of the paths did better"),
        fig("Paths ruined or liquidated", pct(ruinProbability()), "equity at or below zero, or a liquidation"),
        fig("Paths ending above the start", pct(successProbability()), null)));
    if (!annual) {
      b.note("The paths span " + span + ", fewer than " + String.format(Locale.ROOT, "%.0f", Metrics.MIN_ANNUALISED_DAYS)
          + ": the annual returns and Sharpe ratios below are extrapolated from a short window, not results.");
    }
    if (!assumptions.entries().isEmpty()) {
      b.assumptions(assumptions.entries(), assumptions.toJson(""));
    }
    b.figures("Across " + paths() + " paths of " + barsPerPath + " bars (" + span + ")", List.of(
            fig("Median / mean return over the path", pct(periodReturn.median()) + " / " + pct(periodReturn.mean()),
                "final equity over initial equity, minus one"),
            fig("5 % / 95 % return over the path", pct(periodReturn.percentile(5)) + " / "
                + pct(periodReturn.percentile(95)), "90 % of the paths lie between"),
            fig("Worst / best return over the path", pct(periodReturn.min()) + " / " + pct(periodReturn.max()),
                "a ruined path shows what it really ended with"),
            fig("Median / mean annual return" + x, pct(annualReturn.median()) + " / " + pct(annualReturn.mean()), null),
            fig("5 % / 95 % annual return" + x, pct(annualReturn.percentile(5)) + " / "
                + pct(annualReturn.percentile(95)), null),
            fig("VaR / CVaR 95 % of the annual return" + x, pct(Metrics.valueAtRisk(annualReturns, 0.95)) + " / "
                + pct(Metrics.conditionalValueAtRisk(annualReturns, 0.95)),
                "historical across paths: the 5 % worst path's return, and the mean of the 5 % worst"),
            fig("Median / 95 % max drawdown", pct(maxDrawdown.median()) + " / " + pct(maxDrawdown.percentile(95)), null),
            fig("Longest time under water (median / 95 %)", String.format(Locale.ROOT, "%.0f / %.0f days",
                underwaterDays.median(), underwaterDays.percentile(95)), "below a previous equity peak"),
            fig("Median Sharpe" + x, String.format(Locale.ROOT, "%.2f", sharpe.median()), "daily returns, 365 days"),
            fig("Trades per year (mean)" + x, String.format(Locale.ROOT, "%.1f", tradesPerYear.mean()), null),
            fig("Ladder exhausted", pct(ladderExhaustionProbability()), "share of paths that filled every level"),
            fig("Capital in use at the deepest ladder point (median / 95 %)",
                money(capitalInUse.median()) + " / " + money(capitalInUse.percentile(95)), null),
            fig("Recovered from the deepest drawdown", pct(recoveredShare())
                + (recoveryDays == null ? "" : ", median " + String.format(Locale.ROOT, "%.0f", recoveryDays.median())
                + " days"), "share of paths back at their previous peak before the end")));
    addFan(b);
    b.axes("return over the path", "paths").histogram("path-return", "Return of each path over " + span,
        periodReturns, 40, true, 0.0);
    b.axes("maximum drawdown", "paths").histogram("max-drawdown", "Maximum drawdown of each path", dd, 30, true,
        Double.NaN);
    b.axes("entry fills of the deepest position", "paths").counts("ladder-depth", "Deepest ladder level reached",
        depthCounts, 0);
    b.axes("days below a previous peak", "paths").histogram("underwater", "Longest time under water", underwater, 30,
        false, Double.NaN);
    b.axes("quote capital", "paths").histogram("capital-in-use", "Capital in use at the ladder's deepest point",
        capital, 30, false, Double.NaN);
    return b.build();
  }

  private void addFan(HtmlReport.Builder b) {
    int sampled = 0;
    for (double[] c : curves) {
      if (c != null) {
        sampled++;
      }
    }
    if (sampled == 0) {
      b.note("Equity fan: no path curves were sampled.");
      return;
    }
    int points = curves[0].length;
    double[] x = new double[points];
    double[][] bands = new double[5][points];
    double[] column = new double[sampled];
    for (int k = 0; k < points; k++) {
      int j = 0;
      for (double[] c : curves) {
        column[j++] = c[k];
      }
      Distribution d = new Distribution(column);
      bands[0][k] = d.percentile(5);
      bands[1][k] = d.percentile(25);
      bands[2][k] = d.percentile(50);
      bands[3][k] = d.percentile(75);
      bands[4][k] = d.percentile(95);
      // day of the path at this sample point
      x[k] = (double) sampleBar(k, points, barsPerPath) * barMillis / 86_400_000.0;
    }
    b.axes("day of the path", "equity (quote)").fanChart("equity-fan", "Equity of " + sampled + " paths by day", x, bands[0], bands[1], bands[2],
        bands[3], bands[4], false);
  }

  /**
   * The bar at which sample point {@code k} of {@code points} is taken: evenly spaced, the last
   * point at the last bar.
   *
   * @param k the sample point
   * @param points the number of points
   * @param bars the path length
   * @return the bar index
   */
  public static int sampleBar(int k, int points, int bars) {
    return (int) ((long) k * (bars - 1) / (points - 1));
  }

  private int[] depthHistogram() {
    int max = 0;
    for (PathSummary s : summaries) {
      max = Math.max(max, s.maxLadderDepth());
    }
    int[] counts = new int[max + 1];
    for (PathSummary s : summaries) {
      counts[s.maxLadderDepth()]++;
    }
    return counts;
  }

  private static HtmlReport.Figure fig(String label, String value, String hint) {
    return new HtmlReport.Figure(label, value, hint);
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v * 100);
  }

  private static String money(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }
}
