package dev.nanpin.data;

import dev.nanpin.Liquidation;
import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Merges liquidation events from live feeds (Binance {@code forceOrder}, Backpack {@code
 * liquidation}, a recorded file) and heatmaps (CoinGlass) of one asset into price bands, and
 * from them the {@link LiquidationClusters} signal the nanpin ladder's cluster-magnet rule
 * reads.
 *
 * <p><b>The rule.</b>
 * <ol>
 *   <li>Bands are fixed: band {@code k} spans {@code [k x bandSize, (k+1) x bandSize)} in quote
 *       units, so a band keeps its edges as the price moves.
 *   <li>An event adds its notional (filled quantity x average price) to the band of its price,
 *       on the side of the position that was liquidated (a SELL liquidation order closed a long).
 *   <li>A heatmap cluster adds its notional to the band of its middle price, on its side; a new
 *       heatmap of a source replaces that source's previous one.
 *   <li>Every contribution is weighted {@code 2^(-age / halfLife)}, age measured from the time
 *       of the picture; contributions after that time are left out (a picture never depends on
 *       what came later), and those older than {@code horizon} are dropped.
 * </ol>
 * Totals of live events are a lower bound (see {@link LiquidationBands}).
 *
 * <p>Events of other assets are ignored: the asset of a symbol is its part before the first
 * {@code _} ({@code BTC_USDC_PERP}), or the symbol without a quote suffix ({@code BTCUSDT}).
 * Thread-safe: feeds may add from their reader threads while a strategy reads.
 */
public final class LiquidationAggregator {
  private static final String[] QUOTES = {"USDT", "USDC", "FDUSD", "BUSD", "USD", "PERP"};

  /**
   * Settings.
   *
   * @param bandSize band width in quote units, {@code > 0} (see {@link #bandSizeFor(double)})
   * @param halfLife decay half-life, {@code > 0}
   * @param horizon contributions older than this are dropped, {@code >= halfLife}
   * @param maxDistance the furthest band in the signal, fraction of the price, {@code > 0}
   * @param top the most clusters in the signal, {@code >= 1}
   * @param maxEvents the most events kept (the oldest go first), {@code >= 1}
   */
  public record Settings(double bandSize, Duration halfLife, Duration horizon, double maxDistance, int top,
      int maxEvents) {
    /** Validates. */
    public Settings {
      if (!(bandSize > 0) || Double.isInfinite(bandSize)) {
        throw new IllegalArgumentException("bandSize must be > 0: " + bandSize);
      }
      if (halfLife == null || halfLife.isNegative() || halfLife.isZero()) {
        throw new IllegalArgumentException("halfLife must be > 0: " + halfLife);
      }
      if (horizon == null || horizon.compareTo(halfLife) < 0) {
        throw new IllegalArgumentException("horizon must be >= halfLife: " + horizon);
      }
      if (!(maxDistance > 0) || top < 1 || maxEvents < 1) {
        throw new IllegalArgumentException("need maxDistance > 0, top >= 1, maxEvents >= 1");
      }
    }

    /**
     * Defaults: a 4-hour half-life, a horizon of 8 half-lives, bands within 10% of the price,
     * 10 clusters, 100 000 events.
     *
     * @param bandSize band width in quote units
     * @return the settings
     */
    public static Settings defaults(double bandSize) {
      return new Settings(bandSize, Duration.ofHours(4), Duration.ofHours(32), 0.10, 10, 100_000);
    }

    /**
     * @param h another half-life; the horizon becomes 8 of them
     * @return a copy
     */
    public Settings withHalfLife(Duration h) {
      return new Settings(bandSize, h, h.multipliedBy(8), maxDistance, top, maxEvents);
    }
  }

  private record Contribution(String source, double price, double notional, Side positionSide, Instant time) {}

  private final String asset;
  private final Settings settings;
  private final java.util.ArrayDeque<Contribution> events = new java.util.ArrayDeque<>();
  private final Map<String, List<Contribution>> heatmaps = new LinkedHashMap<>();

