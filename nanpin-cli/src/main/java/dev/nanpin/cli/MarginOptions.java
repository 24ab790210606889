package dev.nanpin.cli;

import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.sim.SimulationConfig;
import picocli.CommandLine.Option;

/**
 * The perp maintenance-margin function, Backpack's {@code mmfFunction} of type {@code sqrt}: one
 * set of options and one default for {@code plan}, {@code backtest}, {@code montecarlo} and
 * {@code sweep}, so a plan and a backtest of the same ladder liquidate at the same price.
 */
final class MarginOptions {
  @Option(names = "--mmf-base", defaultValue = "" + SimulationConfig.DEFAULT_MMF_BASE, paramLabel = "FRACTION",
      description = "Maintenance-margin base fraction, Backpack mmfFunction 'base' (default: ${DEFAULT-VALUE}).")
  double mmfBase;

  @Option(names = "--mmf-factor", defaultValue = "" + SimulationConfig.DEFAULT_MMF_FACTOR, paramLabel = "FACTOR",
      description = "Maintenance-margin sqrt factor, Backpack mmfFunction 'factor' (default: ${DEFAULT-VALUE},"
          + " the SOL_USDC_PERP value in the Backpack reference; pass your market's; 0 for a constant --mmf-base).")
  double mmfFactor;

  /** @return {@code mmfBase + mmfFactor * sqrt(notional)} */
  MaintenanceMargin function() {
    return MaintenanceMargin.sqrt(mmfBase, mmfFactor);
  }
}
