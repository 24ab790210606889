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

  provides dev.nanpin.spi.DataSourceProvider with
      dev.nanpin.data.internal.Providers.CoinGecko,
      dev.nanpin.data.internal.Providers.CoinMarketCap,
      dev.nanpin.data.internal.Providers.Fred,
      dev.nanpin.data.internal.Providers.Polymarket,
      dev.nanpin.data.internal.Providers.CoinGlass,
      dev.nanpin.data.internal.Providers.FearGreed,
      dev.nanpin.data.internal.Providers.BinanceLiquidations;
}
