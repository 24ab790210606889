package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.DataResult;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.MacroRegime;
import dev.nanpin.Sentiment;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Everything {@link DataCollector} gathered at once. A part is empty when its sources failed or
 * timed out; {@link #failures()} says why, per source and part.
 *
 * @param price the validated price, or empty
 * @param macro the macro regime with its provenance (it may be stale), or empty
 * @param sentiment the composite sentiment, or empty
 * @param liquidations the liquidation clusters with provenance, or empty
 * @param failures {@code part/source} to the reason it gave nothing
 * @param collectedAt when the collection finished
 */
public record MarketSnapshot(Optional<ValidatedPrice> price, Optional<DataResult<MacroRegime>> macro,
    Optional<Sentiment> sentiment, Optional<DataResult<LiquidationClusters>> liquidations, Map<String, String> failures,
    Instant collectedAt) {
  /** Validates and copies. */
  public MarketSnapshot {
    requireNonNull(price, "price");
    requireNonNull(macro, "macro");
    requireNonNull(sentiment, "sentiment");
    requireNonNull(liquidations, "liquidations");
    failures = Map.copyOf(failures);
    requireNonNull(collectedAt, "collectedAt");
  }
}
