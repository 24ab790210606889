package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.Signal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The detector with its defaults over the shared BTC/USDT daily history. */
class WyckoffBtcTest {
  @Test
  void btcDailyPhases() {
    Optional<TestBars> btc = TestBars.shared("btc-usdt-1d.csv");
    assumeTrue(btc.isPresent(), "shared data absent");
    TestBars bars = btc.get();
    List<Signal> out = TestBars.run(WyckoffGenerator.of(Map.of()), bars);
    for (Signal s : out) {
      if (s instanceof WyckoffSignal w) {
        System.out.printf("%s %s %s %s ev=%s@%s range=%.0f-%.0f r=%.2f%n", Instant.ofEpochMilli(bars.time[w.bar()]).toString().substring(0, 10),
            w.bias(), w.phase(), w.phaseBar() < 0 ? "" : Instant.ofEpochMilli(bars.time[w.phaseBar()]).toString().substring(0, 10),
            w.event(), w.eventBar() < 0 ? "" : Instant.ofEpochMilli(bars.time[w.eventBar()]).toString().substring(0, 10),
            w.rangeLow(), w.rangeHigh(), w.volumeRatio());
      }
    }
    assertThat(out).isNotEmpty();
  }
}
