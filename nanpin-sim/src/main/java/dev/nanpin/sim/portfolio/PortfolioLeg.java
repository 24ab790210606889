package dev.nanpin.sim.portfolio;

import dev.nanpin.sim.BarData;
import dev.nanpin.sim.SimulationConfig;
import java.util.Objects;

/**
 * One symbol of a portfolio backtest: its name, its bars and its simulation settings.
 *
 * <p>The settings are the single-symbol backtest's ({@link SimulationConfig}): instrument, maker
 * and taker fees, slippage, fill timing, intrabar path, touch rule, rounding, and on a perp its
 * leverage, maintenance margin, liquidation fee and funding; they may differ per symbol. Their
 * capital, default sizer quote and risk guard are not read (the portfolio has one pool of capital
 * and one guard, see {@link PortfolioBacktester}). Its recorded signals and computed signal feeds
 * reach this symbol's strategy as in a single-symbol backtest.
 *
 * @param symbol the symbol's name, unique within the portfolio
 * @param data its bars
 * @param config its settings
 */
public record PortfolioLeg(String symbol, BarData data, SimulationConfig config) {
  /** Validates. */
  public PortfolioLeg {
    Objects.requireNonNull(symbol, "symbol");
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(config, "config");
    if (symbol.isBlank()) {
      throw new IllegalArgumentException("a leg needs a symbol name");
    }
  }
}
