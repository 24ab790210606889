package dev.nanpin.live.paper;

import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.engine.Liquidation;
import dev.nanpin.risk.MaintenanceMargin;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Objects;
import java.util.function.DoubleSupplier;

/**
 * The simulated account of a {@link PaperExchange}.
 *
 * <p>The perpetual defaults are the backtester's, the conservative, venue-true ones: the kernel's
 * maintenance-margin model ({@link Liquidation#DEFAULT_MAINTENANCE_MARGIN}, Backpack's {@code
 * sqrt} function) and liquidation fee, and <em>no funding default</em>: a paper perpetual must
 * state its funding assumption, a rate ({@link #withFunding}, zero included) or a venue's funding
 * feed ({@link #withFundingFeed}), or the exchange refuses it ({@link #requireFundingSource()}),
 * because funding decides whether a long ladder on perps earns anything.
 *
 * @param instrument the market traded (its tick, step and minimum are enforced)
 * @param initialCash the starting quote balance, {@code > 0}
 * @param makerFeeRate the fee of a resting limit order as a fraction (2 bps = {@code 0.0002})
 * @param takerFeeRate the fee of a market or marketable order as a fraction
 * @param slippage the fraction a market order fills worse than the mark, {@code >= 0}
 * @param leverage the margin leverage on a perpetual, {@code >= 1}; ignored on spot
 * @param fundingRate the funding rate per interval on a perpetual (longs pay when positive), in
 *     {@code [-1, 1]}, or {@code null} when not stated; a funding feed replaces it
 * @param fundingInterval the funding interval, positive (events at multiples of it since the epoch)
 * @param fundingFeed the venue's current funding rate per interval (e.g. a mirrored venue's), read
 *     at each funding event, or {@code null} for the stated rate
 * @param maintenanceMargin the maintenance-margin model: a perp position is liquidated at the price
 *     where the wallet plus unrealised P&amp;L falls to it (the kernel's {@link
 *     dev.nanpin.engine.AccountBook#liquidationPrice})
 * @param liquidationFeeRate the fee a liquidation pays on the liquidated notional on top of the taker
 *     fee, a fraction in {@code [0, 1)} (the kernel's {@link Liquidation}; 125 bps by default, as in
 *     the backtester)
 * @param pessimisticPath whether a bar is walked by the pessimistic path (first to the extreme
 *     adverse to the position, and a take-profit placed during a bar waits for the next bar: {@link
 *     dev.nanpin.engine.FillRules}) rather than nearer extreme first; the backtester's {@code
 *     IntrabarPath.PESSIMISTIC}
 */
public record PaperConfig(Instrument instrument, BigDecimal initialCash, double makerFeeRate, double takerFeeRate,
    double slippage, double leverage, Double fundingRate, Duration fundingInterval, DoubleSupplier fundingFeed,
    MaintenanceMargin maintenanceMargin, double liquidationFeeRate, boolean pessimisticPath) {

  /** The default liquidation fee rate, the backtester's: {@link Liquidation#DEFAULT_FEE_BPS} as a fraction. */
  public static final double DEFAULT_LIQUIDATION_FEE_RATE = Liquidation.DEFAULT_FEE_BPS / 10_000;

  /** The default funding interval: 8 hours. */
  public static final Duration DEFAULT_FUNDING_INTERVAL = Duration.ofHours(8);

  /**
   * An account with the defaults: funding not stated (a perpetual then needs {@link #withFunding}
   * or {@link #withFundingFeed}), 8-hour funding intervals, the kernel's maintenance-margin model
   * and liquidation fee, the nearer-extreme-first path.
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
    this(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, null, DEFAULT_FUNDING_INTERVAL,
        null, Liquidation.DEFAULT_MAINTENANCE_MARGIN, DEFAULT_LIQUIDATION_FEE_RATE, false);
  }

  /**
   * This account with a stated funding rate.
   *
   * @param rate the funding rate per interval ({@code 0} to assume none)
   * @param interval the funding interval
   * @return the account
   */
  public PaperConfig withFunding(double rate, Duration interval) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, rate, interval,
        fundingFeed, maintenanceMargin, liquidationFeeRate, pessimisticPath);
  }

  /**
   * This account with the funding rate of each interval taken from a feed (e.g. the mirrored
   * venue's current rate) instead of a stated rate.
   *
   * @param feed the current funding rate per interval; called under the exchange's lock
   * @return the account
   */
  public PaperConfig withFundingFeed(DoubleSupplier feed) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate,
        fundingInterval, Objects.requireNonNull(feed, "feed"), maintenanceMargin, liquidationFeeRate, pessimisticPath);
  }

  /**
   * This account with a constant maintenance margin.
   *
   * @param rate the maintenance margin as a fraction of the notional, in {@code [0, 1)}
   * @return the account
   */
  public PaperConfig withMaintenanceMargin(double rate) {
    return withMaintenanceMargin(MaintenanceMargin.constant(rate));
  }

  /**
   * This account with a maintenance-margin model (e.g. the market's published {@link
   * MaintenanceMargin#sqrt} function).
   *
   * @param model the model
   * @return the account
   */
  public PaperConfig withMaintenanceMargin(MaintenanceMargin model) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate,
        fundingInterval, fundingFeed, model, liquidationFeeRate, pessimisticPath);
  }

  /**
   * This account with a liquidation fee.
   *
   * @param rate the liquidation fee as a fraction of the liquidated notional, on top of the taker fee
   * @return the account
   */
  public PaperConfig withLiquidationFee(double rate) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate,
        fundingInterval, fundingFeed, maintenanceMargin, rate, pessimisticPath);
  }

  /**
   * This account with the pessimistic path on or off.
   *
   * @param pessimistic whether bars are walked by the pessimistic path
   * @return the account
   */
  public PaperConfig withPessimisticPath(boolean pessimistic) {
    return new PaperConfig(instrument, initialCash, makerFeeRate, takerFeeRate, slippage, leverage, fundingRate,
        fundingInterval, fundingFeed, maintenanceMargin, liquidationFeeRate, pessimistic);
  }

  /**
   * Refuses a perpetual without a funding source, as the backtester does: called by the {@link
   * PaperExchange} it configures.
   *
   * @return this account
   * @throws ConfigException naming {@code fundingRate} if the instrument is a perpetual and neither
   *     a funding rate nor a funding feed is set
   */
  public PaperConfig requireFundingSource() {
    if (perp() && fundingRate == null && fundingFeed == null) {
      throw new ConfigException("fundingRate", ("the paper perpetual %s needs a stated funding assumption: set "
          + "fundingRate (0 to assume none) or a venue funding feed (PaperConfig.withFundingFeed); the backtester "
          + "refuses a perpetual without one too").formatted(instrument.symbol()));
    }
    return this;
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
    if (fundingRate != null && !(fundingRate >= -1 && fundingRate <= 1)) {
      throw new IllegalArgumentException("fundingRate must be in [-1, 1]: " + fundingRate);
    }
    Objects.requireNonNull(fundingInterval, "fundingInterval");
    if (fundingInterval.isNegative() || fundingInterval.isZero()) {
      throw new IllegalArgumentException("fundingInterval must be positive: " + fundingInterval);
    }
    Objects.requireNonNull(maintenanceMargin, "maintenanceMargin");
    if (!(liquidationFeeRate >= 0 && liquidationFeeRate < 1)) {
      throw new IllegalArgumentException("liquidationFeeRate must be in [0, 1): " + liquidationFeeRate);
    }
  }

  /** @return whether the market is a perpetual (margin account) rather than spot */
  public boolean perp() {
    return instrument.kind() != InstrumentKind.SPOT;
  }
}
