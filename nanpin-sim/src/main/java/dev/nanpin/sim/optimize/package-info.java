/** Parameter sweeps (grid and seeded random search) and walk-forward analysis. */
package dev.nanpin.sim.optimize;
