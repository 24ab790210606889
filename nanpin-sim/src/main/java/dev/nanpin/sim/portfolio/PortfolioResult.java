package dev.nanpin.sim.portfolio;

import dev.nanpin.sim.BacktestResult.FillRecord;
import dev.nanpin.sim.BacktestResult.Refusal;
import dev.nanpin.sim.BacktestResult.Trade;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a portfolio backtest produced: the report, every symbol's fills, refusals and round
 * trips, the portfolio's equity and capital in use at every timestamp, and each symbol's P&amp;L,
 * capital in use and exposure at every timestamp. Immutable and thread-safe.
 */
public final class PortfolioResult {
  private final PortfolioReport report;
  private final List<String> symbols;
  private final Map<String, List<FillRecord>> fills = new LinkedHashMap<>();
  private final Map<String, List<Refusal>> refusals = new LinkedHashMap<>();
  private final Map<String, List<Trade>> trades = new LinkedHashMap<>();
  private final long[] times;
  private final double[] equity;
  private final double[] capitalInUse;
  private final Map<String, double[][]> perSymbol = new LinkedHashMap<>();

  PortfolioResult(PortfolioRun run, PortfolioReport report) {
    this.report = report;
    List<String> names = new ArrayList<>();
    for (Leg leg : run.legs) {
      names.add(leg.symbol);
      fills.put(leg.symbol, List.copyOf(leg.fills));
      refusals.put(leg.symbol, List.copyOf(leg.refusals));
      trades.put(leg.symbol, List.copyOf(leg.trades));
      perSymbol.put(leg.symbol, new double[][] {run.parts[leg.index].clone(), run.symbolCapital[leg.index].clone(),
          run.notional[leg.index].clone()});
    }
    this.symbols = List.copyOf(names);
    this.times = run.times.clone();
    this.equity = run.equity.clone();
    this.capitalInUse = run.capitalInUse.clone();
  }

  /** @return the figures */
  public PortfolioReport report() {
    return report;
  }

  /** @return the symbols in the order of the legs */
  public List<String> symbols() {
    return symbols;
  }

  /**
   * @param symbol a symbol of the run
   * @return its fills in fill order ({@link FillRecord#index()} is the index of its own bar)
   */
  public List<FillRecord> fills(String symbol) {
    return known(fills, symbol);
  }

  /**
   * @param symbol a symbol of the run
   * @return its refused orders
   */
  public List<Refusal> refusals(String symbol) {
    return known(refusals, symbol);
  }

  /**
   * @param symbol a symbol of the run
   * @return its closed round trips
   */
  public List<Trade> trades(String symbol) {
    return known(trades, symbol);
  }

  private static <T> T known(Map<String, T> m, String symbol) {
    T v = m.get(symbol);
    if (v == null) {
      throw new IllegalArgumentException("no symbol " + symbol + " in this run; symbols: " + m.keySet());
    }
    return v;
  }

  /** @return the timestamps of the merged timeline, epoch milliseconds (a copy) */
  public long[] times() {
    return times.clone();
  }

  /** @return the portfolio's equity at each timestamp (a copy) */
  public double[] equity() {
    return equity.clone();
  }

  /** @return the capital in use over all symbols at each timestamp (a copy) */
  public double[] capitalInUse() {
    return capitalInUse.clone();
  }

  /**
   * @param symbol a symbol of the run
   * @return its part of the portfolio's P&amp;L at each timestamp (cash flow plus holding value;
   *     {@link PortfolioReport.SymbolReport#pnl()} is the last), a copy
   */
  public double[] pnl(String symbol) {
    return known(perSymbol, symbol)[0].clone();
  }

  /**
   * @param symbol a symbol of the run
   * @return its capital in use at each timestamp (spot cost or perp margin plus its resting
   *     reservations), a copy
   */
  public double[] capitalInUse(String symbol) {
    return known(perSymbol, symbol)[1].clone();
  }

  /**
   * @param symbol a symbol of the run
   * @return the notional of its position at each timestamp, quantity times its last price, a copy
   */
  public double[] exposure(String symbol) {
    return known(perSymbol, symbol)[2].clone();
  }
}
