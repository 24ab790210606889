package dev.nanpin.signals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Signal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Hand-built bar sequences, one event at a time, with small windows so that each bar is easy to check. */
class WyckoffEventsTest {
  private static final Map<String, Object> SMALL = Map.of("pivotLeft", 1, "pivotRight", 1, "volumeLong", 5,
      "trendBars", 5, "extremeBars", 5, "climaxRatio", 2.0, "psRatio", 1.4, "springBars", 3);

  /** o, h, l, c, v of an accumulation range: PS, SC, AR, ST, spring, SOS, LPS, markup. */
  private static List<double[]> accumulation() {
    List<double[]> rows = new ArrayList<>();
    double o = 101;
    for (double c = 100; c >= 86; c -= 2) { // bars 0-7: a downtrend on flat volume
      rows.add(new double[] {o, o + 0.5, c - 0.5, c, 100});
      o = c;
    }
    rows.add(new double[] {86, 86.5, 83, 85.5, 170}); // 8: PS (ratio 1.49 at a new low)
    rows.add(new double[] {85.5, 86, 84, 84.5, 100}); // 9
    rows.add(new double[] {84.5, 85, 78, 79.5, 400}); // 10: SC (ratio 2.3 at a new low)
    rows.add(new double[] {79.5, 82, 79, 81.5, 150}); // 11
    rows.add(new double[] {81.5, 84, 81, 83.5, 120}); // 12: AR high, confirmed at 13
    rows.add(new double[] {83.5, 83.8, 81, 81.5, 100}); // 13
    rows.add(new double[] {81.5, 81.8, 78.2, 79, 110}); // 14: ST low near 78, confirmed at 15
    rows.add(new double[] {79, 80.5, 78.8, 80, 100}); // 15
    rows.add(new double[] {80, 81, 79.5, 80.5, 100}); // 16
    rows.add(new double[] {80.5, 80.6, 76, 77, 500}); // 17: close below the range on climax volume
    rows.add(new double[] {77, 80, 76.8, 79.5, 150}); // 18: back inside: spring
    rows.add(new double[] {79.5, 82, 79.2, 81.5, 120}); // 19
    rows.add(new double[] {81.5, 86, 81.4, 85.8, 260}); // 20: SOS above 84 on expanding volume
    rows.add(new double[] {85.8, 86.5, 84.5, 85, 120}); // 21
    rows.add(new double[] {85, 85.2, 83, 84, 90}); // 22: LPS low above the middle, confirmed at 23
    rows.add(new double[] {84, 85.5, 83.5, 85.2, 100}); // 23
    rows.add(new double[] {85.2, 87.5, 85, 87, 150}); // 24: above the SOS high: markup
    return rows;
  }

  /** The price mirror 200 - p of a sequence: an accumulation becomes a distribution. */
  private static List<double[]> mirror(List<double[]> rows) {
    List<double[]> out = new ArrayList<>();
    for (double[] r : rows) {
      out.add(new double[] {200 - r[0], 200 - r[2], 200 - r[1], 200 - r[3], r[4]});
    }
    return out;
  }

  private static List<WyckoffSignal> run(List<double[]> rows) {
    TestBars.Builder b = new TestBars.Builder();
    for (double[] r : rows) {
      b.bar(r[0], r[1], r[2], r[3], r[4]);
    }
    List<WyckoffSignal> out = new ArrayList<>();
    for (Signal s : TestBars.run(WyckoffGenerator.of(SMALL), b.build())) {
      out.add((WyckoffSignal) s);
    }
    return out;
  }

  /** "EVENT@evidence" keyed by the bar at which it was reported. */
  private static Map<Integer, String> events(List<WyckoffSignal> out) {
    Map<Integer, String> m = new LinkedHashMap<>();
    for (int i = 0; i < out.size(); i++) {
      WyckoffSignal s = out.get(i);
      if (s != null && s.event() != null) {
        m.put(i, s.event() + "@" + s.eventBar());
      }
    }
    return m;
  }

  private static WyckoffSignal last(List<WyckoffSignal> out, int upTo) {
    for (int i = upTo; i >= 0; i--) {
      if (out.get(i) != null) {
        return out.get(i);
      }
    }
    return null;
  }

