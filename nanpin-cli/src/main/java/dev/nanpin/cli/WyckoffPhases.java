package dev.nanpin.cli;

import dev.nanpin.BarSeries;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.signals.SignalRun;
import dev.nanpin.signals.WyckoffBias;
import dev.nanpin.signals.WyckoffEvent;
import dev.nanpin.signals.WyckoffPhase;
import dev.nanpin.signals.WyckoffSignal;
import dev.nanpin.sim.report.HtmlReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The Wyckoff phases and events of a backtest's bars as a phase chart of its HTML report.
 *
 * <p>The generator is replayed over the bars with the backtest's own settings; it never repaints,
 * so its readings are those the backtest's signal feed delivered. A phase is shaded from the bar at
 * whose close it became known to the bar before the next phase (never back-dated to its evidence,
 * which the hover names). An event is drawn at its evidence bar (the climax, the pivot, the spring's
 * close), which can be up to {@code pivotRight} bars before it became known: the hover gives both.
 */
final class WyckoffPhases {
  /** Events of the accumulation side: drawn as green up markers below the price. */
  private static final Set<WyckoffEvent> UP = EnumSet.of(WyckoffEvent.PS, WyckoffEvent.SC, WyckoffEvent.SPRING,
      WyckoffEvent.SOS, WyckoffEvent.LPS);
  /** Events named the same on both sides: their side is the range's bias. */
  private static final Set<WyckoffEvent> EITHER = EnumSet.of(WyckoffEvent.AR, WyckoffEvent.ST);

  private WyckoffPhases() {}

  /**
   * @param generator a fresh Wyckoff generator with the backtest's settings
   * @param bars the backtest's bars
   * @return the chart's spans and marks
   */
  static HtmlReport.Phases of(SignalGenerator generator, BarSeries bars) {
    Signal[] readings = SignalRun.replay(generator, bars);
    int n = bars.size();
    List<HtmlReport.Span> spans = new ArrayList<>();
    List<HtmlReport.Mark> marks = new ArrayList<>();
    WyckoffSignal open = null;
    int openFrom = 0;
    for (int i = 0; i < n; i++) {
      if (!(readings[i] instanceof WyckoffSignal w)) {
        continue;
      }
      if (open == null || w.bias() != open.bias() || w.phase() != open.phase()) {
        if (open != null) {
          span(spans, open, openFrom, i - 1, bars);
        }
        open = w;
        openFrom = i;
      }
      if (w.event() != null) {
        boolean up = EITHER.contains(w.event()) ? w.bias() == WyckoffBias.ACCUMULATION : UP.contains(w.event());
        int at = w.eventBar();
        marks.add(new HtmlReport.Mark(at, bars.close(at), w.event().name(), up, w.event().name() + ": evidence "
            + day(bars, at) + ", known at the close of " + day(bars, i) + " (" + w.bias().name().toLowerCase(Locale.ROOT) + ")"));
      }
    }
    if (open != null) {
      span(spans, open, openFrom, n - 1, bars);
    }
    return new HtmlReport.Phases("Wyckoff phases and events", "Shaded: the Wyckoff phase (green accumulation, red "
        + "distribution), from the bar at whose close it became known. Markers: events at their evidence bar; an "
        + "event proved by a swing pivot became known some bars later (hover for both dates). The readings are the "
        + "wyckoff signal's of this backtest, with its settings.", spans, marks);
  }

  private static void span(List<HtmlReport.Span> spans, WyckoffSignal w, int from, int to, BarSeries bars) {
    if (w.phase() == WyckoffPhase.NONE || w.bias() == WyckoffBias.NONE) {
      return;
    }
    boolean acc = w.bias() == WyckoffBias.ACCUMULATION;
    String what = (acc ? "accumulation" : "distribution") + " phase " + w.phase();
    String evidence = w.phaseBar() >= 0 ? " (evidence " + day(bars, w.phaseBar()) + ")" : "";
    spans.add(new HtmlReport.Span(from, to, (acc ? "acc. " : "dist. ") + w.phase(), acc ? "up" : "down",
        what + " from " + day(bars, from) + evidence + " to " + day(bars, to)));
  }

  private static String day(BarSeries bars, int i) {
    return Instant.ofEpochMilli(bars.timeMillis(i)).toString().substring(0, 10);
  }
}
