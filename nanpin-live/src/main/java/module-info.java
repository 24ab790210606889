/**
 * nanpin live: the live and paper trading engine, which runs one strategy against an exchange with
 * the store as its durable memory.
 */
module dev.nanpin.live {
  requires transitive dev.nanpin.core;
  requires transitive dev.nanpin.store;
  requires org.slf4j;
  requires jdk.httpserver;
  requires java.net.http;
  requires transitive micrometer.core;
  requires transitive micrometer.registry.prometheus;

  exports dev.nanpin.live;
  exports dev.nanpin.live.paper;

  provides dev.nanpin.spi.ExchangeProvider with dev.nanpin.live.internal.PaperExchangeProvider;
}
