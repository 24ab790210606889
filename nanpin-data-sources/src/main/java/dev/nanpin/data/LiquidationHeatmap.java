package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.Side;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * A liquidation heatmap as CoinGlass draws it: a price axis, candles over time, and cells
 * {@code (time index, price index, USD size)} of estimated liquidation levels.
 *
 * <p>{@link #clusters} turns it into the signal the nanpin ladder consumes. The rule:
 * <ol>
 *   <li>the reference price is the close of the last candle; the signal's time is that candle's;
 *   <li>only the latest column of cells is used when {@code latestOnly} (the levels still open
 *       now), otherwise each price level sums its cells over the whole window;
 *   <li>each price level spans halfway to its neighbours on the axis;
 *   <li>adjacent levels on the same side of the price are merged into one band while the band
 *       stays narrower than {@code bandWidth} (a fraction of the price, e.g. 0.005);
 *   <li>levels below the price are long positions ({@link Side#BUY}, liquidated as the price
 *       falls), levels above are shorts ({@link Side#SELL});
 *   <li>bands further than {@code maxDistance} (a fraction of the price) or with zero size are
 *       dropped; the {@code top} largest are kept, largest first.
 * </ol>
 *
 * @param symbol the coin or pair
 * @param priceLevels the price axis, strictly increasing, each {@code > 0}
 * @param candleTimes the candles' times, strictly increasing
 * @param candleCloses the candles' closes, each {@code > 0}
 * @param cells the cells; indexes inside the axis and the candles
 */
public record LiquidationHeatmap(String symbol, double[] priceLevels, Instant[] candleTimes, double[] candleCloses,
    List<Cell> cells) {

  /** Validates and copies. */
  public LiquidationHeatmap {
    requireNonNull(symbol, "symbol");
    priceLevels = priceLevels.clone();
    candleTimes = candleTimes.clone();
    candleCloses = candleCloses.clone();
    cells = List.copyOf(cells);
    if (candleTimes.length == 0 || candleTimes.length != candleCloses.length) {
      throw new IllegalArgumentException("need as many candle times as closes, at least one");
    }
    for (int i = 0; i < priceLevels.length; i++) {
      if (!(priceLevels[i] > 0) || Double.isInfinite(priceLevels[i]) || (i > 0 && !(priceLevels[i] > priceLevels[i - 1]))) {
        throw new IllegalArgumentException("price levels must be positive and strictly increasing at " + i);
      }
    }
    for (double c : candleCloses) {
      if (!(c > 0) || Double.isInfinite(c)) {
        throw new IllegalArgumentException("candle closes must be > 0: " + c);
      }
    }
    for (Cell c : cells) {
      if (c.priceIndex() >= priceLevels.length || c.timeIndex() >= candleTimes.length) {
        throw new IllegalArgumentException("cell outside the axes: " + c);
      }
    }
  }

  /**
   * One cell.
   *
   * @param timeIndex index into the candles, {@code >= 0}
   * @param priceIndex index into the price axis, {@code >= 0}
   * @param usd the estimated liquidation size in USD, {@code >= 0}
   */
  public record Cell(int timeIndex, int priceIndex, double usd) {
    /** Validates. */
    public Cell {
      if (timeIndex < 0 || priceIndex < 0 || !(usd >= 0) || Double.isInfinite(usd)) {
        throw new IllegalArgumentException("invalid cell (%d, %d, %s)".formatted(timeIndex, priceIndex, usd));
      }
    }
  }

  /** @return a copy of the price axis */
  @Override
  public double[] priceLevels() {
    return priceLevels.clone();
  }

  /** @return a copy of the candle times */
  @Override
  public Instant[] candleTimes() {
    return candleTimes.clone();
  }

  /** @return a copy of the candle closes */
  @Override
  public double[] candleCloses() {
    return candleCloses.clone();
  }

  /** @return the close of the last candle */
  public double lastPrice() {
    return candleCloses[candleCloses.length - 1];
  }

  /** @return the time of the last candle */
  public Instant asOf() {
    return candleTimes[candleTimes.length - 1];
  }

  /**
   * Builds liquidation clusters around the last price by the rule in the class comment.
   *
   * @param bandWidth the widest band as a fraction of the price, {@code > 0}, e.g. {@code 0.005}
   * @param maxDistance the furthest band kept as a fraction of the price, {@code > 0}, e.g. {@code 0.10}
   * @param top the most clusters returned, {@code >= 1}
   * @param latestOnly use only the latest column of cells
   * @return the clusters, largest first
   */
  public LiquidationClusters clusters(double bandWidth, double maxDistance, int top, boolean latestOnly) {
    if (!(bandWidth > 0) || !(maxDistance > 0) || top < 1) {
      throw new IllegalArgumentException("need bandWidth > 0, maxDistance > 0, top >= 1");
    }
    double price = lastPrice();
    int n = priceLevels.length;
    double[] size = new double[n];
    int latest = cells.stream().mapToInt(Cell::timeIndex).max().orElse(-1);
    for (Cell c : cells) {
      if (!latestOnly || c.timeIndex() == latest) {
        size[c.priceIndex()] += c.usd();
      }
    }
    List<LiquidationCluster> out = new ArrayList<>();
    int i = 0;
    while (i < n) {
      if (size[i] <= 0) {
        i++;
        continue;
      }
      Side side = priceLevels[i] < price ? Side.BUY : Side.SELL;
      double low = lowEdge(i);
      double high = highEdge(i);
      double total = size[i];
      int j = i + 1;
      while (j < n && size[j] > 0 && (priceLevels[j] < price ? Side.BUY : Side.SELL) == side
          && (highEdge(j) - low) / price <= bandWidth) {
        high = highEdge(j);
        total += size[j];
        j++;
      }
      double mid = (low + high) / 2;
      if (Math.abs(mid - price) / price <= maxDistance) {
        out.add(new LiquidationCluster(low, high, total, side));
      }
      i = j;
    }
    out.sort(Comparator.comparingDouble(LiquidationCluster::notional).reversed());
    return new LiquidationClusters(symbol, price, out.size() > top ? out.subList(0, top) : out, asOf());
  }

  private double lowEdge(int i) {
    if (i > 0) {
      return (priceLevels[i - 1] + priceLevels[i]) / 2;
    }
    return priceLevels.length > 1 ? Math.max(priceLevels[0] - (priceLevels[1] - priceLevels[0]) / 2, priceLevels[0] / 2)
        : priceLevels[0];
  }

  private double highEdge(int i) {
    if (i < priceLevels.length - 1) {
      return (priceLevels[i] + priceLevels[i + 1]) / 2;
    }
    return priceLevels.length > 1 ? priceLevels[i] + (priceLevels[i] - priceLevels[i - 1]) / 2 : priceLevels[i];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LiquidationHeatmap h && symbol.equals(h.symbol) && Arrays.equals(priceLevels, h.priceLevels)
        && Arrays.equals(candleTimes, h.candleTimes) && Arrays.equals(candleCloses, h.candleCloses)
        && cells.equals(h.cells);
  }

  @Override
  public int hashCode() {
    return symbol.hashCode() * 31 + Arrays.hashCode(priceLevels);
  }

  @Override
  public String toString() {
    return "LiquidationHeatmap[%s, %d levels, %d candles, %d cells]".formatted(symbol, priceLevels.length,
        candleTimes.length, cells.size());
  }
}
