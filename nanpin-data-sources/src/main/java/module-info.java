/**
 * Market and macro data sources (CoinGecko, CoinMarketCap, FRED, Polymarket, CoinGlass, Fear and
 * Greed), multi-source price validation and the macro, sentiment and liquidation signals.
 */
module dev.nanpin.data {
  requires transitive dev.nanpin.core;
  requires transitive dev.nanpin.http;
  requires okhttp3;
  requires com.fasterxml.jackson.databind;
  requires org.slf4j;

  exports dev.nanpin.data;
}
