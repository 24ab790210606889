package dev.nanpin.strategy;

import static dev.nanpin.internal.Checks.notNull;

import dev.nanpin.ConfigException;
import dev.nanpin.spi.ConfigSpec;
import dev.nanpin.spi.PluginConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The settings of the {@link NanpinStrategy}, validated. Every parameter has a default; a
 * fraction is written as a fraction ({@code 0.02} is 2 %), and an optional threshold is off when
 * {@code NaN} (the default for the optional gates and exits).
 *
 * <p>Build one from raw settings, with the same keys as {@code --set key=value} on the command
 * line and errors naming the key:
 * <pre>{@code
 * NanpinConfig cfg = NanpinConfig.of(Map.of("levels", 6, "step", 0.03, "takeProfit", 0.015));
 * NanpinConfig perp = cfg.with("leverage", 3);
 * }</pre>
 * {@link #SPEC} lists every parameter with its default, range and meaning.
 *
 * @param levels the number of ladder levels, the entry included
 * @param levelMode step or Fibonacci levels
 * @param step the first step below the entry, as a fraction
 * @param stepScale each further step is this many times the previous one
 * @param volumeScale each level's size is this many times the previous level's
 * @param fibRatios the retracement ratios, strictly increasing in (0, 1)
 * @param fibLookbackBars the bars over which the swing low and high are taken
 * @param pivotBars the bars on each side a swing pivot must dominate
 * @param levelTolerance the half-width of the band around a level, as a fraction of its price,
 *     within which pivots and volume count towards its score
 * @param minLevelScore Fibonacci levels scoring below this are skipped
 * @param minDrawdown the least drawdown from the recent high before a ladder starts, or NaN
 * @param highLookbackBars the bars over which the recent high is taken
 * @param maxFearGreed the highest Fear &amp; Greed reading at which a ladder may start, or NaN
 * @param minDaysSinceAth the least days since the all-time high of the loaded history, or NaN
 * @param cooldown the base pause after each entry fill before the next level is armed; zero is off
 * @param cooldownMin the shortest cooldown, reached when the drop since the last fill is large
 * @param cooldownMax the longest cooldown, reached when the drop is small
 * @param maxCapitalFraction the most capital in use, as a fraction of equity, for new entries, or NaN
 * @param macroMin the smallest macro-regime size multiplier applied
 * @param macroMax the largest macro-regime size multiplier applied
 * @param signalMaxAge signals older than this are ignored
 * @param liqClusterDistance how far (fraction of the level price) a long-liquidation cluster may be
 *     to pull a level to just above it; 0 or NaN ignores clusters
 * @param liqClusterMinNotional the least notional of a cluster that moves a level
 * @param liqClusterOffset how far above the cluster's upper edge the moved level sits, as a fraction
 * @param takeProfit the take-profit above the average entry; 0 or NaN is off
 * @param trailingArm the profit over the average entry that arms the trailing take-profit, or NaN
 * @param trailingPullback the pull-back from the peak that exits once armed
 * @param stopLoss the stop-loss below the average entry, or NaN
 * @param minHold the least time from the first entry before any exit but the emergency one
 * @param exhaustionProfit the least profit for the volume-exhaustion exit, or NaN
 * @param exhaustionVolumeRatio the volume-exhaustion exit needs volume below this fraction of its average
 * @param emergencyLoss the loss below the average entry that, with collapsed volume, dumps the position, or NaN
 * @param emergencyVolumeRatio the emergency exit needs volume below this fraction of its average
 * @param volumeAverageBars the bars over which the average volume is taken
 * @param permanent accumulate only, never sell
 * @param leverage the leverage ceiling on perpetual markets ({@code 1} on spot)
 * @param liquidationBuffer the least distance, as a fraction of the level price, between a level
 *     and the liquidation price of the position that precedes it (ladder plan check)
 * @param rebuildInterval how often an untouched Fibonacci ladder is recomputed
 * @param entryGate a {@link SignalGate} expression over signal fields that must hold to start a
 *     ladder and to place its levels (while it does not, unfilled levels are pulled); blank is
 *     always open
 * @param levelSnap move each limit level to the nearest signal price level (a volume profile's
 *     high-volume nodes) within this fraction of its price, or NaN
 */
public record NanpinConfig(
    int levels, LevelMode levelMode, double step, double stepScale, double volumeScale,
    List<Double> fibRatios, int fibLookbackBars, int pivotBars, double levelTolerance, double minLevelScore,
    double minDrawdown, int highLookbackBars, double maxFearGreed, double minDaysSinceAth,
    Duration cooldown, Duration cooldownMin, Duration cooldownMax, double maxCapitalFraction,
    double macroMin, double macroMax, Duration signalMaxAge,
    double liqClusterDistance, double liqClusterMinNotional, double liqClusterOffset,
    double takeProfit, double trailingArm, double trailingPullback, double stopLoss, Duration minHold,
    double exhaustionProfit, double exhaustionVolumeRatio, double emergencyLoss, double emergencyVolumeRatio,
    int volumeAverageBars, boolean permanent, double leverage, double liquidationBuffer,
    Duration rebuildInterval, String entryGate, double levelSnap) {

  private static final double OFF = Double.NaN;

  /** The parameters, their defaults, ranges and meanings ({@code nanpin plugins --params}). */
  public static final ConfigSpec SPEC = ConfigSpec.builder()
      .intParam("levels", 5, 1, 50, "ladder levels, the entry included")
      .enumParam("levelMode", LevelMode.class, LevelMode.STEP,
          "step: fixed % steps; fibonacci: retracements of the lookback swing")
      .doubleParam("step", 0.02, 0.0001, 0.9, "step mode: first step below the entry (0.02 = 2 %)")
      .doubleParam("stepScale", 1.5, 0.1, 10, "step mode: each step is this many times the previous")
      .doubleParam("volumeScale", 1.3, 0.1, 10, "each level's size is this many times the previous level's")
      .doubleListParam("fibRatios", List.of(0.236, 0.382, 0.5, 0.618, 0.786), 0.001, 0.999,
          "fibonacci mode: retracement ratios, strictly increasing")
      .intParam("fibLookbackBars", 90, 5, 100_000, "fibonacci mode: bars of the swing low/high")
      .intParam("pivotBars", 3, 1, 100, "fibonacci mode: bars each side a swing pivot must dominate")
      .doubleParam("levelTolerance", 0.005, 0.0001, 0.2,
          "fibonacci mode: band (fraction of price) in which pivots and volume count for a level")
      .doubleParam("minLevelScore", 0, 0, 1000,
          "fibonacci mode: skip levels scoring below this (pivots near + relative volume; 0 keeps all)")
      .doubleParam("minDrawdown", OFF, 0, 0.99, "gate: least drawdown from the recent high to start a ladder")
      .intParam("highLookbackBars", 30, 1, 100_000, "gate: bars over which the recent high is taken")
      .doubleParam("maxFearGreed", OFF, 0, 100,
          "gate: highest Fear & Greed reading to start a ladder (open when no reading)")
      .doubleParam("minDaysSinceAth", OFF, 0, 100_000, "gate: least days since the all-time high of the loaded history")
      .durationParam("cooldown", Duration.ZERO, Duration.ZERO, Duration.ofDays(365),
          "gate: base pause after each entry fill before the next level is armed (0 = off)")
      .durationParam("cooldownMin", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(365),
          "shortest cooldown, when the drop since the last fill is large")
      .durationParam("cooldownMax", Duration.ofHours(48), Duration.ZERO, Duration.ofDays(365),
          "longest cooldown, when the drop is small; also the permanent-mode reset pause when cooldown is 0")
      .doubleParam("maxCapitalFraction", OFF, 0.0001, 100,
          "gate: no new entry once capital in use reaches this fraction of equity")
      .doubleParam("macroMin", 0.5, 0.01, 10, "smallest macro-regime size multiplier applied")
      .doubleParam("macroMax", 1.5, 0.01, 10, "largest macro-regime size multiplier applied")
      .durationParam("signalMaxAge", Duration.ofDays(3), Duration.ofMinutes(1), Duration.ofDays(365),
          "signals older than this are ignored")
      .doubleParam("liqClusterDistance", 0.02, 0, 0.5,
          "move a level just above a long-liquidation cluster within this distance (0 = off)")
      .doubleParam("liqClusterMinNotional", 1_000_000, 0, 1e15, "least cluster notional (quote) that moves a level")
      .doubleParam("liqClusterOffset", 0.001, 0, 0.1, "the moved level sits this fraction above the cluster")
      .doubleParam("takeProfit", 0.02, 0, 10, "exit: resting take-profit above the average entry (0 = off)")
      .doubleParam("trailingArm", OFF, 0.0001, 10, "exit: profit over the average entry that arms the trailing exit")
      .doubleParam("trailingPullback", 0.01, 0.0001, 0.99, "exit: pull-back from the peak that exits once armed")
      .doubleParam("stopLoss", OFF, 0.0001, 0.99, "exit: stop-loss below the average entry")
      .durationParam("minHold", Duration.ZERO, Duration.ZERO, Duration.ofDays(3650),
          "exit: least time from the first entry before any exit but the emergency one")
      .doubleParam("exhaustionProfit", OFF, 0, 10, "exit: least profit for the volume-exhaustion exit")
      .doubleParam("exhaustionVolumeRatio", 0.3, 0, 10, "exit: volume-exhaustion needs volume below this x average")
      .doubleParam("emergencyLoss", OFF, 0.0001, 0.99,
          "exit: loss below the average entry that, with collapsed volume, dumps the position (e.g. 0.03)")
      .doubleParam("emergencyVolumeRatio", 0.3, 0, 10, "exit: the emergency dump needs volume below this x average")
      .intParam("volumeAverageBars", 20, 1, 100_000, "bars over which the average volume is taken")
      .booleanParam("permanent", false, "accumulate only, never sell; the ladder re-anchors after the cooldown")
      .doubleParam("leverage", 1, 1, 125, "leverage ceiling on perps (1 on spot)")
      .doubleParam("liquidationBuffer", 0.02, 0, 0.9,
          "plan check: least gap (fraction of price) between a level and the liquidation price before it")
      .durationParam("rebuildInterval", Duration.ofDays(1), Duration.ofMinutes(1), Duration.ofDays(365),
          "fibonacci mode: recompute an untouched ladder this often")
      .stringParam("entryGate", "",
          "gate: signal condition to start a ladder and place levels, e.g. 'wyckoff.phase in (B, C, D)' (blank = open)")
      .doubleParam("levelSnap", OFF, 0.0001, 0.5,
          "move each limit level to the nearest signal price level (volume-profile HVN) within this fraction")
      .build();

  /** Validates the combination of settings. */
  public NanpinConfig {
    notNull(levelMode, "levelMode");
    fibRatios = List.copyOf(notNull(fibRatios, "fibRatios"));
    notNull(cooldown, "cooldown");
    notNull(cooldownMin, "cooldownMin");
    notNull(cooldownMax, "cooldownMax");
    notNull(signalMaxAge, "signalMaxAge");
    notNull(minHold, "minHold");
    notNull(rebuildInterval, "rebuildInterval");
    entryGate = entryGate == null ? "" : entryGate.trim();
    SignalGate.parse(entryGate); // fails naming entryGate on a syntax error
    if (levels < 1) {
      throw new ConfigException("levels", "levels must be >= 1: " + levels);
    }
    if (!(step > 0 && step < 1)) {
      throw new ConfigException("step", "step must be in (0, 1): " + step);
    }
    if (!(stepScale > 0) || !(volumeScale > 0)) {
      throw new ConfigException("stepScale", "stepScale and volumeScale must be > 0: %s, %s"
          .formatted(stepScale, volumeScale));
    }
    if (levelMode == LevelMode.STEP && levels > 1) {
      double deepest = step * Math.pow(stepScale, levels - 2);
      if (!(deepest < 1)) {
        throw new ConfigException("stepScale", ("the step of level %d is %s, which would take the price to zero or"
            + " below; lower step, stepScale or levels").formatted(levels, deepest));
      }
    }
    if (fibRatios.isEmpty()) {
      throw new ConfigException("fibRatios", "fibRatios must not be empty");
    }
    for (int i = 0; i < fibRatios.size(); i++) {
      double r = fibRatios.get(i);
      if (!(r > 0 && r < 1)) {
        throw new ConfigException("fibRatios", "fibRatios must lie in (0, 1): " + fibRatios);
      }
      if (i > 0 && !(r > fibRatios.get(i - 1))) {
        throw new ConfigException("fibRatios", "fibRatios must be strictly increasing: " + fibRatios);
      }
    }
    if (cooldownMin.compareTo(cooldownMax) > 0) {
      throw new ConfigException("cooldownMin", "cooldownMin %s exceeds cooldownMax %s".formatted(cooldownMin, cooldownMax));
    }
    if (!(macroMin <= macroMax)) {
      throw new ConfigException("macroMin", "macroMin %s exceeds macroMax %s".formatted(macroMin, macroMax));
    }
    if (!(leverage >= 1)) {
      throw new ConfigException("leverage", "leverage must be >= 1: " + leverage);
    }
  }

  /** @return the defaults */
  public static NanpinConfig defaults() {
    return of(Map.of());
  }

  /**
   * Validates raw settings (keys as in {@link #SPEC}, ignoring case, {@code -} and {@code _}).
   *
   * @param settings key to value: strings, numbers, booleans, durations, lists
   * @return the configuration
   * @throws ConfigException naming the key when a setting is unknown, mistyped, out of range or
   *     inconsistent with another
   */
  public static NanpinConfig of(Map<String, ?> settings) {
    return from(SPEC.resolve(settings));
  }

  /**
   * Reads a configuration resolved against {@link #SPEC}.
   *
   * @param c the resolved configuration
   * @return the configuration
   * @throws ConfigException if the settings are inconsistent
   */
  public static NanpinConfig from(PluginConfig c) {
    return new NanpinConfig(
        c.getInt("levels"), c.getEnum("levelMode", LevelMode.class), c.getDouble("step"), c.getDouble("stepScale"),
        c.getDouble("volumeScale"), c.getDoubleList("fibRatios"), c.getInt("fibLookbackBars"), c.getInt("pivotBars"),
        c.getDouble("levelTolerance"), c.getDouble("minLevelScore"), c.getDouble("minDrawdown"),
        c.getInt("highLookbackBars"), c.getDouble("maxFearGreed"), c.getDouble("minDaysSinceAth"),
        c.getDuration("cooldown"), c.getDuration("cooldownMin"), c.getDuration("cooldownMax"),
        c.getDouble("maxCapitalFraction"), c.getDouble("macroMin"), c.getDouble("macroMax"),
        c.getDuration("signalMaxAge"), c.getDouble("liqClusterDistance"), c.getDouble("liqClusterMinNotional"),
        c.getDouble("liqClusterOffset"), c.getDouble("takeProfit"), c.getDouble("trailingArm"),
        c.getDouble("trailingPullback"), c.getDouble("stopLoss"), c.getDuration("minHold"),
        c.getDouble("exhaustionProfit"), c.getDouble("exhaustionVolumeRatio"), c.getDouble("emergencyLoss"),
        c.getDouble("emergencyVolumeRatio"), c.getInt("volumeAverageBars"), c.getBoolean("permanent"),
        c.getDouble("leverage"), c.getDouble("liquidationBuffer"), c.getDuration("rebuildInterval"),
        c.getString("entryGate"), c.getDouble("levelSnap"));
  }

  /**
   * Returns a copy with more settings applied over this one's values.
   *
   * @param settings key to value, as for {@link #of(Map)}
   * @return the copy
   * @throws ConfigException as {@link #of(Map)}
   */
  public NanpinConfig with(Map<String, ?> settings) {
    Map<String, Object> all = new HashMap<>(asMap());
    for (Map.Entry<String, ?> e : settings.entrySet()) {
      String key = SPEC.param(e.getKey()).map(ConfigSpec.Param::name).orElse(e.getKey());
      all.put(key, e.getValue());
    }
    return of(all);
  }

  /**
   * Returns a copy with one setting changed.
   *
   * @param key the key
   * @param value the value
   * @return the copy
   * @throws ConfigException as {@link #of(Map)}
   */
  public NanpinConfig with(String key, Object value) {
    return with(Map.of(key, value));
  }

  /** @return the settings as a map keyed as in {@link #SPEC}, NaN for thresholds that are off */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new HashMap<>();
    m.put("levels", levels);
    m.put("levelMode", levelMode);
    m.put("step", step);
    m.put("stepScale", stepScale);
    m.put("volumeScale", volumeScale);
    m.put("fibRatios", fibRatios);
    m.put("fibLookbackBars", fibLookbackBars);
    m.put("pivotBars", pivotBars);
    m.put("levelTolerance", levelTolerance);
    m.put("minLevelScore", minLevelScore);
    m.put("highLookbackBars", highLookbackBars);
    m.put("cooldown", cooldown);
    m.put("cooldownMin", cooldownMin);
    m.put("cooldownMax", cooldownMax);
    m.put("macroMin", macroMin);
    m.put("macroMax", macroMax);
    m.put("signalMaxAge", signalMaxAge);
    m.put("liqClusterMinNotional", liqClusterMinNotional);
    m.put("liqClusterOffset", liqClusterOffset);
    m.put("trailingPullback", trailingPullback);
    m.put("minHold", minHold);
    m.put("exhaustionVolumeRatio", exhaustionVolumeRatio);
    m.put("emergencyVolumeRatio", emergencyVolumeRatio);
    m.put("volumeAverageBars", volumeAverageBars);
    m.put("permanent", permanent);
    m.put("leverage", leverage);
    m.put("liquidationBuffer", liquidationBuffer);
    m.put("rebuildInterval", rebuildInterval);
    m.put("entryGate", entryGate);
    // Optional thresholds: leave them out when off so that the spec's NaN default applies.
    putIfOn(m, "minDrawdown", minDrawdown);
    putIfOn(m, "maxFearGreed", maxFearGreed);
    putIfOn(m, "minDaysSinceAth", minDaysSinceAth);
    putIfOn(m, "maxCapitalFraction", maxCapitalFraction);
    putIfOn(m, "liqClusterDistance", liqClusterDistance);
    putIfOn(m, "takeProfit", takeProfit);
    putIfOn(m, "trailingArm", trailingArm);
    putIfOn(m, "stopLoss", stopLoss);
    putIfOn(m, "exhaustionProfit", exhaustionProfit);
    putIfOn(m, "emergencyLoss", emergencyLoss);
    putIfOn(m, "levelSnap", levelSnap);
    return m;
  }

  private static void putIfOn(Map<String, Object> m, String key, double v) {
    if (!Double.isNaN(v)) {
      m.put(key, v);
    }
  }

  /** @return the number of levels a ladder can have: {@code levels}, or fewer ratios in Fibonacci mode */
  public int maxLevels() {
    return levelMode == LevelMode.FIBONACCI ? Math.min(levels, fibRatios.size()) : levels;
  }

  /**
   * The step-mode level prices below an entry price: level 1 is the entry, level {@code k}
   * is {@code step * stepScale^(k-2)} below level {@code k-1}.
   *
   * @param entry the entry (reference) price, {@code > 0}
   * @return {@link #levels} prices, strictly decreasing
   */
  public double[] stepLevelPrices(double entry) {
    return stepLevelPrices(entry, new double[levels]);
  }

  /**
   * {@link #stepLevelPrices(double)} written into an array the caller owns (a strategy lays out a
   * ladder many times per backtest and need not allocate for it).
   *
   * @param entry the entry (reference) price, {@code > 0}
   * @param out where to write the {@link #levels} prices, at least that long
   * @return {@code out}
   */
  public double[] stepLevelPrices(double entry, double[] out) {
    if (!(entry > 0) || Double.isInfinite(entry)) {
      throw new IllegalArgumentException("entry price must be > 0 and finite: " + entry);
    }
    if (out.length < levels) {
      throw new IllegalArgumentException("need room for " + levels + " prices, got " + out.length);
    }
    double[] prices = out;
    prices[0] = entry;
    double dev = step;
    for (int k = 1; k < levels; k++) {
      prices[k] = prices[k - 1] * (1 - dev);
      dev *= stepScale;
    }
    return prices;
  }

  /**
   * The Fibonacci retracement prices of a swing: {@code high - r * (high - low)} for each ratio,
   * at most {@link #levels} of them.
   *
   * @param swingHigh the highest high, {@code > swingLow}
   * @param swingLow the lowest low, {@code > 0}
   * @return the prices, strictly decreasing
   */
  public double[] fibonacciLevelPrices(double swingHigh, double swingLow) {
    if (!(swingLow > 0) || !(swingHigh > swingLow) || Double.isInfinite(swingHigh)) {
      throw new IllegalArgumentException("need 0 < swingLow < swingHigh: low %s, high %s".formatted(swingLow, swingHigh));
    }
    int n = maxLevels();
    double[] prices = new double[n];
    for (int i = 0; i < n; i++) {
      prices[i] = swingHigh - fibRatios.get(i) * (swingHigh - swingLow);
    }
    return prices;
  }

  /** @return whether the strategy ever sells: not in permanent mode */
  public boolean exitsEnabled() {
    return !permanent;
  }
}
