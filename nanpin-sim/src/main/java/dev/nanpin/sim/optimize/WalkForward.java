package dev.nanpin.sim.optimize;

import dev.nanpin.metrics.Metrics;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.BarData;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;

/**
 * Walk-forward analysis: optimise on each in-sample window, run the winner on the following
 * out-of-sample window, and judge the strategy only by the out-of-sample results stitched
 * together. It is the honest answer to parameters tuned on the data they are judged on.
 *
 * <ul>
 *   <li>{@link Mode#ROLLING}: in-sample windows of a fixed length slide forward by the
 *       out-of-sample length.
 *   <li>{@link Mode#ANCHORED}: in-sample windows all start at bar 0 and grow.
 * </ul>
 * Each out-of-sample run starts flat with the initial capital on its own slice of bars, so
 * indicators warm up inside the window (a conservative choice: no position or signal carries
 * over from the in-sample period). The stitched curve chains the windows' equity multiplicatively.
 */
public final class WalkForward {
  private WalkForward() {}

  /** How in-sample windows move. */
  public enum Mode {
    /** Fixed-length in-sample windows sliding forward. */
    ROLLING,
    /** In-sample windows from bar 0, growing. */
    ANCHORED
  }

  /**
   * One fold's bar ranges, start inclusive, end exclusive.
   *
   * @param inStart first in-sample bar
   * @param inEnd end of the in-sample bars
   * @param outStart first out-of-sample bar (= {@code inEnd})
   * @param outEnd end of the out-of-sample bars
   */
  public record Window(int inStart, int inEnd, int outStart, int outEnd) {
    /** Validates. */
    public Window {
      if (inStart < 0 || inEnd <= inStart || outStart != inEnd || outEnd <= outStart) {
        throw new IllegalArgumentException("bad window [%d, %d) -> [%d, %d)".formatted(inStart, inEnd, outStart, outEnd));
      }
    }
  }

  /**
   * Splits {@code bars} bars into folds.
   *
   * @param bars the number of bars
   * @param inSample in-sample length in bars (the first window's, when anchored)
   * @param outSample out-of-sample length in bars
   * @param mode rolling or anchored
   * @return the windows, at least one
   * @throws IllegalArgumentException if not even one fold fits
   */
  public static List<Window> windows(int bars, int inSample, int outSample, Mode mode) {
    if (inSample < 2 || outSample < 2) {
      throw new IllegalArgumentException("in- and out-of-sample lengths must be >= 2 bars");
    }
    List<Window> out = new ArrayList<>();
    for (int k = 0; ; k++) {
      int outStart = inSample + k * outSample;
      int outEnd = outStart + outSample;
      if (outEnd > bars) {
        break;
      }
      int inStart = mode == Mode.ANCHORED ? 0 : outStart - inSample;
      out.add(new Window(inStart, outStart, outStart, outEnd));
    }
    if (out.isEmpty()) {
      throw new IllegalArgumentException("%d bars do not fit one fold of %d in-sample + %d out-of-sample bars"
          .formatted(bars, inSample, outSample));
    }
    return out;
  }

  /**
   * One fold's outcome.
   *
   * @param window the bar ranges
   * @param best the winning parameters in sample
   * @param inSampleScore the winner's in-sample figure
   * @param outOfSample the winner's figures out of sample
   */
  public record Fold(Window window, Map<String, String> best, double inSampleScore, Map<String, Double> outOfSample) {}

  /**
   * The whole analysis.
   *
   * @param folds the folds in time order
   * @param time the stitched out-of-sample bar times
   * @param equity the stitched out-of-sample equity
   * @param figures figures of the stitched curve: {@code totalReturn}, {@code cagr}, {@code sharpe},
   *     {@code maxDrawdown}, {@code folds}, {@code outOfSampleBars}, {@code spanDays} (the out-of-sample
   *     windows' calendar days: below the minimum span the CAGR and Sharpe are extrapolations)
   */
  public record Result(List<Fold> folds, long[] time, double[] equity, Map<String, Double> figures) {}

