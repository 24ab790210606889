package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.Signal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The detector with its defaults over the shared BTC/USDT daily history: the readings the README
 * shows for 2018-2019 and 2022 (the November 2018 breakdown, the June 2022 capitulation and its
 * markup, the November 2022 climax).
 */
class WyckoffBtcTest {
  private static List<String> readings(TestBars bars, String from, String to) {
    List<Signal> out = TestBars.run(WyckoffGenerator.of(Map.of()), bars);
    int a = bars.indexOf(from);
    int b = bars.indexOf(to);
    List<String> lines = new ArrayList<>();
    for (int i = a; i < b; i++) {
      if (out.get(i) instanceof WyckoffSignal w) {
        lines.add(day(bars, i) + " " + w.bias() + " " + w.phase()
            + (w.event() == null ? "" : " " + w.event() + "@" + day(bars, w.eventBar())));
      }
    }
    return lines;
  }

  private static String day(TestBars bars, int i) {
    return Instant.ofEpochMilli(bars.time[i]).toString().substring(0, 10);
  }

  @Test
  void btcDailyRangesOf2018And2022() {
    Optional<TestBars> btc = TestBars.shared("btc-usdt-1d.csv");
    assumeTrue(btc.isPresent(), "shared data absent");
    TestBars bars = btc.get();

    List<String> y2018 = readings(bars, "2018-10-01", "2018-12-31");
    assertThat(y2018).contains(
        "2018-10-15 DISTRIBUTION A BC@2018-10-15",
        "2018-10-23 DISTRIBUTION B AR@2018-10-20",
        "2018-11-14 DISTRIBUTION D SOW@2018-11-14",
        "2018-12-02 DISTRIBUTION E LPSY@2018-11-29");

    List<String> y2022 = readings(bars, "2022-06-01", "2022-12-31");
    assertThat(y2022).contains(
        "2022-06-13 ACCUMULATION A SC@2022-06-13",
        "2022-06-24 ACCUMULATION B AR@2022-06-21",
        "2022-07-19 ACCUMULATION D SOS@2022-07-19",
        "2022-08-08 ACCUMULATION E",
        "2022-11-09 ACCUMULATION A SC@2022-11-09",
        "2022-12-13 ACCUMULATION E");
  }
}
