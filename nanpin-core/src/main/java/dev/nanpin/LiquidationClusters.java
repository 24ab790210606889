package dev.nanpin;

import static dev.nanpin.internal.Checks.finite;
import static dev.nanpin.internal.Checks.notBlank;
import static dev.nanpin.internal.Checks.notNull;

import java.time.Instant;
import java.util.List;

/**
 * Liquidation clusters near the current price, a signal the nanpin ladder uses to place a
 * level just above a large cluster of long liquidations.
 *
 * @param symbol the asset or market they refer to, e.g. {@code BTC}
 * @param referencePrice the price the clusters were measured around
 * @param clusters the clusters, largest notional first
 * @param asOf when they were observed
 */
public record LiquidationClusters(String symbol, double referencePrice, List<LiquidationCluster> clusters, Instant asOf)
    implements Signal {
  /** Validates and copies. */
  public LiquidationClusters {
    notBlank(symbol, "symbol");
    finite(referencePrice, "referencePrice");
    clusters = List.copyOf(notNull(clusters, "clusters"));
    notNull(asOf, "asOf");
  }
}
