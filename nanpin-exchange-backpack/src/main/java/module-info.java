/**
 * The Backpack Exchange connector: Ed25519-signed REST, WebSocket streams, and the {@code
 * backpack} {@link dev.nanpin.Exchange} plugin.
 */
module dev.nanpin.exchange.backpack {
  requires transitive dev.nanpin.core;
  requires transitive dev.nanpin.http;
  requires org.bouncycastle.provider;
  requires org.slf4j;

  exports dev.nanpin.exchange.backpack;

  provides dev.nanpin.spi.ExchangeProvider with dev.nanpin.exchange.backpack.internal.BackpackExchangeProvider;
}
