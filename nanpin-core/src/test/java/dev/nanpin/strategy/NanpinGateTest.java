package dev.nanpin.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.OrderType;
import dev.nanpin.Side;
import dev.nanpin.testkit.StrategyHarness;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ladder's signal gate and level snapping, over signals it knows only as {@link dev.nanpin.SignalView}s. */
class NanpinGateTest {
  private static NanpinStrategy strategy(Map<String, ?> settings) {
    return new NanpinStrategy(NanpinConfig.of(settings));
  }

  private static List<StrategyHarness.Order> openBuys(StrategyHarness h) {
    return h.openOrders().stream().filter(o -> o.intent.side() == Side.BUY).toList();
  }

  @Test
  void theLadderStartsOnlyWhileTheGateHoldsAndPullsItsLevelsWhenItCloses() {
    NanpinStrategy s = strategy(Map.of("entryGate", "wyckoff.phase in (B, C, D)"));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    assertThat(h.orders()).as("no signal: the gate is closed").isEmpty();

    h.signal(new FieldSignal("wyckoff", h.now(), Map.of("phase", "A")));
    h.flat(100, 10);
    assertThat(h.orders()).isEmpty();

    h.signal(new FieldSignal("wyckoff", h.now(), Map.of("phase", "B")));
    h.flat(100, 10);
    assertThat(h.positionQuantity()).as("the base order filled").isGreaterThan(0);
    assertThat(openBuys(h)).hasSize(4);

    h.signal(new FieldSignal("wyckoff", h.now(), Map.of("phase", "E")));
    h.flat(100, 10);
    assertThat(openBuys(h)).as("levels pulled while the gate is closed").isEmpty();

    h.signal(new FieldSignal("wyckoff", h.now(), Map.of("phase", "D")));
    h.flat(100, 10);
    assertThat(openBuys(h)).as("levels placed again").hasSize(4);
  }

  @Test
  void aStaleSignalClosesTheGate() {
    NanpinStrategy s = strategy(Map.of("entryGate", "wyckoff.phase == B", "signalMaxAge", "2h"));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.signal(new FieldSignal("wyckoff", h.now() - 5 * 3_600_000L, Map.of("phase", "B")));
    h.flat(100, 10);
    assertThat(h.orders()).isEmpty();
  }

  @Test
  void levelsSnapToTheNearestSignalPriceLevelWithinTheDistance() {
    // The gate holds the first ladder back until the profile has arrived.
    NanpinStrategy s = strategy(Map.of("levelSnap", 0.01, "entryGate", "volume-profile.ready == 1"));
    StrategyHarness h = StrategyHarness.hourly(s);
    h.flat(100, 10);
    h.signal(new FieldSignal("volume-profile", java.time.Instant.ofEpochMilli(h.now()), Map.of("ready", 1),
        new double[] {90.0, 97.5, 99.5}));
    h.flat(100, 10);
    List<StrategyHarness.Order> second = h.orders().stream()
        .filter(o -> o.intent.side() == Side.BUY && o.intent.type() == OrderType.LIMIT).toList();
    assertThat(second).hasSize(4);
    // Level 2 would be 98: 97.5 is within 1 % of it (99.5 is too, but farther). Level 3 would be
    // 95.06: no node within 1 %. Level 4 would be 90.78: 90 is within 1 %. Level 5 (84.65): none.
    assertThat(second.get(0).intent.limitPrice()).isCloseTo(97.5, within(1e-9));
    assertThat(second.get(1).intent.limitPrice()).isCloseTo(98 * 0.97, within(1e-9));
    assertThat(second.get(2).intent.limitPrice()).isCloseTo(90.0, within(1e-9));
    assertThat(second.get(3).intent.limitPrice()).isCloseTo(98 * 0.97 * 0.955 * 0.9325, within(1e-9));
  }

  @Test
  void withoutAGateTheLadderIsUnchanged() {
    NanpinStrategy gated = strategy(Map.of("entryGate", ""));
    StrategyHarness h = StrategyHarness.hourly(gated);
    h.flat(100, 10);
    assertThat(openBuys(h)).hasSize(4);
    assertThat(NanpinConfig.defaults().entryGate()).isEmpty();
    assertThat(NanpinConfig.defaults().levelSnap()).isNaN();
  }
}
