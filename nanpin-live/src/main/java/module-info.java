/**
 * nanpin live: the live and paper trading engine, which runs one strategy against an exchange with
 * the store as its durable memory.
 */
module dev.nanpin.live {
  requires transitive dev.nanpin.core;
  requires transitive dev.nanpin.store;
  requires org.slf4j;

  exports dev.nanpin.live;
  exports dev.nanpin.live.paper;

  provides dev.nanpin.spi.ExchangeProvider with dev.nanpin.live.internal.PaperExchangeProvider;
}
