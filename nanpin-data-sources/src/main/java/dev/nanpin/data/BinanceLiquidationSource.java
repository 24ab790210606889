package dev.nanpin.data;

import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Liquidation;
import dev.nanpin.LiquidationClusters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code binance-liquidations} data source: answers {@link DataQuery.Liquidations} with the
 * clusters of what Binance's {@code forceOrder} stream (all symbols) showed since this source
 * was first asked, through one {@link LiquidationAggregator} per asset.
 *
 * <p>The stream connects on the first query, so that first answer is usually a {@link
 * DataException} saying no liquidation of the asset was seen yet; ask again later. Every total
 * is a lower bound (see {@link BinanceLiquidationStream}). Band widths follow {@link
 * LiquidationAggregator#bandSizeFor} of the first price seen; the reference price is the latest
 * liquidation's. Thread-safe.
 */
public final class BinanceLiquidationSource implements dev.nanpin.DataSource {
  private final BinanceLiquidationStream.Settings stream;
  private final Duration halfLife;
  private final Clock clock;
  private final Map<String, LiquidationAggregator> byAsset = new ConcurrentHashMap<>();
  private final Map<String, Double> lastPrice = new ConcurrentHashMap<>();
  private BinanceLiquidationStream running;
  private Instant startedAt;

  /**
   * @param stream the stream settings (all symbols: {@code symbol} should be {@code null})
   * @param halfLife the decay half-life of the aggregators
   * @param clock the wall clock for the time of each answer
   */
  public BinanceLiquidationSource(BinanceLiquidationStream.Settings stream, Duration halfLife, Clock clock) {
    this.stream = Objects.requireNonNull(stream, "stream");
    this.halfLife = Objects.requireNonNull(halfLife, "halfLife");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public String id() {
    return BinanceLiquidationStream.ID;
  }

  @Override
  public boolean supports(Class<?> queryType) {
    return queryType == DataQuery.Liquidations.class;
  }

  /**
   * Feeds one event, as the stream does (also for replays and tests).
   *
   * @param l the event
   */
  public void accept(Liquidation l) {
    String asset = LiquidationAggregator.asset(l.symbol());
    double price = l.price().doubleValue();
    lastPrice.put(asset, price);
    byAsset.computeIfAbsent(asset, a -> new LiquidationAggregator(a,
        LiquidationAggregator.Settings.defaults(LiquidationAggregator.bandSizeFor(price)).withHalfLife(halfLife))).add(l);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T> DataResult<T> fetch(DataQuery<T> query) {
    if (!(query instanceof DataQuery.Liquidations q)) {
      throw new DataException(id(), null, id() + " answers liquidations only, not " + query.kind(), null);
    }
    start();
    String asset = LiquidationAggregator.asset(q.symbol());
    LiquidationAggregator agg = byAsset.get(asset);
    Instant now = clock.instant();
    if (agg == null) {
      throw new DataException(id(), null, "%s: no liquidation of %s seen since %s (the stream connects on first use)"
          .formatted(id(), asset, startedAt), null);
    }
    LiquidationClusters c = agg.clusters(now, lastPrice.get(asset));
    return DataResult.fresh((T) c, id(), now);
  }

  private synchronized void start() {
    if (running == null) {
      startedAt = clock.instant();
      running = new BinanceLiquidationStream(stream, new ExchangeListener() {
        @Override
        public void onLiquidation(Liquidation l) {
          accept(l);
        }
      });
      running.start();
    }
  }

  @Override
  public synchronized void close() {
    if (running != null) {
      running.close();
    }
  }
}
