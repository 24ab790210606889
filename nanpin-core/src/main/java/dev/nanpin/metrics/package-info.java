/**
 * Performance metrics (returns, CAGR, Sharpe, Sortino, drawdown, VaR, trade statistics) as pure
 * functions over primitive arrays, shared by the simulator, Monte Carlo and live reports.
 */
package dev.nanpin.metrics;
