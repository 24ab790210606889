/** Example strategy plugins ({@code sma-cross}, {@code ladder-basic}) and runnable examples. */
module dev.nanpin.examples {
  requires dev.nanpin.core;
  requires dev.nanpin.sim;
  requires dev.nanpin.signals;

  exports dev.nanpin.examples;

  provides dev.nanpin.spi.StrategyProvider with
      dev.nanpin.examples.SmaCrossProvider,
      dev.nanpin.examples.LadderBasicProvider;
}
