/**
 * nanpin core: the model, the plugin families (strategy, sizer, data source, exchange, signal generator),
 * plugin lookup and typed configuration, the built-in nanpin strategy and sizers, and the risk
 * maths.
 */
module dev.nanpin.core {
  requires org.slf4j;

  exports dev.nanpin;
  exports dev.nanpin.spi;
  exports dev.nanpin.metrics;
  exports dev.nanpin.strategy;
  exports dev.nanpin.sizer;
  exports dev.nanpin.risk;
  exports dev.nanpin.risk.guard;
  exports dev.nanpin.ratelimit;
  exports dev.nanpin.engine;
  exports dev.nanpin.telemetry;

  uses dev.nanpin.spi.StrategyProvider;
  uses dev.nanpin.spi.SizerProvider;
  uses dev.nanpin.spi.DataSourceProvider;
  uses dev.nanpin.spi.ExchangeProvider;
  uses dev.nanpin.spi.SignalGeneratorProvider;

  provides dev.nanpin.spi.StrategyProvider with dev.nanpin.internal.plugins.NanpinStrategyProvider;
  provides dev.nanpin.spi.SizerProvider with
      dev.nanpin.internal.plugins.FixedQuoteSizerProvider,
      dev.nanpin.internal.plugins.PercentEquitySizerProvider,
      dev.nanpin.internal.plugins.KellySizerProvider,
      dev.nanpin.internal.plugins.TieredLeverageSizerProvider,
      dev.nanpin.internal.plugins.BuyCountDecaySizerProvider;
}