  /**
   * @param asset the asset, e.g. {@code BTC}
   * @param settings the settings
   */
  public LiquidationAggregator(String asset, Settings settings) {
    this.asset = asset(Objects.requireNonNull(asset, "asset"));
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /**
   * A band width of about 0.5% of a price, rounded to 1, 2 or 5 times a power of ten (BTC at
   * 90 000 gives 500).
   *
   * @param price a current price, {@code > 0}
   * @return the band width
   */
  public static double bandSizeFor(double price) {
    if (!(price > 0) || Double.isInfinite(price)) {
      throw new IllegalArgumentException("price must be > 0: " + price);
    }
    double raw = price * 0.005;
    double p = Math.pow(10, Math.floor(Math.log10(raw)));
    double m = raw / p;
    return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * p;
  }

  /**
   * @param symbol a venue symbol ({@code BTCUSDT}, {@code BTC_USDC_PERP}) or an asset
   * @return its asset in upper case ({@code BTC})
   */
  public static String asset(String symbol) {
    String s = symbol.toUpperCase(Locale.ROOT);
    int cut = s.indexOf('_');
    if (cut > 0) {
      return s.substring(0, cut);
    }
    for (String q : QUOTES) {
      if (s.endsWith(q) && s.length() > q.length()) {
        return s.substring(0, s.length() - q.length());
      }
    }
    return s;
  }

  /** @return the asset */
  public String assetName() {
    return asset;
  }

  /** @return the settings */
  public Settings settings() {
    return settings;
  }

  /**
   * Adds a live or recorded liquidation.
   *
   * @param l the event
   * @return whether it was of this asset (others are ignored)
   */
  public synchronized boolean add(Liquidation l) {
    if (!asset(l.symbol()).equals(asset)) {
      return false;
    }
    events.add(new Contribution(l.source(), l.price().doubleValue(), l.notional().doubleValue(), l.positionSide(),
        l.time()));
    if (events.size() > settings.maxEvents()) {
      events.pollFirst(); // arrival order: the oldest received goes first
    }
    return true;
  }

  /**
   * Replaces a heatmap source's clusters (CoinGlass' {@link dev.nanpin.DataQuery.Liquidations} answer).
   *
   * @param source the source id, e.g. {@code coinglass}
   * @param clusters its clusters; {@link LiquidationClusters#asOf()} dates every contribution
   */
  public synchronized void heatmap(String source, LiquidationClusters clusters) {
    List<Contribution> list = new ArrayList<>();
    for (LiquidationCluster c : clusters.clusters()) {
      list.add(new Contribution(source, c.midPrice(), c.notional(), c.side(), clusters.asOf()));
    }
    heatmaps.put(source, list);
  }

  /**
   * The bands at a time.
   *
   * <p>Pictures are meant to be taken in time order: taking one drops the events older than the
   * horizon before {@code now}, which an earlier picture taken afterwards would miss.
   *
   * @param now the time of the picture; contributions after it are left out
   * @param referencePrice the current price, {@code > 0}
   * @return the bands
   */
  public synchronized LiquidationBands bands(Instant now, double referencePrice) {
    Instant oldest = now.minus(settings.horizon());
    events.removeIf(c -> c.time().isBefore(oldest));
    TreeMap<Long, double[]> notional = new TreeMap<>();
    Map<Long, Map<String, Integer>> counts = new HashMap<>();
    Map<Long, Instant> newest = new HashMap<>();
    boolean anyEvent = false;
    Set<String> estimated = new HashSet<>();
    double halfLifeNanos = settings.halfLife().toNanos();
    List<java.util.Collection<Contribution>> groups = new ArrayList<>();
    groups.add(events);
    groups.addAll(heatmaps.values());
    for (int g = 0; g < groups.size(); g++) {
      for (Contribution c : groups.get(g)) {
        if (c.time().isAfter(now) || c.time().isBefore(oldest)) {
          continue;
        }
        long k = (long) Math.floor(c.price() / settings.bandSize());
        double weight = Math.pow(2, -Duration.between(c.time(), now).toNanos() / halfLifeNanos);
        notional.computeIfAbsent(k, x -> new double[2])[c.positionSide() == Side.BUY ? 0 : 1] += c.notional() * weight;
        counts.computeIfAbsent(k, x -> new TreeMap<>()).merge(c.source(), 1, Integer::sum);
        newest.merge(k, c.time(), (a, b) -> a.isAfter(b) ? a : b);
        if (g == 0) {
          anyEvent = true;
        } else {
          estimated.add(c.source());
        }
      }
    }
    List<LiquidationBands.Band> bands = new ArrayList<>();
    for (Map.Entry<Long, double[]> e : notional.entrySet()) {
      long k = e.getKey();
      bands.add(new LiquidationBands.Band(k * settings.bandSize(), (k + 1) * settings.bandSize(), e.getValue()[0],
          e.getValue()[1], counts.get(k), newest.get(k)));
    }
    return new LiquidationBands(asset, referencePrice, now, settings.bandSize(), settings.halfLife(), anyEvent,
        estimated, bands);
  }

  /**
   * The signal at a time: {@link #bands} turned into clusters with the settings' distance and
   * count.
   *
   * @param now the time of the picture
   * @param referencePrice the current price
   * @return the signal
   */
  public LiquidationClusters clusters(Instant now, double referencePrice) {
    return bands(now, referencePrice).toSignal(settings.maxDistance(), settings.top());
  }

  /**
   * Replays recorded events into a signal feed for a backtest: one picture at the end of every
   * {@code step} from the first event until the horizon after the last, each built only from
   * events at or before its time, around the price of the latest event so far. Steps whose
   * picture is empty are left out.
   *
   * @param asset the asset
   * @param settings the settings
   * @param recorded the events, in any order
   * @param step the spacing of the pictures, {@code > 0}
   * @return the signals in time order
   */
  public static List<LiquidationClusters> replay(String asset, Settings settings, List<Liquidation> recorded,
      Duration step) {
    if (step == null || step.isNegative() || step.isZero()) {
      throw new IllegalArgumentException("step must be > 0: " + step);
    }
    List<Liquidation> sorted = new ArrayList<>();
    String a = asset(asset);
    for (Liquidation l : recorded) {
      if (asset(l.symbol()).equals(a)) {
        sorted.add(l);
      }
    }
    sorted.sort(java.util.Comparator.comparing(Liquidation::time));
    List<LiquidationClusters> out = new ArrayList<>();
    if (sorted.isEmpty()) {
      return out;
    }
    LiquidationAggregator agg = new LiquidationAggregator(a, settings);
    long stepMillis = step.toMillis();
    long first = Math.floorDiv(sorted.get(0).time().toEpochMilli(), stepMillis) * stepMillis + stepMillis;
    Instant end = sorted.get(sorted.size() - 1).time().plus(settings.horizon());
    int next = 0;
    double price = 0;
    for (Instant t = Instant.ofEpochMilli(first); !t.isAfter(end.plus(step)); t = t.plus(step)) {
      while (next < sorted.size() && !sorted.get(next).time().isAfter(t)) {
        Liquidation l = sorted.get(next++);
        agg.add(l);
        price = l.price().doubleValue();
      }
      LiquidationClusters c = agg.clusters(t, price);
      if (!c.clusters().isEmpty()) {
        out.add(c);
      }
    }
    return out;
  }
}