  /**
   * Runs the analysis.
   *
   * @param data all bars
   * @param windows the folds, e.g. from {@link #windows}
   * @param candidates the parameter candidates tried in each in-sample window
   * @param backtest runs one candidate on a slice of bars; called from worker threads
   * @param metric the report figure to optimise (a component name of {@link dev.nanpin.sim.Report})
   * @param minimize whether smaller is better
   * @param threads worker threads for each in-sample sweep
   * @return the folds and the stitched out-of-sample result
   */
  public static Result run(BarData data, List<Window> windows, List<Map<String, String>> candidates,
      BiFunction<BarData, Map<String, String>, BacktestResult> backtest, String metric, boolean minimize,
      int threads) {
    Objects.requireNonNull(data, "data");
    List<Fold> folds = new ArrayList<>();
    List<long[]> times = new ArrayList<>();
    List<double[]> equities = new ArrayList<>();
    double capital = Double.NaN;
    double spanDays = 0;
    for (Window w : windows) {
      BarData in = slice(data, w.inStart(), w.inEnd());
      List<Sweep.Result> ranked = Sweep.run(candidates,
          c -> ReportFigures.of(backtest.apply(in, c).report()), metric, minimize, threads);
      Sweep.Result winner = ranked.get(0);
      if (winner.error() != null || Double.isNaN(winner.figure(metric))) {
        throw new IllegalStateException("no candidate could be evaluated in sample for window " + w + ": "
            + winner.error());
      }
      BarData out = slice(data, w.outStart(), w.outEnd());
      BacktestResult oos = backtest.apply(out, winner.parameters());
      capital = oos.report().startEquity();
      spanDays += oos.report().spanDays();
      folds.add(new Fold(w, winner.parameters(), winner.figure(metric), ReportFigures.of(oos.report())));
      long[] t = new long[out.size()];
      for (int i = 0; i < t.length; i++) {
        t[i] = out.timeMillis(i);
      }
      times.add(t);
      equities.add(oos.equity().clone());
    }
    int total = equities.stream().mapToInt(e -> e.length).sum();
    long[] time = new long[total];
    double[] equity = new double[total];
    double level = capital;
    int k = 0;
    for (int f = 0; f < equities.size(); f++) {
      double[] e = equities.get(f);
      double scale = level / capital;
      for (int i = 0; i < e.length; i++, k++) {
        time[k] = times.get(f)[i];
        equity[k] = e[i] * scale;
      }
      level = equity[k - 1];
    }
    double[] daily = Metrics.dailyEquity(time, equity, total, capital);
    double cagr = Metrics.cagr(daily, Metrics.DAYS_PER_YEAR);
    double[] withStart = new double[total + 1];
    withStart[0] = capital;
    System.arraycopy(equity, 0, withStart, 1, total);
    Map<String, Double> figures = new LinkedHashMap<>();
    figures.put("folds", (double) folds.size());
    figures.put("outOfSampleBars", (double) total);
    figures.put("spanDays", spanDays);
    figures.put("totalReturn", equity[total - 1] / capital - 1.0);
    figures.put("cagr", cagr);
    figures.put("sharpe", Metrics.sharpe(Metrics.returns(daily), Metrics.DAYS_PER_YEAR));
    figures.put("maxDrawdown", Metrics.maxDrawdown(withStart));
    return new Result(List.copyOf(folds), time, equity, figures);
  }

  /**
   * A copy of bars {@code [from, to)}.
   *
   * @param data the bars
   * @param from first bar, inclusive
   * @param to last bar, exclusive
   * @return the slice
   */
  public static BarData slice(BarData data, int from, int to) {
    int n = to - from;
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = data.timeMillis(from + i);
      o[i] = data.open(from + i);
      h[i] = data.high(from + i);
      l[i] = data.low(from + i);
      c[i] = data.close(from + i);
      v[i] = data.volume(from + i);
    }
    return BarData.of(t, o, h, l, c, v);
  }
}
