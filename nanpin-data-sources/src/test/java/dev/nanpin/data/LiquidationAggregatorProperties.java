package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Liquidation;
import dev.nanpin.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/** The aggregator never repaints: a picture at time t is the same whatever arrives after t. */
class LiquidationAggregatorProperties {
  private static final LiquidationAggregator.Settings S =
      new LiquidationAggregator.Settings(50, Duration.ofHours(2), Duration.ofHours(16), 0.5, 20, 10_000);

  @Provide
  Arbitrary<List<Liquidation>> events() {
    Arbitrary<Liquidation> one = Combinators.combine(
        Arbitraries.of(Side.BUY, Side.SELL),
        Arbitraries.integers().between(500, 1500),
        Arbitraries.integers().between(1, 500),
        Arbitraries.integers().between(0, 48 * 60),
        Arbitraries.of("binance", "backpack")).as((side, price, qty, minute, src) ->
        LiquidationAggregatorTest.liq(src, "BTCUSDT", side, price.toString(), "0." + qty,
            LiquidationAggregatorTest.T0.plus(Duration.ofMinutes(minute))));
    return one.list().ofMaxSize(60);
  }

  @Property(tries = 200)
  void aPictureDependsOnlyOnEventsUpToItsTime(@ForAll("events") List<Liquidation> events,
      @ForAll @IntRange(min = 0, max = 48 * 60) int atMinute) {
    Instant t = LiquidationAggregatorTest.T0.plus(Duration.ofMinutes(atMinute));
    LiquidationAggregator all = new LiquidationAggregator("BTC", S);
    LiquidationAggregator upTo = new LiquidationAggregator("BTC", S);
    for (Liquidation l : events) {
      all.add(l);
      if (!l.time().isAfter(t)) {
        upTo.add(l);
      }
    }
    assertThat(all.clusters(t, 1000)).isEqualTo(upTo.clusters(t, 1000));
  }
}
