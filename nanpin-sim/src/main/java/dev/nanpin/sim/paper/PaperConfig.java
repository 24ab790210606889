package dev.nanpin.sim.paper;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * The simulated account of a {@link PaperExchange}.
 *
 * @param instrument the market traded (its tick, step and minimum are enforced)
 * @param initialCash the starting quote balance, {@code > 0}
 * @param makerFeeRate the fee of a resting limit order as a fraction (2 bps = {@code 0.0002})
 * @param takerFeeRate the fee of a market or marketable order as a fraction
 * @param slippage the fraction a market order fills worse than the mark, {@code >= 0}
 * @param leverage the margin leverage on a perpetual, {@code >= 1}; ignored on spot
 */
public record PaperConfig(Instrument instrument, BigDecimal initialCash, double makerFeeRate, double takerFeeRate,
    double slippage, double leverage) {

  /** Validates. */
  public PaperConfig {
    Objects.requireNonNull(instrument, "instrument");
    Objects.requireNonNull(initialCash, "initialCash");
    if (initialCash.signum() <= 0) {
      throw new IllegalArgumentException("initialCash must be > 0: " + initialCash.toPlainString());
    }
    if (!(makerFeeRate >= 0 && makerFeeRate < 1) || !(takerFeeRate >= 0 && takerFeeRate < 1)) {
      throw new IllegalArgumentException("fee rates must be in [0, 1): %s, %s".formatted(makerFeeRate, takerFeeRate));
    }
    if (!(slippage >= 0 && slippage < 1)) {
      throw new IllegalArgumentException("slippage must be in [0, 1): " + slippage);
    }
    if (!(leverage >= 1) || Double.isInfinite(leverage)) {
      throw new IllegalArgumentException("leverage must be >= 1: " + leverage);
    }
  }

  /** @return whether the market is a perpetual (margin account) rather than spot */
  public boolean perp() {
    return instrument.kind() != InstrumentKind.SPOT;
  }
}
