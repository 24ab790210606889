package dev.nanpin.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Hand-computed vectors from metrics.md plus the degenerate cases. */
class MetricsTest {
  // The 11-day test vector of metrics.md.
  private static final double[] EQ = {10000, 10100, 10050, 9900, 10200, 10300, 10150, 10400, 10350, 10600, 10700};
  private static final double TOL = 1e-8;

  @Test
  void returnsAndMoments() {
    double[] r = Metrics.returns(EQ);
    assertThat(r).hasSize(10);
    assertThat(r[0]).isCloseTo(0.01, within(1e-15));
    assertThat(Metrics.mean(r)).isCloseTo(0.006907937809, within(1e-12));
    assertThat(Metrics.sampleStd(r)).isCloseTo(0.016325760319, within(1e-12));
  }

  @Test
  void referenceVectorMatchesTheNautilus365Column() {
    double[] r = Metrics.returns(EQ);
    assertThat(Metrics.sharpe(r, 365)).isCloseTo(8.083909353, within(TOL));
    assertThat(Metrics.sortino(r, 365)).isCloseTo(19.000224256, within(TOL));
    double cagr = Metrics.cagr(EQ, 365);
    assertThat(cagr).isCloseTo(10.817017686, within(TOL));
    double mdd = Metrics.maxDrawdown(EQ);
    assertThat(mdd).isCloseTo(0.019801980198, within(1e-12));
    assertThat(Metrics.calmar(cagr, mdd)).isCloseTo(546.259393, within(1e-5));
    assertThat(Metrics.totalReturn(EQ)).isCloseTo(0.07, within(1e-15));
    assertThat(Metrics.volatility(r, 365)).isCloseTo(0.016325760319 * Math.sqrt(365), within(1e-10));
  }

  @Test
  void periodsPerYearIsConfigurable() {
    double[] r = Metrics.returns(EQ);
    assertThat(Metrics.sharpe(r, 252)).isCloseTo(6.716998838, within(TOL));
    assertThat(Metrics.sortino(r, 252)).isCloseTo(15.787470972, within(TOL));
    assertThat(Metrics.cagr(EQ, 252)).isCloseTo(4.501374343, within(TOL));
  }

  @Test
  void valueAtRiskMatchesTa4jOnTheVector() {
    double[] r = Metrics.returns(EQ);
    // n = 10: tail = 10 - floor(9.5) = 1 sample, the worst return 9900/10050 - 1.
    assertThat(Metrics.valueAtRisk(r, 0.95)).isCloseTo(-0.014925373, within(1e-9));
    assertThat(Metrics.conditionalValueAtRisk(r, 0.95)).isCloseTo(-0.014925373, within(1e-9));
    assertThat(Metrics.valueAtRisk(r, 0.99)).isCloseTo(-0.014925373, within(1e-9));
  }

  @Test
  void valueAtRiskWithSeveralTailSamples() {
    double[] r = {-0.05, -0.04, -0.03, -0.02, -0.01, 0.0, 0.01, 0.02, 0.03, 0.04,
        0.05, 0.06, 0.07, 0.08, 0.09, 0.10, 0.11, 0.12, 0.13, 0.14};
    // n = 20 at 0.9: tail = 20 - 18 = 2; VaR is the 2nd worst, CVaR the mean of the two worst.
    assertThat(Metrics.valueAtRisk(r, 0.9)).isCloseTo(-0.04, within(1e-15));
    assertThat(Metrics.conditionalValueAtRisk(r, 0.9)).isCloseTo(-0.045, within(1e-15));
    // Capped at 0 when even the tail gains.
    assertThat(Metrics.valueAtRisk(new double[] {0.01, 0.02}, 0.95)).isZero();
  }

