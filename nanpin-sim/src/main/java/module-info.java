/** nanpin simulator: backtests over bars, Monte Carlo, sweeps, reports and the reference price generator. Depends on core only. */
module dev.nanpin.sim {
  requires transitive dev.nanpin.core;

  exports dev.nanpin.sim;
  exports dev.nanpin.sim.montecarlo;
  exports dev.nanpin.sim.report;
  exports dev.nanpin.sim.optimize;
}
