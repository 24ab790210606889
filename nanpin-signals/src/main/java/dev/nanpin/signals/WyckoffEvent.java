package dev.nanpin.signals;

/** The Wyckoff events the {@link WyckoffGenerator} recognises; see there for each definition. */
public enum WyckoffEvent {
  /** Preliminary support: heavy volume at a new low in a downtrend, before the selling climax. */
  PS,
  /** Preliminary supply: heavy volume at a new high in an uptrend, before the buying climax. */
  PSY,
  /** Selling climax: a new low on climax volume in a downtrend; starts accumulation phase A. */
  SC,
  /** Buying climax: a new high on climax volume in an uptrend; starts distribution phase A. */
  BC,
  /** Automatic rally (accumulation) or reaction (distribution): the first swing after the climax. */
  AR,
  /** Secondary test: a swing back to the climax side of the range on less than climax volume. */
  ST,
  /** Spring: a close below the range on climax volume, back inside within a few bars. */
  SPRING,
  /** Upthrust: a close above a distribution range on non-dry-up volume, back inside within a few bars. */
  UT,
  /** Upthrust after distribution: the same on dry-up volume. */
  UTAD,
  /** Sign of strength: a close above an accumulation range on at least average volume. */
  SOS,
  /** Sign of weakness: a close below a distribution range on at least average volume. */
  SOW,
  /** Last point of support: a swing low after the SOS that holds the upper half of the range. */
  LPS,
  /** Last point of supply: a swing high after the SOW that stays in the lower half of the range. */
  LPSY
}
