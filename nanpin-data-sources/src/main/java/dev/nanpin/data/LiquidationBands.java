package dev.nanpin.data;

import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * The merged liquidation picture of one asset at one time, as {@link LiquidationAggregator}
 * builds it: fixed price bands with the decayed notional by side, how many contributions each
 * source made, and the newest one.
 *
 * <p><b>What the figures are.</b> Notional from live events (Binance, Backpack, a recorded
 * file) is a <em>lower bound</em> of what was liquidated: Binance publishes at most one
 * liquidation per symbol per second, and events during a reconnect are lost; {@link
 * #lowerBound()} says so whenever such events are included. Notional from a heatmap source
 * (CoinGlass) is that source's model estimate of open liquidation levels, named in {@link
 * #estimatedSources()}. Both are decayed by age with {@link #halfLife()}.
 *
 * @param asset the asset, e.g. {@code BTC}
 * @param referencePrice the price the bands are measured around, {@code > 0}
 * @param asOf the time of the picture: only contributions at or before it are included
 * @param bandSize the width of each band in quote units
 * @param halfLife the decay half-life
 * @param lowerBound whether live-event totals are included (and therefore a lower bound)
 * @param estimatedSources the heatmap sources included, whose figures are model estimates
 * @param bands the bands with any notional, lowest price first
 */
public record LiquidationBands(String asset, double referencePrice, Instant asOf, double bandSize, Duration halfLife,
    boolean lowerBound, Set<String> estimatedSources, List<Band> bands) {

  /** Validates and copies. */
  public LiquidationBands {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(asOf, "asOf");
    Objects.requireNonNull(halfLife, "halfLife");
    if (!(referencePrice > 0) || Double.isInfinite(referencePrice)) {
      throw new IllegalArgumentException("referencePrice must be > 0: " + referencePrice);
    }
    estimatedSources = Set.copyOf(estimatedSources);
    bands = List.copyOf(bands);
  }

  /**
   * One price band.
   *
   * @param priceLow the lower edge (inclusive)
   * @param priceHigh the upper edge (exclusive)
   * @param longNotional decayed notional of long positions liquidated (or estimated) here
   * @param shortNotional decayed notional of short positions
   * @param sources contributions per source (not decayed: a count of events or heatmap cells), by source id
   * @param newest the time of the newest contribution
   */
  public record Band(double priceLow, double priceHigh, double longNotional, double shortNotional,
      Map<String, Integer> sources, Instant newest) {
    /** Validates and copies. */
    public Band {
      sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources)); // sorted by source id
      Objects.requireNonNull(newest, "newest");
    }

    /** @return long plus short notional */
    public double totalNotional() {
      return longNotional + shortNotional;
    }

    /**
     * @param now the current time
     * @return the age of the newest contribution
     */
    public Duration age(Instant now) {
      return Duration.between(newest, now);
    }

    /** @return the middle of the band */
    public double midPrice() {
      return (priceLow + priceHigh) / 2;
    }
  }

  /**
   * The signal the nanpin ladder's cluster-magnet rule reads: one {@link LiquidationCluster}
   * per band and side with notional, within {@code maxDistance} of the reference price, the
   * {@code top} largest first.
   *
   * @param maxDistance the furthest band kept, as a fraction of the reference price, {@code > 0}
   * @param top the most clusters, {@code >= 1}
   * @return the signal, dated {@link #asOf()}
   */
  public LiquidationClusters toSignal(double maxDistance, int top) {
    if (!(maxDistance > 0) || top < 1) {
      throw new IllegalArgumentException("need maxDistance > 0 and top >= 1");
    }
    List<LiquidationCluster> out = new ArrayList<>();
    for (Band b : bands) {
      if (Math.abs(b.midPrice() - referencePrice) / referencePrice > maxDistance) {
        continue;
      }
      if (b.longNotional() > 0) {
        out.add(new LiquidationCluster(b.priceLow(), b.priceHigh(), b.longNotional(), Side.BUY));
      }
      if (b.shortNotional() > 0) {
        out.add(new LiquidationCluster(b.priceLow(), b.priceHigh(), b.shortNotional(), Side.SELL));
      }
    }
    out.sort(Comparator.comparingDouble(LiquidationCluster::notional).reversed());
    return new LiquidationClusters(asset, referencePrice, out.size() > top ? out.subList(0, top) : out, asOf);
  }

  /** @return the sentence to print with these figures */
  public String caveat() {
    List<String> parts = new ArrayList<>();
    if (lowerBound) {
      parts.add("live-event totals are a LOWER BOUND (Binance sends at most one liquidation per symbol per second;"
          + " events during a reconnect are lost)");
    }
    if (!estimatedSources.isEmpty()) {
      parts.add(String.join(", ", new java.util.TreeSet<>(estimatedSources)) + " figures are model estimates");
    }
    parts.add("decayed with a half-life of " + halfLife);
    return String.join("; ", parts);
  }
}