  @Test
  void tradeStatistics() {
    double[] pnl = {20, -10, 15, -25, 30, -5, 10, 0};
    assertThat(Metrics.winRate(pnl, 7)).isCloseTo(4.0 / 7.0, within(1e-15));
    assertThat(Metrics.winRate(pnl, 8)).isCloseTo(0.5, within(1e-15)); // break-even is not a win
    assertThat(Metrics.profitFactor(pnl, 7)).isCloseTo(1.875, within(1e-15));
    assertThat(Metrics.grossProfit(pnl, 8)).isEqualTo(75.0);
    assertThat(Metrics.grossLoss(pnl, 8)).isEqualTo(40.0);
  }

  @Test
  void noTrades() {
    double[] none = new double[0];
    assertThat(Metrics.winRate(none, 0)).isZero();
    assertThat(Metrics.profitFactor(none, 0)).isZero();
    assertThat(Metrics.profitFactor(new double[] {-5, 0}, 2)).isZero(); // no profit
  }

  @Test
  void profitWithoutALossIsAnInfiniteProfitFactorSoItRanksFirst() {
    // Today's code answered 0, which put the loss-free candidate last in a sweep.
    assertThat(Metrics.profitFactor(new double[] {5, 3}, 2)).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(Metrics.profitFactor(new double[] {5, 3, 0}, 3)).isEqualTo(Double.POSITIVE_INFINITY);
  }

