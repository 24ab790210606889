package dev.nanpin.sim.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class DistributionTest {
  @Test
  void handComputedFigures() {
    Distribution d = new Distribution(new double[] {0.3, -0.1, 0.1, 0.5, -0.3});
    assertThat(d.count()).isEqualTo(5);
    assertThat(d.mean()).isCloseTo(0.1, within(1e-12));
    assertThat(d.median()).isCloseTo(0.1, within(1e-12));
    assertThat(d.min()).isEqualTo(-0.3);
    assertThat(d.max()).isEqualTo(0.5);
    // sorted -0.3 -0.1 0.1 0.3 0.5; p25 rank 1 -> -0.1; p90 rank 3.6 -> 0.3 + 0.6 * 0.2
    assertThat(d.percentile(25)).isCloseTo(-0.1, within(1e-12));
    assertThat(d.percentile(90)).isCloseTo(0.42, within(1e-12));
    assertThat(d.percentile(0)).isEqualTo(-0.3);
    assertThat(d.percentile(100)).isEqualTo(0.5);
    // sample std of the five values: sqrt(0.4 / 4)
    assertThat(d.std()).isCloseTo(Math.sqrt(0.1), within(1e-12));
    assertThat(d.shareAbove(0.0)).isEqualTo(0.6);
    assertThat(d.shareAbove(0.1)).isEqualTo(0.4);
    assertThat(d.shareAbove(1.0)).isEqualTo(0.0);
    // bins of width 0.2 from -0.3: values off the bin edges
    assertThat(new Distribution(new double[] {-0.3, -0.05, 0.05, 0.4, 0.5}).histogram(4)).containsExactly(1, 2, 0, 2);
  }

  @Test
  void degenerateCases() {
    Distribution one = new Distribution(new double[] {2.0});
    assertThat(one.std()).isZero();
    assertThat(one.percentile(5)).isEqualTo(2.0);
    assertThat(one.histogram(3)).containsExactly(1, 0, 0);
    Distribution equal = new Distribution(new double[] {1, 1, 1});
    assertThat(equal.histogram(2)).containsExactly(3, 0);
    assertThatThrownBy(() -> new Distribution(new double[0])).hasMessageContaining("at least one");
    assertThatThrownBy(() -> new Distribution(new double[] {Double.NaN})).hasMessageContaining("NaN");
    assertThatThrownBy(() -> one.percentile(101)).hasMessageContaining("percentile");
  }
}