  @Test
  void accumulationEventsArriveInOrderEachWhenItIsKnown() {
    List<WyckoffSignal> out = run(accumulation());
    assertThat(events(out)).containsExactly(
        Map.entry(8, "PS@8"), Map.entry(10, "SC@10"), Map.entry(13, "AR@12"), Map.entry(15, "ST@14"),
        Map.entry(18, "SPRING@17"), Map.entry(20, "SOS@20"), Map.entry(23, "LPS@22"));
    assertThat(last(out, 12).phase()).as("the AR high is not known at its own bar").isEqualTo(WyckoffPhase.A);
    assertThat(out.get(13).phase()).isEqualTo(WyckoffPhase.B);
    assertThat(out.get(13).rangeLow()).isEqualTo(78);
    assertThat(out.get(13).rangeHigh()).isEqualTo(84);
    assertThat(out.get(18).phase()).isEqualTo(WyckoffPhase.C);
    assertThat(out.get(18).springBar()).isEqualTo(17);
    assertThat(out.get(20).phase()).isEqualTo(WyckoffPhase.D);
    assertThat(out.get(24).phase()).isEqualTo(WyckoffPhase.E);
    assertThat(out.get(24).phaseBar()).isEqualTo(24);
    assertThat(out.get(24).bias()).isEqualTo(WyckoffBias.ACCUMULATION);
    assertThat(out.get(24).climaxBar()).isEqualTo(10);
  }

  @Test
  void distributionMirrorsIt() {
    List<WyckoffSignal> out = run(mirror(accumulation()));
    // An upthrust on climax volume is a UT; the distribution's test is the UTAD (dry-up), below.
    assertThat(events(out)).containsExactly(
        Map.entry(8, "PSY@8"), Map.entry(10, "BC@10"), Map.entry(13, "AR@12"), Map.entry(15, "ST@14"),
        Map.entry(18, "UT@17"), Map.entry(20, "SOW@20"), Map.entry(23, "LPSY@22"));
    assertThat(out.get(13).rangeLow()).isEqualTo(116);
    assertThat(out.get(13).rangeHigh()).isEqualTo(122);
    assertThat(out.get(24).bias()).isEqualTo(WyckoffBias.DISTRIBUTION);
    assertThat(out.get(24).phase()).isEqualTo(WyckoffPhase.E);
  }

  @Test
  void upthrustOnDryUpVolumeIsAUtad() {
    List<double[]> rows = mirror(accumulation());
    rows.get(17)[4] = 40; // ratio 0.44: dry-up
    List<WyckoffSignal> out = run(rows);
    assertThat(events(out)).containsEntry(18, "UTAD@17");
    assertThat(out.get(18).phase()).isEqualTo(WyckoffPhase.C);
    assertThat(out.get(18).springBar()).isEqualTo(17);
  }

  @Test
  void breakdownWithoutClimaxVolumeIsNoSpringAndWidensTheRange() {
    List<double[]> rows = accumulation();
    rows.get(17)[4] = 150; // ratio 1.4: not a climax
    List<WyckoffSignal> out = run(rows);
    assertThat(events(out)).doesNotContainValue("SPRING@17");
    assertThat(last(out, 18).rangeLow()).isEqualTo(76);
    assertThat(last(out, 18).phase()).isEqualTo(WyckoffPhase.B);
  }

  @Test
  void breakdownThatStaysOutEndsTheRangeWithASignOfWeakness() {
    List<double[]> rows = new ArrayList<>(accumulation().subList(0, 18));
    rows.add(new double[] {77, 77.5, 75, 76, 150}); // 18
    rows.add(new double[] {76, 76.5, 74, 75, 150}); // 19
    rows.add(new double[] {75, 75.5, 73, 74, 150}); // 20: three bars after the breakdown, still out
    List<WyckoffSignal> out = run(rows);
    assertThat(events(out)).containsEntry(20, "SOW@17");
    assertThat(out.get(20).bias()).isEqualTo(WyckoffBias.NONE);
    assertThat(out.get(20).phase()).isEqualTo(WyckoffPhase.NONE);
  }
}
