package dev.nanpin;

import java.time.Instant;

/**
 * A data signal a strategy may react to: a macro regime, a sentiment reading, liquidation
 * clusters. Produced by data sources (live) or replayed from a series (simulation), delivered
 * through {@link Strategy#onSignal} and readable at any time with {@link
 * StrategyContext#signal(Class)}.
 *
 * <p>Every signal says how fresh it is: strategies should ignore one that is too old.
 */
public interface Signal {
  /** @return when the underlying data was observed (not when it was delivered) */
  Instant asOf();
}
