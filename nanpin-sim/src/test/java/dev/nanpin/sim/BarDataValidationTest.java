package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * {@link BarData}'s one-pass check accepts exactly the series whose every bar passes the per-bar
 * check ({@link BarData#problem}) with strictly increasing times, and a refused series names the
 * first bad bar as before.
 */
class BarDataValidationTest {

  @Provide
  Arbitrary<Double> values() {
    return Arbitraries.oneOf(Arbitraries.of(0.0, -0.0, -1.0, 1.0, 2.0, 3.0, Double.NaN, Double.POSITIVE_INFINITY,
        Double.NEGATIVE_INFINITY, Double.MIN_VALUE, Double.MAX_VALUE), Arbitraries.doubles().between(0.5, 3.5));
  }

  @Property(tries = 2000)
  void theOnePassCheckAgreesWithThePerBarCheck(@ForAll @IntRange(min = 1, max = 6) int n,
      @ForAll("values") double a, @ForAll("values") double b, @ForAll("values") double c, @ForAll("values") double d,
      @ForAll("values") double v, @ForAll @IntRange(min = 0, max = 5) int badBar,
      @ForAll @IntRange(min = -1, max = 1) int timeStep) {
    long[] time = new long[n];
    double[] open = new double[n];
    double[] high = new double[n];
    double[] low = new double[n];
    double[] close = new double[n];
    double[] volume = new double[n];
    for (int i = 0; i < n; i++) {
      time[i] = 1_000L * i;
      open[i] = 2;
      high[i] = 3;
      low[i] = 1;
      close[i] = 2;
      volume[i] = 1;
    }
    int k = Math.min(badBar, n - 1);
    open[k] = a;
    high[k] = b;
    low[k] = c;
    close[k] = d;
    volume[k] = v;
    if (k > 0) {
      time[k] = time[k - 1] + timeStep; // -1 and 0 are out of order
    }
    String expected = null;
    for (int i = 0; i < n && expected == null; i++) {
      String p = BarData.problem(open[i], high[i], low[i], close[i], volume[i]);
      if (p != null) {
        expected = "bar " + i + ": " + p;
      } else if (i > 0 && time[i] <= time[i - 1]) {
        expected = "bar " + i + ": time";
      }
    }
    if (expected == null) {
      assertThat(BarData.of(time, open, high, low, close, volume).size()).isEqualTo(n);
    } else {
      assertThatThrownBy(() -> BarData.of(time, open, high, low, close, volume))
          .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(expected);
    }
  }
}
