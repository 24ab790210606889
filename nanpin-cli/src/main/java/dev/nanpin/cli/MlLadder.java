package dev.nanpin.cli;

import dev.nanpin.SignalFeed;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.ml.Dataset;
import dev.nanpin.ml.MlSignal;
import dev.nanpin.ml.Recommendation;
import dev.nanpin.ml.WalkForwardEvaluation;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.Report;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.optimize.WalkForward;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The ladder half of {@code nanpin ml evaluate}: on each walk-forward fold's test window, the
 * {@code nanpin} ladder without and with a gate on the fold model's readings, both backtested on
 * the same bars with the same settings.
 *
 * <p>Out of sample by construction: a fold's readings come from the model trained on that fold's
 * (purged, embargoed) training window only, each replayed at the close of its bar. Each fold's two
 * backtests start flat with the configured capital on the fold's first test bar; a position still
 * open at its last bar is marked at that close. Returns are period returns of the window, never
 * annualised here.
 */
final class MlLadder {
  /** The gate of the issue and the README: veto levels while the ensemble says strong sell. */
  static final String DEFAULT_GATE = "ml.recommendation != STRONG_SELL";

  private MlLadder() {}

  /**
   * One fold's pair of backtests.
   *
   * @param fold the fold's evaluation
   * @param bars bars of its test window
   * @param strongSell readings of the window that say {@link Recommendation#STRONG_SELL}
   * @param plain the ladder without the gate
   * @param gated the ladder with the gate
   */
  record Row(WalkForwardEvaluation.FoldResult fold, int bars, int strongSell, Report plain, Report gated) {}

  /**
   * Backtests both ladders on every fold's test window.
   *
   * @param bars the whole series the dataset was built from
   * @param data the dataset (its bar indices map samples to bars)
   * @param result the walk-forward evaluation
   * @param base the simulation settings; the fold's readings are added as the recorded feed {@code ml}
   * @param plain makes the ladder without the gate
   * @param gated makes the ladder with the gate
   * @param sizers makes the sizer of each run
   * @return one row per fold, in time order
   */
  static List<Row> run(BarData bars, Dataset data, WalkForwardEvaluation.Result result, SimulationConfig base,
      Supplier<Strategy> plain, Supplier<Strategy> gated, Supplier<Sizer> sizers) {
    List<Row> rows = new ArrayList<>();
    for (WalkForwardEvaluation.FoldResult f : result.folds()) {
      int from = data.barIndex()[f.fold().testFrom()];
      int to = data.barIndex()[f.fold().testTo() - 1] + 1;
      BarData window = WalkForward.slice(bars, from, to);
      List<SignalFeed> feeds = new ArrayList<>(base.signalFeeds());
      feeds.add(SignalFeed.recorded("ml", f.readings()));
      SimulationConfig config = base.toBuilder().signalFeeds(feeds).build();
      int strongSell = 0;
      for (MlSignal s : f.readings()) {
        strongSell += s.recommendation() == Recommendation.STRONG_SELL ? 1 : 0;
      }
      Report p = new Backtester(config).run(window, plain.get(), sizers.get()).report();
      Report g = new Backtester(config).run(window, gated.get(), sizers.get()).report();
      rows.add(new Row(f, window.size(), strongSell, p, g));
    }
    return rows;
  }

  /**
   * The gated ladder's entry gate: the ML condition, joined to the ladder's own {@code entryGate}
   * with {@code and} when it has one.
   *
   * @param own the {@code entryGate} set for both ladders, or {@code null}/blank
   * @param ml the ML condition
   * @return the gated ladder's {@code entryGate}
   */
  static String gate(String own, String ml) {
    return own == null || own.isBlank() ? ml : "(" + own.trim() + ") and (" + ml + ")";
  }
}
