package dev.nanpin.ml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Signal;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

/**
 * Features and ML readings never repaint: the value for bar i computed on bars 0..i equals the
 * value for bar i computed while running over the whole series, and changing the bars after i
 * does not change it.
 */
class NoLookAheadProperties {

  @Property(tries = 30)
  void featuresOfAPrefixEqualFeaturesOfTheWholeSeries(@ForAll long seed, @ForAll @IntRange(min = 1, max = 399) int cut) {
    Bars full = Bars.random(seed, 400);
    double[][] whole = featureRows(full);
    // A different future: the bars after the cut are replaced.
    Bars other = Bars.random(seed ^ 0x5DEECE66DL, 400);
    Bars spliced = new Bars(full.time().clone(), full.open().clone(), full.high().clone(), full.low().clone(),
        full.close().clone(), full.volume().clone());
    for (int i = cut; i < 400; i++) {
      double scale = full.close()[cut - 1] / other.open()[cut];
      spliced.open()[i] = other.open()[i] * scale;
      spliced.high()[i] = other.high()[i] * scale;
      spliced.low()[i] = other.low()[i] * scale;
      spliced.close()[i] = other.close()[i] * scale;
      spliced.volume()[i] = other.volume()[i];
    }
    double[][] prefix = featureRows(full.prefix(cut));
    double[][] alt = featureRows(spliced);
    for (int i = 0; i < cut; i++) {
      assertThat(prefix[i]).as("bar %d", i).isEqualTo(whole[i]);
      assertThat(alt[i]).as("bar %d", i).isEqualTo(whole[i]);
    }
  }

  @Test
  void featuresOnRealDailyBitcoinNeverRepaint() {
    Bars btc = Bars.shared("btc-usdt-1d.csv");
    double[][] whole = featureRows(btc);
    for (int cut : new int[] {170, 500, 1234, btc.size() - 1}) {
      double[][] prefix = featureRows(btc.prefix(cut));
      for (int i = 0; i < cut; i++) {
        assertThat(prefix[i]).isEqualTo(whole[i]);
      }
    }
    assertThat(whole[0]).hasSize(FeatureEngine.BASE_FEATURES.size());
    assertThat(FeatureEngine.BASE_FEATURES).hasSizeGreaterThanOrEqualTo(30).doesNotHaveDuplicates();
    for (int i = FeatureEngine.WARM_UP_BARS; i < whole.length; i++) {
      for (double v : whole[i]) {
        assertThat(Double.isFinite(v)).isTrue();
      }
    }
  }

  @Test
  void mlReadingsOfAPrefixEqualReadingsOfTheWholeSeries() {
    Bars bars = Bars.random(7, 1200);
    String[] whole = readings(bars, bars.size());
    String[] prefix = readings(bars, 900);
    for (int i = 0; i < 900; i++) {
      assertThat(prefix[i]).as("bar %d", i).isEqualTo(whole[i]);
    }
    long emitted = java.util.Arrays.stream(whole).filter(s -> s != null).count();
    assertThat(emitted).as("readings after the first training").isGreaterThan(400);
  }

  private static String[] readings(Bars bars, int n) {
    MlSignalGenerator g = MlSignalGenerator.builder()
        .label(LabelSpec.tripleBarrier(12, 0.02, 0.02)).trainWindow(400).retrainEvery(150).minTrain(200)
        .trainer(EnsembleTrainer.builder().trees(10).boostRounds(10).epochs(10).seed(3).build())
        .build();
    var series = new dev.nanpin.BarColumns();
    String[] out = new String[n];
    for (int i = 0; i < n; i++) {
      bars.appendTo(series, i);
      Signal s = g.onBar(series);
      out[i] = s == null ? null : s.toString();
    }
    return out;
  }

  static double[][] featureRows(Bars b) {
    FeatureEngine fe = FeatureEngine.base();
    double[][] rows = new double[b.size()][];
    for (int i = 0; i < b.size(); i++) {
      fe.update(b.open()[i], b.high()[i], b.low()[i], b.close()[i], b.volume()[i]);
      rows[i] = fe.row();
    }
    return rows;
  }
}
