/** nanpin simulator: backtests over bars, reports and the reference price generator. Depends on core only. */
module dev.nanpin.sim {
  requires transitive dev.nanpin.core;

  exports dev.nanpin.sim.paper;

  provides dev.nanpin.spi.ExchangeProvider with dev.nanpin.sim.internal.PaperExchangeProvider;
}
