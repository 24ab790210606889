package dev.nanpin.strategy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Side;
import dev.nanpin.testkit.SharedData;
import dev.nanpin.testkit.StrategyHarness;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the strategy over the real BTC/USDT hourly history of {@code ../shared/data} (skipped when
 * absent) with the test harness, and checks the invariants that must hold on any path.
 */
class NanpinRealDataTest {
  private static double[][] bars;

  private static double[][] load() throws IOException {
    if (bars == null) {
      Path csv = SharedData.require("data/btc-usdt-1h.csv");
      List<String> lines = Files.readAllLines(csv);
      double[][] out = new double[lines.size() - 1][];
      for (int i = 1; i < lines.size(); i++) {
        String[] f = lines.get(i).split(",");
        out[i - 1] = new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
            Double.parseDouble(f[4]), Double.parseDouble(f[5])};
      }
      bars = out;
    }
    return bars;
  }

  private static StrategyHarness run(NanpinStrategy s) throws IOException {
    StrategyHarness h = new StrategyHarness(s, (intent, price, account, time) -> 100, 100_000, 3_600_000L, 0.0002);
    for (double[] b : load()) {
      h.bar(b[0], b[1], b[2], b[3], b[4]);
    }
    return h;
  }

  @Test
  void takeProfitsAreAboveTheAverageAndLaddersStayWithinTheirLevels() throws IOException {
    NanpinStrategy s = new NanpinStrategy(NanpinConfig.defaults());
    StrategyHarness h = run(s);
    double qty = 0;
    double cost = 0;
    int entriesInCycle = 0;
    int takeProfits = 0;
    for (StrategyHarness.FillRecord f : h.fills()) {
      if (f.side() == Side.BUY) {
        assertThat(f.tag()).isBetween(1, 5);
        qty += f.quantity();
        cost += f.quantity() * f.price();
        entriesInCycle++;
        assertThat(entriesInCycle).isLessThanOrEqualTo(s.maxEntries());
      } else {
        double avg = cost / qty;
        if (f.tag() == NanpinStrategy.TAKE_PROFIT_TAG) {
          assertThat(f.price()).isGreaterThanOrEqualTo(avg * 1.02 * (1 - 1e-9));
          takeProfits++;
        }
        qty -= f.quantity();
        cost = qty * avg;
        if (qty <= 1e-12) {
          qty = 0;
          cost = 0;
          entriesInCycle = 0;
        }
      }
    }
    assertThat(takeProfits).isGreaterThan(10);
    assertThat(h.cash()).isGreaterThan(0);
    assertThat(h.orders()).filteredOn(o -> o.intent.side() == Side.SELL).allMatch(o -> o.intent.reduceOnly());
  }

  @Test
  void permanentModeOnlyBuys() throws IOException {
    NanpinStrategy s = new NanpinStrategy(NanpinConfig.of(Map.of("permanent", true, "cooldown", "12h",
        "cooldownMin", "4h", "cooldownMax", "72h")));
    StrategyHarness h = run(s);
    assertThat(h.fills()).isNotEmpty().allMatch(f -> f.side() == Side.BUY);
  }

  @Test
  void fibonacciLaddersTradeTheRealSwings() throws IOException {
    NanpinStrategy s = new NanpinStrategy(NanpinConfig.of(Map.of("levelMode", "fibonacci", "fibLookbackBars", 240,
        "minDrawdown", 0.05, "highLookbackBars", 240, "minLevelScore", 1)));
    StrategyHarness h = run(s);
    assertThat(h.fills()).filteredOn(f -> f.side() == Side.BUY).isNotEmpty();
    assertThat(h.fills()).filteredOn(f -> f.tag() == NanpinStrategy.TAKE_PROFIT_TAG).isNotEmpty();
  }
}
