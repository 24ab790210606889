package dev.nanpin.strategy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The step ladder written into the caller's array is the allocated one, to the bit. */
class StepLevelPricesTest {

  @Test
  void writingIntoAnArrayGivesTheSamePrices() {
    NanpinConfig cfg = NanpinConfig.of(Map.of("levels", 7, "step", 0.013, "stepScale", 1.7));
    double[] out = new double[9];
    Arrays.fill(out, -1);
    double[] same = cfg.stepLevelPrices(31_234.5, out);
    assertThat(same).isSameAs(out);
    assertThat(Arrays.copyOf(out, 7)).isEqualTo(cfg.stepLevelPrices(31_234.5));
    assertThat(out[7]).isEqualTo(-1); // nothing past the levels is touched
    assertThatThrownBy(() -> cfg.stepLevelPrices(100, new double[6]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("7");
    assertThatThrownBy(() -> cfg.stepLevelPrices(0, out)).isInstanceOf(IllegalArgumentException.class);
  }
}
