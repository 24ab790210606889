/**
 * Example plugins (strategies {@code sma-cross}, {@code ladder-basic}; signal {@code sma-trend}; sizer
 * {@code step-up}; data source {@code constant-sentiment}) and runnable examples.
 */
module dev.nanpin.examples {
  requires dev.nanpin.core;
  requires dev.nanpin.sim;
  requires dev.nanpin.live;
  requires dev.nanpin.signals;

  exports dev.nanpin.examples;

  provides dev.nanpin.spi.StrategyProvider with
      dev.nanpin.examples.SmaCrossProvider,
      dev.nanpin.examples.LadderBasicProvider;
  provides dev.nanpin.spi.SignalGeneratorProvider with dev.nanpin.examples.SmaTrendProvider;
  provides dev.nanpin.spi.SizerProvider with dev.nanpin.examples.StepUpSizerProvider;
  provides dev.nanpin.spi.DataSourceProvider with dev.nanpin.examples.ConstantSentimentSourceProvider;
}
