package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.BarColumns;
import dev.nanpin.SignalGenerator;
import dev.nanpin.testkit.AllocationCounter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The change-only generators allocate nothing on bars that change nothing: a quiet market
 * (the same two bars alternating, steady volume) after the reading has settled.
 */
class AllocationTest {
  private static final int BARS = 200_000;

  private static TestBars quiet() {
    TestBars.Builder b = new TestBars.Builder();
    for (int i = 0; i < BARS; i++) {
      if (i % 2 == 0) {
        b.bar(i * 60_000L, 100, 100.2, 99.9, 100.1, 10);
      } else {
        b.bar(i * 60_000L, 100.1, 100.2, 99.9, 100, 10);
      }
    }
    return b.build();
  }

  private static double bytesPerBar(SignalGenerator g) {
    TestBars bars = quiet();
    BarColumns series = new BarColumns(BARS); // never grows: appending allocates nothing
    int half = BARS / 2;
    for (int i = 0; i < half; i++) { // warm up: the reading settles and the JIT compiles
      bars.appendTo(series, i);
      g.onBar(series);
    }
    long before = AllocationCounter.threadAllocatedBytes();
    int readings = 0;
    for (int i = half; i < BARS; i++) {
      bars.appendTo(series, i);
      readings += g.onBar(series) == null ? 0 : 1;
    }
    long after = AllocationCounter.threadAllocatedBytes();
    assertThat(readings).as("nothing changes in a quiet market").isZero();
    return (double) (after - before) / half;
  }

  @Test
  void wyckoffAllocatesNothingPerQuietBar() {
    assertThat(bytesPerBar(WyckoffGenerator.of(Map.of()))).isLessThan(1.0);
  }

  @Test
  void volumeProfileAllocatesNothingPerQuietBar() {
    assertThat(bytesPerBar(VolumeProfileGenerator.of(Map.of("windowBars", 50)))).isLessThan(1.0);
  }
}
