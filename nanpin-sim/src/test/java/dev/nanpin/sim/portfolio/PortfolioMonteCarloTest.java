package dev.nanpin.sim.portfolio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.Sizer;
import dev.nanpin.metrics.Metrics;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PortfolioMonteCarloTest {
  private static final long DAY = 86_400_000L;
  private static final SimulationConfig SPOT = SimulationConfig.builder().feeBps(10).fillTiming(FillTiming.SIGNAL_CLOSE)
      .build();

  /** Two daily histories whose log returns have correlation about {@code rho}; the second skips day {@code skip}. */
  private static List<BarData> history(int days, double rho, int skip) {
    SplittableRandom rng = new SplittableRandom(42);
    long[] t = new long[days];
    double[][] c = new double[2][days];
    double[] p = {100, 50};
    for (int i = 0; i < days; i++) {
      double z1 = rng.nextGaussian();
      double z2 = rho * z1 + Math.sqrt(1 - rho * rho) * rng.nextGaussian();
      p[0] *= Math.exp(0.02 * z1);
      p[1] *= Math.exp(0.03 * z2);
      t[i] = i * DAY;
      c[0][i] = p[0];
      c[1][i] = p[1];
    }
    BarData a = bars(t, c[0], -1);
    BarData b = bars(t, c[1], skip);
    return List.of(a, b);
  }

  private static BarData bars(long[] t, double[] close, int skip) {
    int n = skip >= 0 ? t.length - 1 : t.length;
    long[] tt = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0, k = 0; i < t.length; i++) {
      if (i == skip) {
        continue;
      }
      tt[k] = t[i];
      o[k] = i == 0 ? close[i] : close[i - 1];
      c[k] = close[i];
      h[k] = Math.max(o[k], c[k]) * 1.01;
      l[k] = Math.min(o[k], c[k]) * 0.99;
      v[k] = 1;
      k++;
    }
    return BarData.of(tt, o, h, l, c, v);
  }

  private static double pathCorrelation(List<BarData> path) {
    int n = path.get(0).size();
    double[] ra = new double[n - 1];
    double[] rb = new double[n - 1];
    for (int i = 1; i < n; i++) {
      ra[i - 1] = Math.log(path.get(0).close(i) / path.get(0).close(i - 1));
      rb[i - 1] = Math.log(path.get(1).close(i) / path.get(1).close(i - 1));
    }
    return Metrics.correlation(ra, rb);
  }

  @Test
  void rowsAreTheTimestampsEverySymbolHas() {
    List<BarData> h = history(200, 0.8, 50);
    // 199 common timestamps, so 198 joint rows; day 50 is folded into the next row.
    assertThat(JointPaths.bootstrap(h, 5, 1).rows()).isEqualTo(198);
    assertThatThrownBy(() -> JointPaths.bootstrap(h, 198, 1)).hasMessageContaining("blockLength");
  }

  @Test
  void bothGeneratorsKeepTheSymbolsCorrelation() {
    List<BarData> h = history(1_500, 0.8, -1);
    JointPaths boot = JointPaths.bootstrap(h, 10, 7);
    JointPaths gbm = JointPaths.correlatedGbm(h, 7);
    double historical = boot.historyCorrelation(0, 1);
    assertThat(historical).isCloseTo(0.8, within(0.05));
    assertThat(pathCorrelation(boot.generate(3, 4_000))).isCloseTo(historical, within(0.05));
    assertThat(pathCorrelation(gbm.generate(3, 4_000))).isCloseTo(historical, within(0.05));
    // Every bar is a bar: low <= open, close <= high.
    for (BarData d : gbm.generate(4, 500)) {
      for (int i = 0; i < d.size(); i++) {
        assertThat(d.low(i)).isLessThanOrEqualTo(Math.min(d.open(i), d.close(i)));
        assertThat(d.high(i)).isGreaterThanOrEqualTo(Math.max(d.open(i), d.close(i)));
      }
    }
    // The paths start where the history ends, on its bar length.
    assertThat(boot.generate(0, 1).get(1).timeMillis(0)).isEqualTo(1_500 * DAY);
    assertThat(boot.generate(0, 1).get(1).open(0) / h.get(1).close(1_499)).isBetween(0.5, 2.0);
  }

  @Test
  void theSameFiguresWithOneOrThreeThreads() {
    List<BarData> h = history(400, 0.7, 100);
    List<PortfolioLeg> legs = List.of(new PortfolioLeg("A", h.get(0), SPOT), new PortfolioLeg("B", h.get(1), SPOT));
    NanpinConfig params = NanpinConfig.defaults();
    for (JointPaths g : List.of(JointPaths.bootstrap(h, 8, 11), JointPaths.correlatedGbm(h, 11))) {
      PortfolioMonteCarlo mc = new PortfolioMonteCarlo(new PortfolioBacktester(10_000, null), legs, g);
      PortfolioMonteCarlo.Result one = mc.run(12, 200, 1, s -> new NanpinStrategy(params), s -> Sizer.fixedQuote(100));
      PortfolioMonteCarlo.Result three = mc.run(12, 200, 3, s -> new NanpinStrategy(params), s -> Sizer.fixedQuote(100));
      assertThat(three).isEqualTo(one);
      assertThat(one.paths()).isEqualTo(12);
      assertThat(one.returnQuantile(0.05)).isLessThanOrEqualTo(one.returnQuantile(0.95));
      assertThat(one.finalEquity()).isNotEqualTo(new double[12]);
    }
  }

  @Test
  void btcAndEthOfTheSharedDataKeepTheirCorrelation() {
    Path dir = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data");
    assumeTrue(Files.isRegularFile(dir.resolve("btc-usdt-1d.csv")) && Files.isRegularFile(dir.resolve("eth-usdt-1d.csv")),
        "shared data not present: " + dir);
    List<BarData> h = List.of(CsvBars.read(dir.resolve("btc-usdt-1d.csv")), CsvBars.read(dir.resolve("eth-usdt-1d.csv")));
    JointPaths boot = JointPaths.bootstrap(h, 20, 5);
    assertThat(boot.rows()).isEqualTo(h.get(1).size() - 1);
    double historical = boot.historyCorrelation(0, 1);
    assertThat(historical).isBetween(0.6, 0.95);
    assertThat(pathCorrelation(boot.generate(0, 5_000))).isCloseTo(historical, within(0.05));
    assertThat(pathCorrelation(JointPaths.correlatedGbm(h, 5).generate(0, 5_000))).isCloseTo(historical, within(0.05));
  }
}
