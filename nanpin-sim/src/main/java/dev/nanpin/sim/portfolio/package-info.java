/**
 * Backtests of several symbols on one shared pool of capital: {@link
 * dev.nanpin.sim.portfolio.PortfolioBacktester} runs one strategy per symbol over the symbols'
 * bars merged by timestamp, on the kernel's {@link dev.nanpin.engine.PortfolioBook}, under an
 * optional {@link dev.nanpin.risk.guard.PortfolioGuard}, and reports per symbol and for the
 * portfolio ({@link dev.nanpin.sim.portfolio.PortfolioReport}).
 */
package dev.nanpin.sim.portfolio;
