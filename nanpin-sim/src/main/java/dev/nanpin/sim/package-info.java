/** The simulator: backtests, Monte Carlo, sweeps and reports. */
package dev.nanpin.sim;
