package dev.nanpin.cli;

import dev.nanpin.Liquidation;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.data.LiquidationAggregator;
import dev.nanpin.data.LiquidationCsv;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --liquidations FILE}: the recorded events of each asset in the file replayed through
 * {@link LiquidationAggregator#replay} into one cluster signal per hour, with the aggregator's
 * defaults (4-hour half-life, bands of about 0.5% of the asset's median recorded price).
 */
final class LiquidationReplay {
  /** The spacing of the replayed pictures. */
  static final Duration STEP = Duration.ofHours(1);

  private LiquidationReplay() {}

  static List<LiquidationClusters> signals(Path file) {
    Map<String, List<Liquidation>> byAsset = new LinkedHashMap<>();
    for (Liquidation l : LiquidationCsv.read(file)) {
      byAsset.computeIfAbsent(LiquidationAggregator.asset(l.symbol()), a -> new ArrayList<>()).add(l);
    }
    List<LiquidationClusters> out = new ArrayList<>();
    byAsset.forEach((asset, events) -> {
      double[] prices = events.stream().mapToDouble(l -> l.price().doubleValue()).sorted().toArray();
      double band = LiquidationAggregator.bandSizeFor(prices[prices.length / 2]);
      out.addAll(LiquidationAggregator.replay(asset, LiquidationAggregator.Settings.defaults(band), events, STEP));
    });
    return out;
  }
}
