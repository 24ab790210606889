/** Example plugins (strategies {@code sma-cross}, {@code ladder-basic}, sizer {@code step-up}, data source {@code constant-sentiment}) and runnable examples. */
module dev.nanpin.examples {
  requires dev.nanpin.core;
  requires dev.nanpin.sim;

  exports dev.nanpin.examples;

  provides dev.nanpin.spi.StrategyProvider with
      dev.nanpin.examples.SmaCrossProvider,
      dev.nanpin.examples.LadderBasicProvider;
  provides dev.nanpin.spi.SizerProvider with dev.nanpin.examples.StepUpSizerProvider;
  provides dev.nanpin.spi.DataSourceProvider with dev.nanpin.examples.ConstantSentimentSourceProvider;
}
