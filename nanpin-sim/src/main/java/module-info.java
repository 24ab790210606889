/** nanpin simulator: backtests over bars, Monte Carlo, sweeps and their runners, the optimiser, reports and the reference price generator. Depends on core and, for the optimiser, Jenetics. */
module dev.nanpin.sim {
  requires transitive dev.nanpin.core;
  requires io.jenetics.ext;

  exports dev.nanpin.sim;
  exports dev.nanpin.sim.montecarlo;
  exports dev.nanpin.sim.report;
  exports dev.nanpin.sim.optimize;
  exports dev.nanpin.sim.run;
  exports dev.nanpin.sim.portfolio;

  uses dev.nanpin.sim.run.RunnerProvider;

  provides dev.nanpin.sim.run.RunnerProvider with dev.nanpin.sim.internal.LocalRunnerProvider;
}
