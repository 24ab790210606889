package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Trade;
import dev.nanpin.spi.Plugins;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/**
 * Signals never repaint: a generator run on the first k bars reports, for every one of them,
 * exactly what it reports for those bars when run on the whole series.
 */
class NoRepaintProperties {
  private static final Plugins PLUGINS = Plugins.load();
  private static final Map<String, Map<String, Object>> SETTINGS = Map.of(
      "wyckoff", Map.of("volumeLong", 10, "trendBars", 10, "extremeBars", 10, "climaxRatio", 1.8),
      "orderflow", Map.of("lookbackBars", 10, "sigmaBars", 10),
      "volume-profile", Map.of("windowBars", 30, "binWidth", 0.01),
      "wyckoff-every-bar", Map.of("volumeLong", 10, "trendBars", 10, "extremeBars", 10, "everyBar", true));

  private static SignalGenerator generator(String id) {
    return PLUGINS.signalGenerator(id.replace("-every-bar", ""), SETTINGS.get(id));
  }

  /** Checks every prefix of bars against the full run. */
  private static void checkEveryPrefix(String id, TestBars bars, List<List<Trade>> trades) {
    List<Signal> full = TestBars.run(generator(id), bars, trades);
    for (int k = 1; k <= bars.length(); k++) {
      List<Signal> prefix = TestBars.run(generator(id), bars.head(k), trades == null ? null : trades.subList(0, k));
      assertThat(prefix).as("%s on the first %d bars", id, k).isEqualTo(full.subList(0, k));
    }
  }

  @Property(tries = 40)
  void randomBarsNeverRepaint(@ForAll @LongRange(min = 1, max = 1_000_000) long seed) {
    RandomMarket m = new RandomMarket(seed, 160);
    for (String id : SETTINGS.keySet()) {
      checkEveryPrefix(id, m.bars, id.equals("orderflow") ? m.trades : null);
    }
  }

  @Property(tries = 12)
  void realBarsNeverRepaint(@ForAll @IntRange(min = 0, max = 1_000_000) int startSeed) {
    Optional<TestBars> btc = TestBars.shared("btc-usdt-1d.csv");
    assumeTrue(btc.isPresent(), "shared data absent");
    TestBars all = btc.get();
    int len = 250;
    int start = startSeed % (all.length() - len);
    TestBars slice = all.slice(start, start + len);
    for (String id : SETTINGS.keySet()) {
      checkEveryPrefix(id, slice, null);
    }
  }

  @Example
  void wholeRealSeriesAgreesWithItsPrefixesAtCutPoints() {
    Optional<TestBars> btc = TestBars.shared("btc-usdt-1d.csv");
    assumeTrue(btc.isPresent(), "shared data absent");
    TestBars all = btc.get();
    for (String id : List.of("wyckoff", "orderflow", "volume-profile")) {
      SignalGenerator g = PLUGINS.signalGenerator(id, Map.of());
      List<Signal> full = TestBars.run(g, all);
      for (int k : new int[] {1, 200, 517, 1000, 1500, all.length() - 1}) {
        List<Signal> prefix = TestBars.run(PLUGINS.signalGenerator(id, Map.of()), all.head(k));
        assertThat(prefix).as("%s, first %d bars", id, k).isEqualTo(full.subList(0, k));
      }
    }
  }
}
