package dev.nanpin.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.ConfigException;
import dev.nanpin.LiquidationCluster;
import dev.nanpin.LiquidationClusters;
import dev.nanpin.MacroRegime;
import dev.nanpin.OrderType;
import dev.nanpin.Sentiment;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.strategy.NanpinStrategy.ExitReason;
import dev.nanpin.testkit.StrategyHarness;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NanpinStrategyTest {
  private static final long HOUR = 3_600_000L;

  private static NanpinStrategy strategy(Map<String, ?> settings) {
    return new NanpinStrategy(NanpinConfig.of(settings));
  }

  private static List<StrategyHarness.Order> entries(StrategyHarness h) {
    return h.orders().stream().filter(o -> o.intent.side() == Side.BUY).toList();
  }

  @Test
  void stepLadderBuysAtMarketThenRestsScaledLimitsBelow() {
    NanpinStrategy s = strategy(Map.of());
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);

    List<StrategyHarness.Order> buys = entries(h);
    assertThat(buys).hasSize(5);
    assertThat(buys.get(0).intent.type()).isEqualTo(OrderType.MARKET);
    assertThat(buys.get(0).intent.sizing()).isEqualTo(Sizing.SIZER);
    assertThat(buys.get(0).intent.amount()).isEqualTo(1.0);
    double[] expected = {100, 98, 98 * 0.97, 98 * 0.97 * 0.955, 98 * 0.97 * 0.955 * 0.9325};
    for (int k = 1; k < 5; k++) {
      assertThat(buys.get(k).intent.type()).isEqualTo(OrderType.LIMIT);
      assertThat(buys.get(k).intent.limitPrice()).isCloseTo(expected[k], within(1e-9));
      assertThat(buys.get(k).intent.amount()).isCloseTo(Math.pow(1.3, k), within(1e-12));
      assertThat(buys.get(k).intent.tag()).isEqualTo(k + 1);
    }
    assertThat(h.positionQuantity()).isCloseTo(1.0, within(1e-12));
    assertThat(s.maxEntries()).isEqualTo(5);
    assertThat(s.leverageCeiling()).isEqualTo(1.0);
  }

  @Test
  void severalLevelsFillInOneBarAndTheTakeProfitFollowsTheAverage() {
    NanpinStrategy s = strategy(Map.of());
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.bar(100, 100, 94, 95, 10); // trades through 98 and 95.06
    assertThat(s.filledLevels()).isEqualTo(3);
    double avg = h.averageEntry();
    assertThat(avg).isGreaterThan(95.06).isLessThan(100);
    List<StrategyHarness.Order> tp = h.openOrdersTagged(NanpinStrategy.TAKE_PROFIT_TAG);
    assertThat(tp).hasSize(1);
    assertThat(tp.get(0).intent.limitPrice()).isCloseTo(avg * 1.02, within(1e-9));
    assertThat(tp.get(0).intent.reduceOnly()).isTrue();
    assertThat(tp.get(0).intent.sizing()).isEqualTo(Sizing.POSITION_FRACTION);
  }

  @Test
  void takeProfitIsMeasuredFromTheAverageEntryNotTheFirst() {
    NanpinStrategy s = strategy(Map.of());
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.bar(100, 100, 97.5, 98, 10);
    double avg = h.averageEntry();
    assertThat(avg).isCloseTo((100 + 130) / (1 + 130 / 98.0), within(1e-9));
    // The high reaches 1.02 x the average (about 100.84) but stays far below 1.02 x the first entry (102).
    h.bar(98, 101, 98, 100.9, 10);
    assertThat(h.fills().stream().filter(f -> f.side() == Side.SELL).toList())
        .singleElement()
        .satisfies(f -> assertThat(f.price()).isCloseTo(avg * 1.02, within(1e-9)));
    assertThat(s.lastExitReason()).isEqualTo(ExitReason.TAKE_PROFIT);
    // The ladder started again at the bar's close after the exit.
    assertThat(h.positionQuantity()).isCloseTo(100 / 100.9, within(1e-9));
  }

  @Test
  void stopLossIsMeasuredFromTheAverageEntry() {
    NanpinStrategy s = strategy(Map.of("levels", 2, "takeProfit", 0, "stopLoss", 0.05));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.bar(100, 100, 97, 97.5, 10);
    double avg = h.averageEntry();
    h.flat(94.5, 10); // 5.5 % under the first entry, only about 4.4 % under the average
    assertThat(h.positionQuantity()).isPositive();
    assertThat(s.lastExitReason()).isNull();
    h.flat(avg * 0.949, 10);
    assertThat(s.lastExitReason()).isEqualTo(ExitReason.STOP_LOSS);
    assertThat(h.positionQuantity()).isZero();
    StrategyHarness.Order exit = h.orders().stream().filter(o -> o.intent.tag() == dev.nanpin.ExitReason.STOP_LOSS.tag())
        .findFirst().orElseThrow();
    assertThat(exit.intent.type()).isEqualTo(OrderType.MARKET);
    assertThat(exit.intent.reduceOnly()).isTrue();
  }

  @Test
  void trailingTakeProfitArmsThenExitsOnThePullBack() {
    NanpinStrategy s = strategy(Map.of("levels", 1, "takeProfit", 0, "trailingArm", 0.03, "trailingPullback", 0.01));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.bar(100, 102, 100, 102, 10); // +2 %: not armed
    h.bar(102, 104, 102, 103.5, 10); // armed at 104; 103.5 is within 1 % of it
    assertThat(h.positionQuantity()).isPositive();
    h.bar(103.5, 105, 103, 103.9, 10); // peak 105, 103.9 < 103.95
    assertThat(s.lastExitReason()).isEqualTo(ExitReason.TRAILING);
    assertThat(h.positionQuantity()).isZero();
  }

  @Test
  void minimumHoldBlocksTheStopButNotTheEmergencyDump() {
    NanpinStrategy s = strategy(Map.of("levels", 1, "takeProfit", 0, "stopLoss", 0.02, "minHold", "10h",
        "emergencyLoss", 0.03, "volumeAverageBars", 3));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 100);
    h.flat(99, 100);
    h.flat(97.9, 100); // -2.1 %: the stop would fire, but the hold is 2 h of 10 h
    assertThat(h.positionQuantity()).isPositive();
    assertThat(s.lastExitReason()).isNull();
    h.flat(96.5, 10); // -3.5 % and volume at 10 % of its average: emergency, inside the hold
    assertThat(s.lastExitReason()).isEqualTo(ExitReason.EMERGENCY);
    assertThat(h.positionQuantity()).isZero();
  }

  @Test
  void emergencyNeedsCollapsedVolumeAndTheStopFiresOnceTheHoldHasPassed() {
    NanpinStrategy s = strategy(Map.of("levels", 1, "takeProfit", 0, "stopLoss", 0.02, "minHold", "3h",
        "emergencyLoss", 0.03, "volumeAverageBars", 3));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 100);
    h.flat(96, 100); // -4 % with normal volume, 1 h held: neither emergency nor stop
    h.flat(96, 100); // 2 h
    assertThat(h.positionQuantity()).isPositive();
    h.flat(96, 100); // 3 h: the stop
    assertThat(s.lastExitReason()).isEqualTo(ExitReason.STOP_LOSS);
  }

  @Test
  void emergencyIsCheckedBeforeTheStopLoss() {
    NanpinStrategy s = strategy(Map.of("levels", 1, "takeProfit", 0, "stopLoss", 0.02,
        "emergencyLoss", 0.03, "volumeAverageBars", 2));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 100);
    h.flat(100, 100);
    h.flat(96, 1); // both rules hold
    assertThat(s.lastExitReason()).isEqualTo(ExitReason.EMERGENCY);
  }

  @Test
  void volumeExhaustionExitsAProfitWhenVolumeDriesUp() {
    NanpinStrategy s = strategy(Map.of("levels", 1, "takeProfit", 0, "exhaustionProfit", 0.01,
        "volumeAverageBars", 3));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 100);
    h.flat(100.5, 100);
    h.flat(101.5, 100); // profit, but normal volume
    assertThat(h.positionQuantity()).isPositive();
    h.flat(101.5, 20);
    assertThat(s.lastExitReason()).isEqualTo(ExitReason.VOLUME_EXHAUSTION);
  }

  @Test
  void takeProfitWaitsForTheMinimumHold() {
    NanpinStrategy s = strategy(Map.of("levels", 1, "minHold", "2h"));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    assertThat(h.openOrdersTagged(NanpinStrategy.TAKE_PROFIT_TAG)).isEmpty();
    h.bar(100, 103, 100, 101, 10); // would have hit 102, but no order yet
    assertThat(h.positionQuantity()).isPositive();
    h.flat(101, 10);
    assertThat(h.openOrdersTagged(NanpinStrategy.TAKE_PROFIT_TAG)).hasSize(1);
  }

  @Test
  void drawdownGateWaitsForTheDipFromTheRecentHigh() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of("minDrawdown", 0.1, "highLookbackBars", 5)));
    h.flat(100, 10).flat(100, 10).flat(95, 10);
    assertThat(h.orders()).isEmpty();
    h.flat(89, 10);
    assertThat(entries(h)).isNotEmpty();
    assertThat(h.positionQuantity()).isCloseTo(100 / 89.0, within(1e-9));
  }

  @Test
  void fearGreedGateUsesAFreshReadingAndIsOpenWithoutOne() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of("maxFearGreed", 25)));
    h.signal(new Sentiment(Sentiment.FEAR_GREED, 60, Instant.ofEpochMilli(1_700_000_000_000L / HOUR * HOUR)));
    h.flat(100, 10);
    h.flat(100, 10);
    assertThat(h.orders()).isEmpty();
    h.signal(new Sentiment(Sentiment.FEAR_GREED, 20, Instant.ofEpochMilli(h.now())));
    h.flat(100, 10);
    assertThat(entries(h)).isNotEmpty();

    StrategyHarness stale = StrategyHarness.hourly(strategy(Map.of("maxFearGreed", 25)));
    stale.signal(new Sentiment(Sentiment.FEAR_GREED, 90, Instant.ofEpochMilli(0)));
    stale.flat(100, 10);
    assertThat(entries(stale)).isNotEmpty();
  }

  @Test
  void daysSinceAllTimeHighGate() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of("minDaysSinceAth", 2)));
    h.flat(120, 10);
    for (int i = 1; i < 48; i++) {
      h.flat(90, 10);
    }
    assertThat(h.orders()).isEmpty();
    h.flat(90, 10); // 48 h after the high
    assertThat(entries(h)).isNotEmpty();
  }

  @Test
  void capitalGateStopsPlacingLevels() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of("maxCapitalFraction", 0.02)));
    h.flat(100, 10);
    // 100 (market, pending) + 130 + 169 resting: the 4th level would start above 2 % of 10 000.
    assertThat(entries(h)).extracting(o -> o.intent.tag()).containsExactly(1, 2, 3);
    h.flat(100, 10);
    assertThat(entries(h)).hasSize(3);
  }

  @Test
  void cooldownIsShortAfterADeepDropAndLongAfterAShallowOne() {
    Map<String, Object> cfg = Map.of("cooldown", "10h", "cooldownMin", "2h", "cooldownMax", "48h");
    StrategyHarness deep = StrategyHarness.hourly(strategy(cfg));
    deep.flat(100, 10);
    assertThat(entries(deep)).hasSize(1);
    for (int i = 1; i < 5; i++) {
      deep.flat(96, 10); // 4 % drop = twice the step: 10 h / 2 = 5 h
      assertThat(entries(deep)).as("after %d h", i).hasSize(1);
    }
    deep.flat(96, 10);
    assertThat(entries(deep)).hasSize(5);

    StrategyHarness shallow = StrategyHarness.hourly(strategy(cfg));
    shallow.flat(100, 10);
    for (int i = 1; i < 40; i++) {
      shallow.flat(99.5, 10); // 0.5 % drop: 10 h / 0.25 = 40 h
    }
    assertThat(entries(shallow)).hasSize(1);
    shallow.flat(99.5, 10);
    assertThat(entries(shallow)).hasSize(5);
  }

  @Test
  void cooldownPullsTheRemainingLevelsAfterEachFill() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of("cooldown", "4h", "cooldownMin", "4h")));
    h.flat(100, 10);
    for (int i = 0; i < 4; i++) {
      h.flat(96, 10); // a 4 % drop: 2 h, clamped to the 4 h minimum
    }
    assertThat(h.openOrders().stream().filter(o -> o.intent.side() == Side.BUY)).hasSize(4);
    h.bar(96, 96, 95.9, 96, 10); // level 2 (98) fills at the open: the rest are pulled
    assertThat(h.fills()).filteredOn(f -> f.tag() == 2).hasSize(1);
    assertThat(h.openOrders().stream().filter(o -> o.intent.side() == Side.BUY)).isEmpty();
  }

  @Test
  void permanentModeNeverSellsAndReanchorsAfterTheCooldown() {
    NanpinStrategy s = strategy(Map.of("permanent", true, "levels", 2, "cooldownMin", "1h", "cooldownMax", "5h"));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    for (int i = 1; i <= 12; i++) {
      h.flat(100 + i, 10);
    }
    assertThat(h.orders()).noneMatch(o -> o.intent.side() == Side.SELL);
    assertThat(h.fills().stream().filter(f -> f.side() == Side.BUY)).hasSizeGreaterThanOrEqualTo(3);
    assertThat(s.referencePrice()).isGreaterThan(105);
    assertThat(s.config().exitsEnabled()).isFalse();
  }

  @Test
  void macroRegimeScalesTheSizeWithinItsClamp() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of()));
    h.signal(new MacroRegime(-2, "risk-off", 0.2, Instant.ofEpochMilli(1_700_000_000_000L / HOUR * HOUR)));
    h.flat(100, 10);
    List<StrategyHarness.Order> buys = entries(h);
    assertThat(buys.get(0).intent.amount()).isCloseTo(0.5, within(1e-12));
    assertThat(buys.get(1).intent.amount()).isCloseTo(0.65, within(1e-12));
  }

  @Test
  void liquidationClusterPullsANearbyLevelJustAboveIt() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of()));
    Instant now = Instant.ofEpochMilli(1_700_000_000_000L / HOUR * HOUR);
    h.signal(new LiquidationClusters("BTC", 100, List.of(
        new LiquidationCluster(97.0, 97.5, 5e6, Side.BUY),
        new LiquidationCluster(97.6, 97.8, 9e6, Side.SELL)), now));
    h.flat(100, 10);
    List<StrategyHarness.Order> buys = entries(h);
    assertThat(buys.get(1).intent.limitPrice()).isCloseTo(97.5 * 1.001, within(1e-9));
    assertThat(buys.get(2).intent.limitPrice()).isCloseTo(98 * 0.97, within(1e-9));
  }

  @Test
  void smallOrStaleClustersAreIgnored() {
    StrategyHarness h = StrategyHarness.hourly(strategy(Map.of()));
    h.signal(new LiquidationClusters("BTC", 100, List.of(new LiquidationCluster(97.0, 97.5, 1e3, Side.BUY)),
        Instant.ofEpochMilli(1_700_000_000_000L / HOUR * HOUR)));
    h.flat(100, 10);
    assertThat(entries(h).get(1).intent.limitPrice()).isCloseTo(98, within(1e-9));
  }

  @Test
  void gapFillReanchorsTheLevelsBelow() {
    NanpinStrategy s = strategy(Map.of());
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.bar(96.5, 96.5, 96, 96.2, 10); // opens under level 2 (98): fills at 96.5
    double[] levels = s.levelPrices();
    assertThat(levels[2]).isCloseTo(96.5 * 0.97, within(1e-9));
    assertThat(h.openOrdersTagged(3)).singleElement()
        .satisfies(o -> assertThat(o.intent.limitPrice()).isCloseTo(96.5 * 0.97, within(1e-9)));
  }

  @Test
  void fibonacciLevelsRestUnderTheCloseAndWeakLevelsAreSkipped() {
    // The drawdown gate holds the ladder back until the last bar, 8.3 % under the high.
    NanpinStrategy s = strategy(Map.of("levelMode", "fibonacci", "fibLookbackBars", 10, "minDrawdown", 0.08,
        "highLookbackBars", 10));
    StrategyHarness h = StrategyHarness.hourly(s);
    double[] path = {80, 90, 100, 110, 120, 115, 112, 110};
    h.bar(85, 85, 80, 80, 10);
    for (int i = 1; i < path.length; i++) {
      h.flat(path[i], 10);
    }
    // Swing 80..120: 110.56, 104.72, 100, 95.28, 88.56; the first lies above the close of 110.
    List<Double> prices = h.openOrders().stream().map(o -> o.intent.limitPrice()).sorted().toList();
    assertThat(prices).hasSize(4);
    assertThat(prices.get(0)).isCloseTo(120 - 0.786 * 40, within(1e-9));
    assertThat(prices.get(3)).isCloseTo(120 - 0.382 * 40, within(1e-9));
    assertThat(s.levelScores()[2]).as("the 50 %% level sits on a traded price").isGreaterThan(0);

    NanpinStrategy strict = strategy(Map.of("levelMode", "fibonacci", "fibLookbackBars", 10, "minDrawdown", 0.08,
        "highLookbackBars", 10, "minLevelScore", 500));
    StrategyHarness h2 = StrategyHarness.hourly(strict);
    h2.bar(85, 85, 80, 80, 10);
    for (int i = 1; i < path.length; i++) {
      h2.flat(path[i], 10);
    }
    assertThat(h2.orders()).isEmpty();
  }

  @Test
  void stateRoundTripsAndRestoredOrdersArePlacedAgain() {
    NanpinStrategy s = strategy(Map.of());
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.bar(100, 100, 97.5, 98, 10);
    Map<String, String> saved = s.saveState();

    NanpinStrategy copy = strategy(Map.of());
    copy.restoreState(saved);
    assertThat(copy.saveState()).isEqualTo(saved);
    assertThat(copy.levelPrices()).containsExactly(s.levelPrices());
    assertThat(copy.filledLevels()).isEqualTo(2);

    // A restart on the same engine: the saved ladder's resting levels are placed again.
    s.restoreState(saved);
    int before = h.orders().size();
    h.flat(98.5, 10);
    List<StrategyHarness.Order> replaced = h.orders().subList(before, h.orders().size());
    assertThat(replaced).extracting(o -> o.intent.tag()).contains(3, 4, 5);
    assertThat(h.openOrders()).filteredOn(o -> o.intent.side() == Side.BUY).hasSize(3);
  }

  @Test
  void badStateIsATypedErrorNamingTheKey() {
    NanpinStrategy s = strategy(Map.of());
    Map<String, String> saved = new java.util.HashMap<>(s.saveState());
    saved.put("filledLevels", "many");
    assertThatThrownBy(() -> s.restoreState(saved)).isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("filledLevels"));
    Map<String, String> other = strategy(Map.of("levels", 3)).saveState();
    assertThatThrownBy(() -> s.restoreState(other)).isInstanceOf(ConfigException.class)
        .hasMessageContaining("3 levels");
  }

  @Test
  void fillsInsideSubmitGiveTheSameTrades() {
    double[][] path = {{100, 100, 100, 100}, {100, 100, 97.5, 98}, {98, 98, 94, 94.5}, {94.5, 95, 93, 93.2},
        {93.2, 97, 93, 96.8}, {96.8, 99, 96, 98.5}, {98.5, 98.5, 90, 91}, {91, 91, 85, 86}};
    Map<String, Object> cfg = Map.of("stopLoss", 0.06, "trailingArm", 0.01, "trailingPullback", 0.005);
    StrategyHarness deferred = StrategyHarness.hourly(strategy(cfg));
    StrategyHarness inside = StrategyHarness.hourly(strategy(cfg)).fillMarketInsideSubmit(true);
    for (double[] b : path) {
      deferred.bar(b[0], b[1], b[2], b[3], 10);
      inside.bar(b[0], b[1], b[2], b[3], 10);
    }
    assertThat(inside.fills()).isNotEmpty();
    assertThat(inside.fills()).filteredOn(f -> f.side() == Side.SELL).isNotEmpty();
    // Order ids differ (the submission order does), the trades must not.
    assertThat(inside.fills()).extracting(f -> List.of(f.tag(), f.side(), f.price(), f.quantity(), f.timeMillis()))
        .isEqualTo(deferred.fills().stream()
            .map(f -> List.of(f.tag(), f.side(), f.price(), f.quantity(), f.timeMillis())).toList());
    assertThat(inside.positionQuantity()).isEqualTo(deferred.positionQuantity());
  }

  @Test
  void perpConfigStatesItsLeverageCeiling() {
    assertThat(strategy(Map.of("leverage", 3)).leverageCeiling()).isEqualTo(3.0);
  }

  @Test
  void configRejectsALadderThatReachesZero() {
    assertThatThrownBy(() -> NanpinConfig.of(Map.of("step", 0.5, "stepScale", 2, "levels", 3)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("level 3");
    assertThatThrownBy(() -> NanpinConfig.of(Map.of("fibRatios", "0.5,0.382")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("increasing");
    assertThatThrownBy(() -> NanpinConfig.of(Map.of("lvels", 3)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("lvels");
  }

  @Test
  void configWithKeepsOtherSettings() {
    NanpinConfig c = NanpinConfig.of(Map.of("levels", 7, "stopLoss", 0.1)).with("leverage", 2);
    assertThat(c.levels()).isEqualTo(7);
    assertThat(c.stopLoss()).isEqualTo(0.1);
    assertThat(c.leverage()).isEqualTo(2);
    assertThat(c.trailingArm()).isNaN();
    assertThat(NanpinConfig.defaults().with(Map.of())).isEqualTo(NanpinConfig.defaults());
  }
}
