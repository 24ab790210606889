package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.optimize.WalkForward;
import dev.nanpin.testkit.SharedData;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GatedLadderExampleTest {
  @Test
  void comparesThePlainAndTheGatedLadderInAndOutOfSample() {
    BarData bars = CsvBars.read(SharedData.require("data/btc-usdt-1d.csv"));
    List<GatedLadderExample.Row> rows = GatedLadderExample.compare(bars, Instant.parse("2022-01-01T00:00:00Z"),
        GatedLadderExample.DEFAULT_GATE, Map.of());
    assertThat(rows).extracting(r -> r.period() + " " + r.variant()).containsExactly(
        "in-sample plain", "in-sample gated", "out-of-sample plain", "out-of-sample gated");
    assertThat(rows.get(0).to()).isBefore(Instant.parse("2022-01-01T00:00:00Z"));
    assertThat(rows.get(2).from()).isEqualTo(Instant.parse("2022-01-01T00:00:00Z"));
    for (int part = 0; part < 4; part += 2) {
      // The gate only ever holds entries back: the gated ladder fills less often than the plain one.
      assertThat(rows.get(part + 1).report().fills()).isPositive()
          .isLessThan(rows.get(part).report().fills());
    }
  }

  @Test
  void walkForwardStitchesBothLaddersAndTheInSampleChoiceOverTheSameWindows() {
    BarData bars = CsvBars.read(SharedData.require("data/btc-usdt-1d.csv"));
    GatedLadderExample.WalkForwardRows wf = GatedLadderExample.walkForward(bars, GatedLadderExample.DEFAULT_GATE,
        Map.of(), 730, 365, "totalReturn");
    assertThat(wf.plain().folds()).hasSameSizeAs(wf.gated().folds()).hasSameSizeAs(wf.chosen().folds()).hasSize(6);
    for (int k = 0; k < wf.chosen().folds().size(); k++) {
      // the choice's out-of-sample figures are those of the variant it chose, on the same window
      String choice = wf.chosen().folds().get(k).best().get("entryGate");
      WalkForward.Result same = choice.isEmpty() ? wf.plain() : wf.gated();
      assertThat(wf.chosen().folds().get(k).window()).isEqualTo(same.folds().get(k).window());
      assertThat(wf.chosen().folds().get(k).outOfSample()).isEqualTo(same.folds().get(k).outOfSample());
    }
    assertThat(wf.chosen().figures().get("outOfSampleBars")).isEqualTo(6 * 365.0);
  }
}
