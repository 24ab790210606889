package dev.nanpin.signals.internal;

import dev.nanpin.signals.WyckoffGenerator;

/** Provides the {@code wyckoff} signal generator. */
public final class WyckoffProvider extends BaseProvider {
  /** Creates the provider; does no work. */
  public WyckoffProvider() {
    super(WyckoffGenerator.ID,
        "Wyckoff phases A-E of accumulation and distribution with their events (SC, AR, ST, spring, SOS, LPS, ...)"
            + " from fractal pivots and the volume regime",
        WyckoffGenerator.SPEC, WyckoffGenerator::new);
  }
}