  @Test
  void conditionalValueAtRiskIsTheMeanOfTheWorstSimpleReturnsByAnIndependentCount() {
    // Independent computation: the tail size from exact decimal arithmetic (BigDecimal, not a
    // double product), the tail found by selection (repeatedly taking the minimum, no sort), and
    // the mean summed in BigDecimal; the series mixes ties, gains and losses.
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int n = 1; n <= 400; n += 7) {
      double[] r = new double[n];
      for (int i = 0; i < n; i++) {
        r[i] = rnd.nextInt(5) == 0 ? -0.02 : Math.round(rnd.nextGaussian() * 1e4) / 1e6;
      }
      for (double conf : new double[] {0.9, 0.95, 0.975, 0.99}) {
        java.math.BigDecimal exact = new java.math.BigDecimal(Double.toString(conf))
            .multiply(java.math.BigDecimal.valueOf(n));
        int tail = Math.max(1, n - exact.setScale(0, java.math.RoundingMode.FLOOR).intValueExact());
        boolean[] taken = new boolean[n];
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        double kth = 0;
        for (int k = 0; k < tail; k++) {
          int min = -1;
          for (int i = 0; i < n; i++) {
            if (!taken[i] && (min < 0 || r[i] < r[min])) {
              min = i;
            }
          }
          taken[min] = true;
          kth = r[min];
          sum = sum.add(new java.math.BigDecimal(r[min]));
        }
        double cvar = Math.min(0.0, sum.divide(java.math.BigDecimal.valueOf(tail), java.math.MathContext.DECIMAL64)
            .doubleValue());
        assertThat(Metrics.conditionalValueAtRisk(r, conf)).as("n=%d conf=%s", n, conf).isCloseTo(cvar, within(1e-15));
        assertThat(Metrics.valueAtRisk(r, conf)).as("n=%d conf=%s", n, conf).isEqualTo(Math.min(0.0, kth));
      }
    }
  }

  @Test
  void conditionalValueAtRiskAveragesSimpleNotLogReturns() {
    // Two tail samples of -50 % and -10 %: the mean of the simple returns is -30 %; ta4j's mean
    // of log returns, converted back, would be sqrt(0.5 * 0.9) - 1 = -32.9 %.
    double[] r = {-0.5, -0.1, 0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08,
        0.09, 0.10, 0.11, 0.12, 0.13, 0.14, 0.15, 0.16, 0.17, 0.18};
    assertThat(Metrics.conditionalValueAtRisk(r, 0.9)).isCloseTo(-0.3, within(1e-15));
  }

  @Test
  void spansBelowTheMinimumAreNotAnnualisable() {
    long h = 3_600_000L;
    long[] t = new long[336];
    for (int i = 0; i < t.length; i++) {
      t[i] = i * h;
    }
    assertThat(Metrics.spanDays(t, 336, h)).isEqualTo(14.0);
    assertThat(Metrics.spanDays(t, 0, h)).isZero();
    assertThat(Metrics.isAnnualisable(14.0, Metrics.MIN_ANNUALISED_DAYS)).isFalse();
    assertThat(Metrics.isAnnualisable(90.0, Metrics.MIN_ANNUALISED_DAYS)).isTrue();
  }

  @Test
  void zeroVolatility() {
    double[] flat = {100, 100, 100, 100};
    double[] r = Metrics.returns(flat);
    assertThat(Metrics.sharpe(r, 365)).isZero();
    assertThat(Metrics.sortino(r, 365)).isZero();
    assertThat(Metrics.volatility(r, 365)).isZero();
    assertThat(Metrics.maxDrawdown(flat)).isZero();
    assertThat(Metrics.calmar(Metrics.cagr(flat, 365), 0)).isZero();
    assertThat(Metrics.cagr(flat, 365)).isZero();
    // Constant growth: zero volatility, no downside.
    double[] up = {100, 101, 102.01};
    assertThat(Metrics.sharpe(Metrics.returns(up), 365)).isZero();
    assertThat(Metrics.sortino(Metrics.returns(up), 365)).isZero();
  }

  @Test
  void singleDay() {
    double[] one = {100};
    assertThat(Metrics.returns(one)).isEmpty();
    assertThat(Metrics.totalReturn(one)).isZero();
    assertThat(Metrics.cagr(one, 365)).isZero();
    assertThat(Metrics.sharpe(Metrics.returns(one), 365)).isZero();
    assertThat(Metrics.valueAtRisk(Metrics.returns(one), 0.95)).isZero();
    assertThat(Metrics.conditionalValueAtRisk(Metrics.returns(one), 0.99)).isZero();
    assertThat(Metrics.maxDrawdown(one)).isZero();
    // Two values = one day of return: CAGR compounds it over the year.
    assertThat(Metrics.cagr(new double[] {100, 101}, 365)).isCloseTo(Math.pow(1.01, 365) - 1, within(1e-9));
  }

  @Test
  void wipeOut() {
    assertThat(Metrics.cagr(new double[] {100, 50, 0}, 365)).isEqualTo(-1.0);
    assertThat(Metrics.maxDrawdown(new double[] {100, 50, 0})).isEqualTo(1.0);
    assertThat(Metrics.returns(new double[] {100, 0, 10})).containsExactly(-1.0, 0.0);
  }

  @Test
  void drawdownCountsALossRightAfterTheStart() {
    assertThat(Metrics.maxDrawdown(new double[] {100, 90, 95})).isCloseTo(0.1, within(1e-15));
    assertThat(Metrics.maxDrawdown(new double[] {100, 120, 90, 130, 65}, 4)).isCloseTo(0.25, within(1e-15));
  }

  @Test
  void dailyEquitySamplesTheLastBarOfEachUtcDayAndFillsGaps() {
    long h = 3_600_000L;
    long day = 24 * h;
    long t0 = 1_577_836_800_000L; // 2020-01-01T00:00Z
    long[] t = {t0, t0 + h, t0 + 23 * h, t0 + day + 5 * h, t0 + 3 * day};
    double[] e = {1, 2, 3, 4, 5};
    assertThat(Metrics.dailyEquity(t, e, 5, 10)).containsExactly(10, 3, 4, 4, 5);
    assertThat(Metrics.dailyEquity(t, e, 2, 10)).containsExactly(10, 2);
    assertThat(Metrics.dailyEquity(t, e, 0, 10)).containsExactly(10);
  }

  @Test
  void badArgumentsAreRefused() {
    assertThatThrownBy(() -> Metrics.sharpe(new double[0], 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.valueAtRisk(new double[] {1}, 1.0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Metrics.winRate(new double[1], 2)).isInstanceOf(IllegalArgumentException.class);
  }
}
