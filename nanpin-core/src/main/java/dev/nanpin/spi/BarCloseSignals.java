package dev.nanpin.spi;

import dev.nanpin.BarSeries;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Trade;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The signals due at a bar close, for engines that drive strategies: the {@link
 * SignalFeed.Recorded recorded} signals observed by the close and the readings of the {@link
 * SignalFeed.Computed computed} feeds' generators, in the order {@link SignalFeed} documents. The
 * live engine and the simulator both deliver bar-close signals through it, so the order is
 * defined once.
 *
 * <p>A bar close on which every generator returns {@code null} and no recorded signal is due
 * allocates nothing: the generators sit in an array and the sink is the caller's.
 *
 * <p>Not thread-safe: one per engine run, used from the engine's thread. Polled and streamed
 * feeds are not delivered at bar close and are ignored here.
 */
public final class BarCloseSignals {
  private final Signal[] recorded;
  private final long[] recordedMillis;
  private int cursor;
  private final SignalGenerator[] generators;

  private BarCloseSignals(List<Signal> recorded, List<SignalGenerator> generators) {
    this.recorded = recorded.toArray(Signal[]::new);
    this.recordedMillis = new long[this.recorded.length];
    for (int k = 0; k < this.recorded.length; k++) {
      recordedMillis[k] = this.recorded[k].asOf().toEpochMilli();
    }
    this.generators = generators.toArray(SignalGenerator[]::new);
  }

  /**
   * Makes the run state of the recorded and computed feeds among {@code feeds}: the recorded
   * signals merged in time order, and one new generator per computed feed, in the feeds' order.
   *
   * @param feeds the feeds; polled and streamed ones are skipped
   * @return the run state
   */
  public static BarCloseSignals of(List<? extends SignalFeed> feeds) {
    List<Signal> recorded = new ArrayList<>();
    List<SignalGenerator> generators = new ArrayList<>();
    for (SignalFeed f : feeds) {
      if (f instanceof SignalFeed.Recorded r) {
        recorded.addAll(r.signals());
      } else if (f instanceof SignalFeed.Computed c) {
        generators.add(c.newGenerator());
      }
    }
    // One stable sort of the merged list: ties keep the feeds' order.
    recorded.sort(java.util.Comparator.comparing(Signal::asOf));
    return new BarCloseSignals(recorded, generators);
  }

  /** @return whether there is nothing to deliver at any bar close */
  public boolean isEmpty() {
    return generators.length == 0 && cursor == recorded.length;
  }

  /** @return whether any generator runs at every bar close */
  public boolean computes() {
    return generators.length > 0;
  }

  /** @return the largest {@link SignalGenerator#warmUpBars()} of the generators, 0 without any */
  public int warmUpBars() {
    int max = 0;
    for (SignalGenerator g : generators) {
      max = Math.max(max, g.warmUpBars());
    }
    return max;
  }

  /**
   * Hands a public trade to every generator, in the feeds' order.
   *
   * @param trade the trade
   */
  public void onTrade(Trade trade) {
    for (SignalGenerator g : generators) {
      g.onTrade(trade);
    }
  }

  /**
   * Delivers what is due at the close of the last bar of {@code bars}: the recorded signals with
   * {@code asOf <= closeMillis}, in time order, then each generator's reading of the bar.
   *
   * @param bars the bars seen so far, the closed one last
   * @param closeMillis the bar's close time (its open time plus the bar length), epoch millis
   * @param sink receives each signal, on the caller's thread
   */
  public void onBarClose(BarSeries bars, long closeMillis, Consumer<? super Signal> sink) {
    while (cursor < recorded.length && recordedMillis[cursor] <= closeMillis) {
      sink.accept(recorded[cursor++]);
    }
    for (SignalGenerator g : generators) {
      Signal s = g.onBar(bars);
      if (s != null) {
        sink.accept(s);
      }
    }
  }
}
