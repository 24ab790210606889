/**
 * nanpin signals: signals computed from the market (Wyckoff phases, order flow, volume profile)
 * as {@link dev.nanpin.SignalGenerator}s. Depends on core only.
 */
module dev.nanpin.signals {
  requires transitive dev.nanpin.core;

  exports dev.nanpin.signals;

  provides dev.nanpin.spi.SignalGeneratorProvider with
      dev.nanpin.signals.internal.WyckoffProvider,
      dev.nanpin.signals.internal.OrderFlowProvider,
      dev.nanpin.signals.internal.VolumeProfileProvider;
}
