package dev.nanpin.live.paper;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.engine.Liquidation;
import java.math.BigDecimal;
import java.time.Duration;
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
 * @param fundingRate the funding rate per interval on a perpetual (longs pay when positive), in
 *     {@code [-1, 1]}; a funding feed set on the exchange replaces it
 * @param fundingInterval the funding interval, positive (events at multiples of it since the epoch)
 * @param maintenanceMarginRate the maintenance margin as a fraction of the notional, in {@code [0, 1)}:
 *     a perp position is liquidated at the price where the wallet plus unrealised P&amp;L falls to it
 * @param liquidationFeeRate the fee a liquidation pays on the liquidated notional on top of the taker
 *     fee, a fraction in {@code [0, 1)} (the kernel's {@link Liquidation}; 125 bps by default, as in
 *     the backtester)
 * @param pessimisticPath whether a bar is walked by the pessimistic path (first to the extreme
 *     adverse to the position, and a take-profit placed during a bar waits for the next bar: {@link
 *     dev.nanpin.engine.FillRules}) rather than nearer extreme first; the backtester's {@code
 *     IntrabarPath.PESSIMISTIC}
 */
public record PaperConfig(Instrument instrument, BigDecimal initialCash, double makerFeeRate, double takerFeeRate,
    double slippage, double leverage, double fundingRate, Duration fundingInterval, double maintenanceMarginRate,
    double liquidationFeeRate, boolean pessimisticPath) {

  /** The default liquidation fee rate, the backtester's: {@link Liquidation#DEFAULT_FEE_BPS} as a fraction. */
  public static final double DEFAULT_LIQUIDATION_FEE_RATE = Liquidation.DEFAULT_FEE_BPS / 10_000;

  /** The default maintenance margin rate, the simulator's. */
  public static final double DEFAULT_MAINTENANCE_MARGIN = 0.005;

  /**
   * An account with no funding, 8-hour funding intervals and the default maintenance margin.
   *
   * @param instrument the market traded
   * @param initialCash the starting quote balance
   * @param makerFeeRate the maker fee rate
   * @param takerFeeRate the taker fee rate
   * @param slippage the market-order slippage fraction
   * @param leverage the perp leverage
   */
  public PaperConfig(Instrument instrument, BigDecimal initialCash, double makerFeeRate, double takerFeeRate,
      double slippage, double leverage) {
    this(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, 0, Duration.ofHours(8),
        DEFAULT_MAINTENANCE_MARGIN);
  }

  /**
   * An account with the default liquidation fee and the nearer-extreme-first path.
   *
   * @param instrument the market traded
   * @param initialCash the starting quote balance
   * @param makerFeeRate the maker fee rate
   * @param takerFeeRate the taker fee rate
   * @param slippage the market-order slippage fraction
   * @param leverage the perp leverage
   * @param fundingRate the funding rate per interval
   * @param fundingInterval the funding interval
   * @param maintenanceMarginRate the maintenance margin fraction
   */
  public PaperConfig(Instrument instrument, BigDecimal initialCash, double makerFeeRate, double takerFeeRate,
      double slippage, double leverage, double fundingRate, Duration fundingInterval, double maintenanceMarginRate) {
    this(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate, fundingInterval,
        maintenanceMarginRate, DEFAULT_LIQUIDATION_FEE_RATE, false);
  }

  /**
   * This account with a funding rate.
   *
   * @param rate the funding rate per interval
   * @param interval the funding interval
   * @return the account
   */
  public PaperConfig withFunding(double rate, Duration interval) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, rate, interval,
        maintenanceMarginRate, liquidationFeeRate, pessimisticPath);
  }

  /**
   * This account with a maintenance margin rate.
   *
   * @param rate the maintenance margin as a fraction of the notional
   * @return the account
   */
  public PaperConfig withMaintenanceMargin(double rate) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate,
        fundingInterval, rate, liquidationFeeRate, pessimisticPath);
  }

  /**
   * This account with a liquidation fee.
   *
   * @param rate the liquidation fee as a fraction of the liquidated notional, on top of the taker fee
   * @return the account
   */
  public PaperConfig withLiquidationFee(double rate) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate,
        fundingInterval, maintenanceMarginRate, rate, pessimisticPath);
  }

  /**
   * This account with the pessimistic path on or off.
   *
   * @param pessimistic whether bars are walked by the pessimistic path
   * @return the account
   */
  public PaperConfig withPessimisticPath(boolean pessimistic) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate,
        fundingInterval, maintenanceMarginRate, liquidationFeeRate, pessimistic);
  }

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
    if (!(fundingRate >= -1 && fundingRate <= 1)) {
      throw new IllegalArgumentException("fundingRate must be in [-1, 1]: " + fundingRate);
    }
    Objects.requireNonNull(fundingInterval, "fundingInterval");
    if (fundingInterval.isNegative() || fundingInterval.isZero()) {
      throw new IllegalArgumentException("fundingInterval must be positive: " + fundingInterval);
    }
    if (!(maintenanceMarginRate >= 0 && maintenanceMarginRate < 1)) {
      throw new IllegalArgumentException("maintenanceMarginRate must be in [0, 1): " + maintenanceMarginRate);
    }
    if (!(liquidationFeeRate >= 0 && liquidationFeeRate < 1)) {
      throw new IllegalArgumentException("liquidationFeeRate must be in [0, 1): " + liquidationFeeRate);
    }
  }

  /** @return whether the market is a perpetual (margin account) rather than spot */
  public boolean perp() {
    return instrument.kind() != InstrumentKind.SPOT;
  }
}
