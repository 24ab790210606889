package dev.nanpin.sim.internal;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.engine.AccountBook;
import dev.nanpin.sim.BacktestResult.FillRecord;
import dev.nanpin.sim.BacktestResult.Refusal;
import dev.nanpin.sim.BacktestResult.Trade;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.SimulationConfig;
import java.util.List;

/**
 * The single-symbol simulator engine, run one bar at a time as one symbol of a portfolio
 * backtest: the same order queues, intrabar sweeps, gap-rule batching, funding, sizing and
 * records as a single-symbol backtest, with the account figures, free quote, liquidation price
 * and guard of a {@link SharedPool}. The portfolio drives it: {@link #prepare} once, then {@link
 * #start} before the symbol's first bar, {@link #bar} for each of its bars in order, {@link #stop}
 * after the last.
 *
 * <p>Not part of the library's API (an internal package). Not thread-safe: one run per thread.
 */
public interface LegEngine {
  /**
   * A new engine (the simulator's own, whose class is in another package of this module).
   *
   * @return the engine
   */
  static LegEngine create() {
    return LegEngines.create();
  }

  /**
   * Configures the engine for one symbol of a run: its settings, its bars, and the pool it books
   * into. The book ({@link #book()}) is reset flat with no cash: its cash is the symbol's cash flow.
   *
   * @param config the symbol's settings (its capital and risk guard are not read)
   * @param symbol the symbol's name in the run
   * @param data its bars, at least one
   * @param pool the shared pool
   */
  void prepare(SimulationConfig config, String symbol, BarData data, SharedPool pool);

  /**
   * {@code onStart}, before the first bar.
   *
   * @param strategy the symbol's strategy
   * @param sizer its sizer
   */
  void start(Strategy strategy, Sizer sizer);

  /**
   * Bar {@code i}, whole: funding, next-open fills, the intrabar sweep, the signals known by its
   * close, {@code onBar}, close-time market orders.
   *
   * @param i the bar's index, one more than the last one run
   */
  void bar(int i);

  /** {@code onStop}, after the last bar; market orders still queued are recorded as refused. */
  void stop();

  /** @return the symbol's position and cash-flow book, read by the pool's {@code PortfolioBook} */
  AccountBook book();

  /** @return the symbol's current mark: the price of the print being handled, or the last close */
  double price();

  /** @return the quote the symbol's resting orders reserve */
  double reserved();

  /** @return the notional of resting orders that would add to the position: a guard's "resting" */
  double addingNotional();

  /** @return the fills, after {@link #stop} */
  List<FillRecord> fills();

  /**
   * @param fills {@link #fills()}
   * @return the closed round trips, after {@link #stop}
   */
  List<Trade> trades(List<FillRecord> fills);

  /** @return the refused orders, after {@link #stop} */
  List<Refusal> refusals();

  /** @return the bars whose close found a position open, after {@link #stop} */
  int barsInMarket();

  /** @return the most fills that built one position */
  int maxDepth();

  /** @return the most capital the symbol had in use (cost or margin plus its reservations) */
  double peakCapital();

  /** @return the liquidations of the symbol's position */
  int liquidations();
}
