/**
 * nanpin core: the model, the four plugin families (strategy, sizer, data source, exchange),
 * plugin lookup and typed configuration.
 */
module dev.nanpin.core {
  requires org.slf4j;

  exports dev.nanpin;
  exports dev.nanpin.spi;
  exports dev.nanpin.ratelimit;

  uses dev.nanpin.spi.StrategyProvider;
  uses dev.nanpin.spi.SizerProvider;
  uses dev.nanpin.spi.DataSourceProvider;
  uses dev.nanpin.spi.ExchangeProvider;
}
