package dev.nanpin;

/** How the {@code amount} of an {@link OrderIntent} is to be read. */
public enum Sizing {
  /** {@code amount} is a quote amount to spend or receive, used as is (the sizer is not asked). */
  QUOTE,
  /** {@code amount} is a base quantity, used as is. */
  BASE,
  /**
   * {@code amount} multiplies the sizer chain's answer: {@code 1.0} is one base unit of the
   * sizer, {@code 1.3} a ladder level 1.3 times larger, {@code 0.5} a half size in a risk-off
   * regime.
   */
  SIZER,
  /**
   * {@code amount} is a fraction of the free cash (spot) or free margin times leverage (perps),
   * fee included: {@code 1.0} spends everything, leaving exactly the fee.
   */
  CASH_FRACTION,
  /** {@code amount} is a fraction of the open position to close: {@code 1.0} closes it all. */
  POSITION_FRACTION
}
