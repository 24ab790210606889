package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.BarColumns;
import dev.nanpin.Signal;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** The volume profile: hand-checked bins and the properties of bins and the value area. */
class VolumeProfileTest {

  @Property(tries = 60)
  void binsSumToTheWindowVolumeAndTheValueAreaHoldsItsShare(
      @ForAll @LongRange(min = 1, max = 1_000_000) long seed, @ForAll @IntRange(min = 1, max = 40) int window,
      @ForAll @DoubleRange(min = 0.3, max = 1.0) double share, @ForAll boolean session) {
    RandomMarket m = new RandomMarket(seed, 120);
    VolumeProfileGenerator g = VolumeProfileGenerator.of(Map.of("windowBars", window, "valueArea", share,
        "binWidth", 0.004, "mode", session ? "session" : "rolling", "session", "5d"));
    TestBars bars = m.bars;
    int n = bars.length();
    BarColumns series = new BarColumns(n);
    for (int i = 0; i < n; i++) {
      bars.appendTo(series, i);
      g.onBar(series);
      double expected = 0;
      if (session) {
        long sid = Math.floorDiv(bars.time[i], 5 * 86_400_000L);
        for (int j = i; j >= 0 && Math.floorDiv(bars.time[j], 5 * 86_400_000L) == sid; j--) {
          expected += bars.volume[j];
        }
      } else {
        for (int j = Math.max(0, i - window + 1); j <= i; j++) {
          expected += bars.volume[j];
        }
      }
      double[] bins = g.binVolumes();
      double sum = 0;
      for (double b : bins) {
        sum += b;
      }
      assertThat(sum).as("bar %d", i).isCloseTo(expected, within(1e-9 * (1 + expected)));
      int[] va = g.valueAreaBins();
      if (expected <= 0) {
        continue;
      }
      int lo = va[0];
      int hi = va[1];
      int poc = va[2];
      assertThat(lo).isLessThanOrEqualTo(poc);
      assertThat(poc).isLessThanOrEqualTo(hi);
      double inside = 0;
      for (int k = lo; k <= hi; k++) {
        inside += bins[k]; // one contiguous run of bins [lo, hi]
      }
      assertThat(inside).as("bar %d", i).isGreaterThanOrEqualTo(share * sum * (1 - 1e-9));
      for (double b : bins) {
        assertThat(bins[poc]).isGreaterThanOrEqualTo(b);
      }
    }
  }

  @Test
  void barVolumeIsSpreadEvenlyOverItsRange() {
    // One bar from 100 to 110 with 1000 volume on a 1 % log grid: each bin gets volume in
    // proportion to the part of [100, 110] it covers.
    TestBars bars = new TestBars.Builder().bar(100, 110, 100, 105, 1000).build();
    VolumeProfileGenerator g = VolumeProfileGenerator.of(Map.of("binWidth", 0.01, "windowBars", 5));
    VolumeProfileSignal s = (VolumeProfileSignal) TestBars.run(g, bars).get(0);
    double[] bins = g.binVolumes();
    double step = Math.log1p(0.01);
    int k0 = (int) Math.floor(Math.log(100) / step);
    double total = 0;
    for (int k = 0; k < bins.length; k++) {
      double a = Math.max(100, Math.exp((k0 + k) * step));
      double b = Math.min(110, Math.exp((k0 + k + 1) * step));
      assertThat(bins[k]).isCloseTo(1000 * (b - a) / 10, within(1e-9));
      total += bins[k];
    }
    assertThat(total).isCloseTo(1000, within(1e-9));
    assertThat(s.totalVolume()).isCloseTo(1000, within(1e-9));
    assertThat(s.valueAreaShare()).isGreaterThanOrEqualTo(0.70);
  }

  @Test
  void pocValueAreaAndNodesOfATwoHumpProfile() {
    // Heavy trading around 100 and around 120, little in between: two HVNs and an LVN between them.
    TestBars.Builder b = new TestBars.Builder();
    for (int i = 0; i < 10; i++) {
      b.bar(100, 100.4, 99.6, 100, 1000);
      b.bar(120, 120.4, 119.6, 120, 800);
    }
    b.bar(100, 120, 100, 110, 100);
    VolumeProfileGenerator g = VolumeProfileGenerator.of(Map.of("binWidth", 0.01, "windowBars", 21));
    List<Signal> out = TestBars.run(g, b.build());
    VolumeProfileSignal s = (VolumeProfileSignal) out.get(20);
    assertThat(s.poc()).isCloseTo(100, within(1.0));
    assertThat(s.valueAreaLow()).isLessThanOrEqualTo(s.poc());
    assertThat(s.highVolumeNodes()).hasSize(2);
    assertThat(s.highVolumeNodes().get(0)).isCloseTo(100, within(1.0));
    assertThat(s.highVolumeNodes().get(1)).isCloseTo(120, within(1.2));
    assertThat(s.lowVolumeNodes()).isNotEmpty().allSatisfy(p -> assertThat(p).isBetween(101.0, 119.0));
    assertThat(s.priceLevels()).containsExactly(s.highVolumeNodes().get(0), s.highVolumeNodes().get(1));
    assertThat(s.text("hvn")).contains(";");
  }
}
