package dev.nanpin.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * The allocation-free forms a Monte Carlo path summary uses give the same bits as the array forms:
 * daily equity written into a reused, longer array, CAGR of a prefix and the Sharpe ratio of an
 * equity series computed without its returns array.
 */
class MetricsRangeProperties {
  @Property(tries = 300)
  void theRangeFormsGiveTheArrayFormsBits(@ForAll("equities") double[] equity, @ForAll @IntRange(max = 40) int extra,
      @ForAll @IntRange(min = 1, max = 30) int barsPerDay, @ForAll @IntRange(max = 1_000) int n0) {
    int n = Math.min(n0, equity.length);
    long step = 86_400_000L / barsPerDay;
    long[] time = new long[equity.length];
    for (int i = 0; i < time.length; i++) {
      time[i] = 1_700_000_000_000L + i * step;
    }
    double[] daily = Metrics.dailyEquity(time, equity, n, 10_000);
    double[] scratch = new double[daily.length + extra];
    Arrays.fill(scratch, Double.NaN);
    assertThat(Metrics.dailyEquityLength(time, equity, n)).isEqualTo(daily.length);
    assertThat(Metrics.dailyEquity(time, equity, n, 10_000, scratch)).isEqualTo(daily.length);
    assertThat(Arrays.copyOf(scratch, daily.length)).isEqualTo(daily);
    int m = daily.length;
    assertThat(Double.doubleToRawLongBits(Metrics.cagr(scratch, m, 365)))
        .isEqualTo(Double.doubleToRawLongBits(Metrics.cagr(daily, 365)));
    assertThat(Double.doubleToRawLongBits(Metrics.sharpeOfEquity(scratch, m, 365)))
        .isEqualTo(Double.doubleToRawLongBits(Metrics.sharpe(Metrics.returns(daily), 365)));
  }

  @Property(tries = 50)
  void aTooShortArrayIsRefused(@ForAll("equities") double[] equity) {
    long[] time = new long[equity.length];
    for (int i = 0; i < time.length; i++) {
      time[i] = i * 3_600_000L;
    }
    int need = Metrics.dailyEquityLength(time, equity, equity.length);
    assertThatThrownBy(() -> Metrics.dailyEquity(time, equity, equity.length, 1, new double[need - 1]))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("needed");
  }

  /** Equity series with ruin (zero and negative values) and flat stretches among the usual values. */
  @Provide
  Arbitrary<double[]> equities() {
    Arbitrary<Double> value = Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(20, Arbitraries.doubles().between(1, 50_000)),
        net.jqwik.api.Tuple.of(1, Arbitraries.just(0.0)),
        net.jqwik.api.Tuple.of(1, Arbitraries.doubles().between(-1_000, 0)),
        net.jqwik.api.Tuple.of(2, Arbitraries.just(10_000.0)));
    return value.array(double[].class).ofMinSize(0).ofMaxSize(400);
  }
}
