package dev.nanpin;

/**
 * Computes {@link Signal}s from the market itself (bars and, where it can, trades), as opposed to
 * a {@link DataSource}, which fetches them. Wyckoff phases, order flow, a volume profile and an ML
 * ensemble are generators; the same object runs in the simulator, in paper trading and live.
 *
 * <p><b>Never repaints.</b> The signal returned for bar {@code i} must be a function of bars
 * {@code 0..i} (and of the trades received before that bar closed) only: running a generator on a
 * prefix of a series gives exactly the values it gives on the whole series, bar for bar.
 *
 * <p><b>Cost.</b> {@link #onBar} is called at every bar close, so it should cost O(1) amortised
 * and allocate nothing when it has nothing new to say: keep running state in primitive fields and
 * return {@code null} when the reading did not change, or return a new record only when it did.
 *
 * <p>Callbacks arrive one at a time, in event order, on one thread; an implementation needs no
 * locking and is not required to be thread-safe. A generator is stateful: use one per series.
 */
public interface SignalGenerator {
  /**
   * Called when a bar closes; the closed bar is {@code bars.size() - 1}.
   *
   * @param bars the bars seen so far, the closed one last
   * @return the signal this bar produces, or {@code null} when there is nothing new to deliver
   */
  Signal onBar(BarSeries bars);

  /**
   * Called for each public trade of the market between bar closes, in venue order, before the
   * {@link #onBar} of the bar the trade belongs to. Generators that work from bars only ignore it.
   *
   * @param trade the trade
   */
  default void onTrade(Trade trade) {}

  /**
   * How many bars the generator needs before its readings mean anything; a backtest may load that
   * many bars of history before trading, and live trading asks the venue for them at start.
   *
   * @return the warm-up length in bars, {@code >= 0}
   */
  default int warmUpBars() {
    return 0;
  }
}
