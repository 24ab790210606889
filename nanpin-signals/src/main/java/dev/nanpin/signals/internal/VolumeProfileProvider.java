package dev.nanpin.signals.internal;

import dev.nanpin.signals.VolumeProfileGenerator;

/** Provides the {@code volume-profile} signal generator. */
public final class VolumeProfileProvider extends BaseProvider {
  /** Creates the provider; does no work. */
  public VolumeProfileProvider() {
    super(VolumeProfileGenerator.ID,
        "Volume profile over a rolling window or a session: point of control, value area, high/low-volume nodes",
        VolumeProfileGenerator.SPEC, VolumeProfileGenerator::new);
  }
}
