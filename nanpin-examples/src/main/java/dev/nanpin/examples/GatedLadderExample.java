package dev.nanpin.examples;

import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.signals.SignalRun;
import dev.nanpin.signals.WyckoffGenerator;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.Report;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.optimize.WalkForward;
import dev.nanpin.sizer.Sizers;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runnable example: the {@code nanpin} ladder with and without a Wyckoff entry gate, on the same
 * bars, before and after a split date (in- and out-of-sample: the gate and the ladder settings
 * were not fitted on either part), and by rolling walk-forward ({@link #walkForward}): both
 * ladders on every out-of-sample window, and the one of the two that did better in sample.
 *
 * <p>The Wyckoff generator runs once over the whole series (it never repaints, so its reading at a
 * bar depends on the bars up to it only) and its readings are replayed to the backtest as a signal
 * feed, each delivered at the close of its bar. Arguments: a CSV of bars, the split date
 * ({@code yyyy-mm-dd}, default 2022-01-01) and optionally the gate expression.
 */
public final class GatedLadderExample {
  /** The gate the example uses unless one is given. */
  public static final String DEFAULT_GATE =
      "wyckoff.bias == accumulation and (wyckoff.phase in (B, C, D) or wyckoff.springBar >= 0)";

  private GatedLadderExample() {}

  /**
   * One row of the comparison.
   *
   * @param period {@code in-sample} or {@code out-of-sample}
   * @param variant {@code plain} or {@code gated}
   * @param from the first bar's time
   * @param to the last bar's time
   * @param report the backtest report
   */
  public record Row(String period, String variant, Instant from, Instant to, Report report) {}

  /**
   * Runs the comparison.
   *
   * @param bars the bars
   * @param split the first out-of-sample bar time
   * @param gate the entry gate of the gated variant
   * @param ladder settings of both ladders (the gated one adds {@code entryGate})
   * @return four rows: in-sample plain and gated, out-of-sample plain and gated
   */
  public static List<Row> compare(BarData bars, Instant split, String gate, Map<String, Object> ladder) {
    List<Signal> feed = wyckoffFeed(bars);
    int cut = 0;
    while (cut < bars.size() && bars.timeMillis(cut) < split.toEpochMilli()) {
      cut++;
    }
    List<Row> rows = new ArrayList<>();
    for (int part = 0; part < 2; part++) {
      BarData slice = part == 0 ? WalkForward.slice(bars, 0, cut) : WalkForward.slice(bars, cut, bars.size());
      if (slice.size() < 2) {
        continue;
      }
      for (boolean gated : new boolean[] {false, true}) {
        BacktestResult r = backtest(slice, feed, ladder, gated ? gate : "");
        rows.add(new Row(part == 0 ? "in-sample" : "out-of-sample", gated ? "gated" : "plain",
            Instant.ofEpochMilli(slice.timeMillis(0)), Instant.ofEpochMilli(slice.timeMillis(slice.size() - 1)),
            r.report()));
      }
    }
    return rows;
  }

  /** One backtest of the example's settings; {@code gate} empty for the plain ladder. */
  private static BacktestResult backtest(BarData slice, List<Signal> feed, Map<String, Object> ladder, String gate) {
    NanpinConfig cfg = NanpinConfig.of(ladder).with("entryGate", gate);
    SimulationConfig sim = SimulationConfig.builder().capital(10_000).feeBps(10)
        .fillTiming(FillTiming.NEXT_OPEN).signals(feed).build();
    return new Backtester(sim).run(slice, new NanpinStrategy(cfg), Sizers.fixedQuote(500, 1));
  }

  /**
   * The walk-forward comparison: on rolling folds, the plain ladder, the gated ladder, and the one
   * of the two with the higher in-sample {@code metric}, each run on every out-of-sample window
   * (starting flat) and stitched into one out-of-sample result ({@link WalkForward#run}).
   *
   * @param plain the plain ladder on every out-of-sample window
   * @param gated the gated ladder on every out-of-sample window
   * @param chosen the variant chosen in sample, fold by fold
   */
  public record WalkForwardRows(WalkForward.Result plain, WalkForward.Result gated, WalkForward.Result chosen) {}

  /**
   * Runs the walk-forward comparison.
   *
   * @param bars the bars
   * @param gate the entry gate of the gated variant
   * @param ladder settings of both ladders
   * @param inSample in-sample bars per fold
   * @param outOfSample out-of-sample bars per fold
   * @param metric the {@link Report} figure the choice maximises, e.g. {@code totalReturn}
   * @return the three stitched out-of-sample results
   */
  public static WalkForwardRows walkForward(BarData bars, String gate, Map<String, Object> ladder, int inSample,
      int outOfSample, String metric) {
    List<Signal> feed = wyckoffFeed(bars);
    List<WalkForward.Window> windows = WalkForward.windows(bars.size(), inSample, outOfSample, WalkForward.Mode.ROLLING);
    Map<String, String> plain = Map.of("entryGate", "");
    Map<String, String> gated = Map.of("entryGate", gate);
    java.util.function.BiFunction<BarData, Map<String, String>, BacktestResult> run =
        (slice, c) -> backtest(slice, feed, ladder, c.get("entryGate"));
    return new WalkForwardRows(WalkForward.run(bars, windows, List.of(plain), run, metric, false, 1),
        WalkForward.run(bars, windows, List.of(gated), run, metric, false, 1),
        WalkForward.run(bars, windows, List.of(plain, gated), run, metric, false, 1));
  }

  /** The Wyckoff readings of every bar (defaults, a reading at every bar so none goes stale). */
  static List<Signal> wyckoffFeed(BarData bars) {
    SignalGenerator g = WyckoffGenerator.of(Map.of("everyBar", true));
    List<Signal> feed = new ArrayList<>();
    for (Signal s : SignalRun.replay(g, bars)) {
      if (s != null) {
        feed.add(s);
      }
    }
    return feed;
  }

  /**
   * Runs the example and prints the table.
   *
   * @param args a CSV of bars, optionally the split date and the gate
   */
  public static void main(String[] args) {
    if (args.length < 1) {
      System.err.println("usage: GatedLadderExample BARS.csv [SPLIT yyyy-mm-dd] [GATE]");
      return;
    }
    BarData bars = CsvBars.read(Path.of(args[0]));
    Instant split = Instant.parse((args.length > 1 ? args[1] : "2022-01-01") + "T00:00:00Z");
    String gate = args.length > 2 ? args[2] : DEFAULT_GATE;
    Map<String, Object> ladder = Map.of();
    System.out.println("nanpin ladder (defaults), 10 000 quote, 500 quote base order, fee 10 bps, next-open fills");
    System.out.println("gate: " + gate);
    System.out.printf(Locale.ROOT, "%-14s %-6s %-10s %-10s %9s %8s %8s %7s %6s%n", "period", "ladder", "from", "to",
        "return", "maxDD", "exposure", "trades", "fills");
    for (Row r : compare(bars, split, gate, ladder)) {
      Report p = r.report();
      System.out.printf(Locale.ROOT, "%-14s %-6s %-10s %-10s %8.2f%% %7.2f%% %7.1f%% %7d %6d%n", r.period(), r.variant(),
          r.from().toString().substring(0, 10), r.to().toString().substring(0, 10), 100 * p.totalReturn(),
          100 * p.maxDrawdown(), 100 * p.exposure(), p.closedTrades(), p.fills());
    }
    int in = 730;
    int out = 365;
    WalkForwardRows wf = walkForward(bars, gate, ladder, in, out, "totalReturn");
    System.out.printf(Locale.ROOT, "%nwalk-forward, rolling: %d bars in sample, %d out of sample, %d folds; the choice"
        + " maximises the in-sample return; out-of-sample windows stitched (each starts flat)%n", in, out,
        wf.chosen().folds().size());
    System.out.printf(Locale.ROOT, "%-22s %9s %8s %9s%n", "out of sample", "return", "maxDD", "days");
    for (String v : List.of("plain", "gated", "chosen in sample")) {
      WalkForward.Result r = v.equals("plain") ? wf.plain() : v.equals("gated") ? wf.gated() : wf.chosen();
      System.out.printf(Locale.ROOT, "%-22s %8.2f%% %7.2f%% %9.0f%n", v, 100 * r.figures().get("totalReturn"),
          100 * r.figures().get("maxDrawdown"), r.figures().get("spanDays"));
    }
    List<String> choices = new ArrayList<>();
    for (WalkForward.Fold f : wf.chosen().folds()) {
      choices.add(Instant.ofEpochMilli(bars.timeMillis(f.window().outStart())).toString().substring(0, 10) + " "
          + (f.best().get("entryGate").isEmpty() ? "plain" : "gated"));
    }
    System.out.println("chosen for the out-of-sample window starting: " + String.join("; ", choices));
  }
}
