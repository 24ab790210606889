package dev.nanpin;

/**
 * Why a position, or part of it, was closed: the reason every report gives a round trip and the
 * fills that closed it.
 *
 * <p>A strategy states the reason of its exit orders through their {@linkplain OrderIntent#tag()
 * tag}: an order tagged {@link #tag()} of a reason (e.g. {@code intent.withTag(ExitReason.STOP_LOSS.tag())})
 * is reported with that reason. The built-in {@code nanpin} strategy tags every exit. The engine
 * finds the other reasons itself ({@link #of}): a forced close is a {@link #LIQUIDATION}; an
 * untagged order that closes is a {@link #LIMIT_EXIT} when it rested as a limit, else a {@link
 * #MARKET_EXIT}; a position still open when the data ends is {@link #OPEN_AT_END}.
 *
 * <p>Funding is not a reason of its own: a perp's funding payments move its liquidation price, and
 * the liquidation happens when the price reaches it, like any other liquidation.
 */
public enum ExitReason {
  /** A take-profit order (resting limit) filled. */
  TAKE_PROFIT("take-profit", 1_000),
  /** The strategy closed by a rule it did not name (a market exit). */
  STRATEGY_EXIT("strategy exit", 1_001),
  /** A trailing stop (or trailing take-profit) fired. */
  TRAILING_STOP("trailing stop", 1_002),
  /** A stop-loss fired. */
  STOP_LOSS("stop-loss", 1_003),
  /** A profit was taken because volume dried up (volume exhaustion). */
  VOLUME_EXHAUSTION("volume exhaustion", 1_004),
  /** An emergency exit: a loss with collapsed volume, or another circuit breaker of the strategy. */
  EMERGENCY("emergency exit", 1_005),
  /** An untagged resting limit order closed the position. */
  LIMIT_EXIT("limit exit (untagged)", 0),
  /** An untagged market (or marketable) order closed the position. */
  MARKET_EXIT("market exit (untagged)", 0),
  /** The position was liquidated. */
  LIQUIDATION("liquidation", 0),
  /** The position was still open when the data ended (marked at the last close). */
  OPEN_AT_END("open at end of data", 0);

  private final String label;
  private final int tag;

  ExitReason(String label, int tag) {
    this.label = label;
    this.tag = tag;
  }

  /** @return the reason as reports write it, e.g. {@code "trailing stop"} */
  public String label() {
    return label;
  }

  /** @return the reason as machine-readable files write it: the constant's name in lower case with dashes, e.g. {@code "trailing-stop"} */
  public String code() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /**
   * The order tag that names this reason.
   *
   * @return the tag
   * @throws IllegalStateException for the reasons the engine finds itself ({@link #LIMIT_EXIT},
   *     {@link #MARKET_EXIT}, {@link #LIQUIDATION}, {@link #OPEN_AT_END}), which no tag names
   */
  public int tag() {
    if (tag == 0) { // 0, the tag of an untagged intent, names no reason
      throw new IllegalStateException(this + " is found by the engine, not named by a tag");
    }
    return tag;
  }

  /**
   * The reason an order tag names.
   *
   * @param tag an order's tag
   * @return the reason, or {@code null} when the tag names none
   */
  public static ExitReason ofTag(int tag) {
    for (ExitReason r : values()) {
      if (r.tag == tag && tag != 0) {
        return r;
      }
    }
    return null;
  }

  /**
   * The reason of a fill that reduced or closed a position.
   *
   * @param tag the tag of the order that filled
   * @param restingLimit whether the order rested as a limit (filled as maker)
   * @param liquidation whether the fill was a liquidation
   * @return the reason
   */
  public static ExitReason of(int tag, boolean restingLimit, boolean liquidation) {
    if (liquidation) {
      return LIQUIDATION;
    }
    ExitReason named = ofTag(tag);
    if (named != null) {
      return named;
    }
    return restingLimit ? LIMIT_EXIT : MARKET_EXIT;
  }

  @Override
  public String toString() {
    return label;
  }
}
