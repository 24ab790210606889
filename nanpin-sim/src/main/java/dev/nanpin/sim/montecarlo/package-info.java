/**
 * Monte Carlo runs: path generators (reference GBM, fast GBM with fat tails and jumps,
 * block bootstrap of real history), the parallel deterministic runner and its statistics.
 */
package dev.nanpin.sim.montecarlo;
