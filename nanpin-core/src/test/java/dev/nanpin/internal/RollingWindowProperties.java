package dev.nanpin.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

class RollingWindowProperties {
  @Property(tries = 300)
  void rollingMaxEqualsTheMaximumOfTheLastValues(
      @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
      @ForAll @IntRange(min = 1, max = 40) int window) {
    RollingMax max = new RollingMax(window);
    for (int i = 0; i < values.size(); i++) {
      max.push(values.get(i));
      double expected = Double.NEGATIVE_INFINITY;
      for (int j = Math.max(0, i - window + 1); j <= i; j++) {
        expected = Math.max(expected, values.get(j));
      }
      assertThat(max.max()).isEqualTo(expected);
    }
  }

  @Property(tries = 300)
  void rollingMeanEqualsTheMeanOfTheLastValues(
      @ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = 0, max = 1e6) Double> values,
      @ForAll @IntRange(min = 1, max = 40) int window) {
    RollingMean mean = new RollingMean(window);
    for (int i = 0; i < values.size(); i++) {
      mean.push(values.get(i));
      int from = Math.max(0, i - window + 1);
      double sum = 0;
      for (int j = from; j <= i; j++) {
        sum += values.get(j);
      }
      assertThat(mean.mean()).isCloseTo(sum / (i - from + 1), within(1e-6));
      assertThat(mean.full()).isEqualTo(i + 1 >= window);
    }
  }
}
