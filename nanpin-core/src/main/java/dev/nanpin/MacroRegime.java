package dev.nanpin;

import static dev.nanpin.internal.Checks.finite;
import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;
import static dev.nanpin.internal.Checks.positive;

import java.time.Instant;

/**
 * The macro regime derived from economic series (rates, inflation, liquidity, the dollar).
 *
 * @param score the regime score, higher is friendlier to risk assets
 * @param regime a short name, e.g. {@code risk-on}, {@code neutral}, {@code risk-off}
 * @param sizeMultiplier the factor a strategy applies to its order size, {@code > 0}
 * @param asOf when the newest input was observed
 */
public record MacroRegime(double score, String regime, double sizeMultiplier, Instant asOf) implements Signal {
  /** Validates. */
  public MacroRegime {
    finite(score, "score");
    notBlank(regime, "regime");
    positive(sizeMultiplier, "sizeMultiplier");
    notNull(asOf, "asOf");
  }
}
