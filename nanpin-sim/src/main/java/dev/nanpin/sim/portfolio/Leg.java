package dev.nanpin.sim.portfolio;

import dev.nanpin.BarSeries;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.UnknownSymbolException;
import dev.nanpin.engine.VisibleBars;
import dev.nanpin.sim.BacktestResult.FillRecord;
import dev.nanpin.sim.BacktestResult.Refusal;
import dev.nanpin.sim.BacktestResult.Trade;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.internal.LegEngine;
import dev.nanpin.sim.internal.SharedPool;
import java.util.List;

/**
 * One symbol of a portfolio run: the single-symbol simulator's engine ({@link LegEngine}) over
 * this symbol's bars, orders and strategy, and its {@link SharedPool}, the portfolio's side of it.
 * The engine handles the orders exactly as in a single-symbol backtest (the order of events within
 * a bar, the intrabar sweep, the gap rule, funding, sizing, rounding, the records); this class
 * answers what depends on every symbol from the run's {@link dev.nanpin.engine.PortfolioBook}: the
 * account the strategy sees (equity, cash and free margin are the shared pool's; the position,
 * average entry, entries and capital in use are this symbol's), the quote free for an order or a
 * fill, the cross-margin liquidation price (the other symbols' marks held), the guard, the capital
 * in use over all symbols, and the other symbols' bars ({@link VisibleBars}).
 *
 * <p>Not thread-safe: one run per thread.
 */
final class Leg implements SharedPool {
  final int index;
  final String symbol;
  final BarData data;
  final SimulationConfig cfg;
  private final PortfolioRun run;
  final LegEngine engine = LegEngine.create();

  /** The run's symbols, in leg order ({@link #symbols()}). */
  private List<String> runSymbols;
  /** Per leg, its bars as this leg's strategy may see them ({@link #bars(String, long)}); {@code null} at this leg. */
  private VisibleBars[] others;

  // The records, once the symbol's last bar has run.
  List<FillRecord> fills = List.of();
  List<Refusal> refusals = List.of();
  List<Trade> trades = List.of();
  int barsInMarket;
  int maxDepth;
  double peakCapital;

  Leg(int index, PortfolioLeg leg, PortfolioRun run) {
    this.index = index;
    this.symbol = leg.symbol();
    this.data = leg.data();
    this.cfg = leg.config();
    this.run = run;
    engine.prepare(cfg, symbol, data, this);
  }

  /** Links this leg to the run's other legs, once every leg exists. */
  void linkOthers(Leg[] legs) {
    String[] names = new String[legs.length];
    others = new VisibleBars[legs.length];
    for (int k = 0; k < legs.length; k++) {
      names[k] = legs[k].symbol;
      if (k != index) {
        others[k] = new VisibleBars(legs[k].symbol, legs[k].data, legs[k].data.intervalMillis());
      }
    }
    runSymbols = List.of(names);
  }

  // ---------------------------------------------------------------- the bar sequence

  void start(Strategy strat, Sizer siz) {
    engine.start(strat, siz);
    syncMark();
  }

  /** Bar {@code i} of this symbol, whole; this symbol's mark is then its close. */
  void bar(int i) {
    engine.bar(i);
    syncMark();
  }

  /** {@code onStop}; then the engine's records become this leg's. */
  void stop() {
    engine.stop();
    fills = engine.fills();
    trades = engine.trades(fills);
    refusals = engine.refusals();
    barsInMarket = engine.barsInMarket();
    maxDepth = engine.maxDepth();
    peakCapital = engine.peakCapital();
    run.liquidations += engine.liquidations();
  }

  /** @return the quote this symbol's resting orders reserve */
  double reserved() {
    return engine.reserved();
  }

  /** @return the notional of resting orders that would add to the position: the guard's "resting" */
  double addingNotional() {
    return engine.addingNotional();
  }

  /** The engine's mark is this symbol's mark in the pool; every figure of the pool is read at it. */
  private void syncMark() {
    run.marks[index] = engine.price();
  }

  // ---------------------------------------------------------------- SharedPool

  @Override
  public double equity() {
    syncMark();
    return run.equity();
  }

  @Override
  public double freeMargin() {
    syncMark();
    return run.freeMargin();
  }

  @Override
  public double collateral() {
    return equity();
  }

  @Override
  public double freeQuote() {
    return run.book.cash() - run.reserved();
  }

  @Override
  public double available(double own) {
    syncMark();
    return run.book.available(index, run.marks, run.reserved(), own);
  }

  @Override
  public double liquidationPrice() {
    return run.liquidationPrice(index);
  }

  @Override
  public String riskRefusal(int sign, double qty, double price, boolean reduceOnly) {
    syncMark();
    return run.riskRefusal(this, sign, qty, price, reduceOnly);
  }

  @Override
  public void notePeakCapital() {
    run.notePeakCapital();
  }

  /** The legs' symbols, in the order the backtest was given them. */
  @Override
  public List<String> symbols() {
    return runSymbols;
  }

  /** Another leg's bars that close strictly before {@code newestClose} ({@link VisibleBars}), whatever the order of the legs. */
  @Override
  public BarSeries bars(String sym, long newestClose) {
    for (int k = 0; k < others.length; k++) {
      if (k != index && runSymbols.get(k).equals(sym)) {
        return others[k].before(newestClose);
      }
    }
    throw new UnknownSymbolException(sym, runSymbols);
  }
}
