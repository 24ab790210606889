package dev.nanpin.sim.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class GeneratorsTest {

  private static long fingerprint(PathGenerator g, int paths, int bars) {
    PathBuffer buf = new PathBuffer();
    long h = GbmReferenceGenerator.FINGERPRINT_SEED;
    for (int p = 0; p < paths; p++) {
      g.generate(p, bars, buf);
      h = GbmReferenceGenerator.fingerprint(h, buf);
    }
    return h;
  }

  @Test
  void referenceRecipeGivesTheDocumentedFingerprint() {
    GbmReferenceGenerator g = new GbmReferenceGenerator(42);
    assertThat(Long.toHexString(fingerprint(g, 200, 8760))).isEqualTo("3e0da9c3f227d798");
    PathBuffer buf = new PathBuffer();
    g.generate(0, 8760, buf);
    assertThat(buf.close()[0]).isEqualTo(30198.795426646826);
    assertThat(buf.close()[8759]).isEqualTo(29682.78434841454);
    assertThat(buf.time()[1] - buf.time()[0]).isEqualTo(3_600_000L);
    assertThat(buf.volume()[5]).isEqualTo(1.0);
  }

  @Test
  void referenceRecipeSkipsAheadToAnyPathExactly() {
    // gbm 2000 8760 42 exercises the skip-ahead far into the stream (and its overflow)
    assertThat(Long.toHexString(fingerprint(new GbmReferenceGenerator(42), 2000, 8760))).isEqualTo("afbc4c866c10e8ac");
  }

  @Test
  void referenceMatchesTheJdkSplittableRandomConsumedInOrder() {
    int paths = 3;
    int bars = 40;
    SplittableRandom rng = new SplittableRandom(7);
    double drift = (GbmReferenceGenerator.MU - 0.5 * GbmReferenceGenerator.SIGMA * GbmReferenceGenerator.SIGMA)
        * GbmReferenceGenerator.DT;
    double volStep = GbmReferenceGenerator.SIGMA * StrictMath.sqrt(GbmReferenceGenerator.DT);
    GbmReferenceGenerator g = new GbmReferenceGenerator(7);
    PathBuffer buf = new PathBuffer();
    for (int p = 0; p < paths; p++) {
      g.generate(p, bars, buf);
      double prev = GbmReferenceGenerator.START;
      for (int i = 0; i < bars; i++) {
        double zr = gaussian(rng);
        double zw = gaussian(rng);
        double c = prev * StrictMath.exp(drift + volStep * zr);
        double w = Math.abs(zw) * GbmReferenceGenerator.WICK;
        assertThat(buf.close()[i]).isEqualTo(c);
        assertThat(buf.high()[i]).isEqualTo(Math.max(prev, c) * (1.0 + w));
        assertThat(buf.low()[i]).isEqualTo(Math.min(prev, c) * (1.0 - w));
        prev = c;
      }
    }
  }

  private static double gaussian(SplittableRandom rng) {
    double u1 = rng.nextDouble();
    double u2 = rng.nextDouble();
    return StrictMath.sqrt(-2.0 * StrictMath.log(1.0 - u1)) * StrictMath.cos(2.0 * Math.PI * u2);
  }

  private static void assertOhlcValid(PathBuffer b) {
    for (int i = 0; i < b.size(); i++) {
      assertThat(b.low()[i]).isPositive();
      assertThat(b.high()[i]).isGreaterThanOrEqualTo(Math.max(b.open()[i], b.close()[i]));
      assertThat(b.low()[i]).isLessThanOrEqualTo(Math.min(b.open()[i], b.close()[i]));
      if (i > 0) {
        assertThat(b.time()[i]).isGreaterThan(b.time()[i - 1]);
      }
    }
  }

  @Test
  void gbmPathsDependOnlyOnSeedAndIndex() {
    GbmGenerator g = GbmGenerator.btcLikeHourly(42);
    PathBuffer a = new PathBuffer();
    PathBuffer b = new PathBuffer();
    g.generate(17, 500, a);
    g.generate(3, 500, b);
    g.generate(17, 500, b);
    assertThat(b.close()).containsExactly(a.close());
    g.generate(18, 500, b);
    assertThat(b.close()[499]).isNotEqualTo(a.close()[499]);
    g.withSeed(43).generate(17, 500, b);
    assertThat(b.close()[499]).isNotEqualTo(a.close()[499]);
    assertOhlcValid(a);
  }

  @Test
  void gbmHasTheRequestedDriftAndVolatility() {
    GbmGenerator g = GbmGenerator.btcLikeHourly(1);
    PathBuffer buf = new PathBuffer();
    int paths = 400;
    double sumLog = 0;
    double sumSq = 0;
    long n = 0;
    double sumTerminal = 0;
    for (int p = 0; p < paths; p++) {
      g.generate(p, 8766, buf); // one year of 365.25 days
      sumTerminal += Math.log(buf.close()[8765] / 30_000.0);
      for (int i = 0; i < buf.size(); i++) {
        double r = Math.log(buf.close()[i] / buf.open()[i]);
        sumLog += r;
        sumSq += r * r;
        n++;
      }
    }
    double mean = sumLog / n;
    double sigma = Math.sqrt((sumSq / n - mean * mean) * 8766);
    assertThat(sigma).isCloseTo(0.7, within(0.01));
    // E[log growth over a year] = mu - sigma^2 / 2 = 0.055, with standard error 0.7 / sqrt(400) = 0.035
    assertThat(sumTerminal / paths).isCloseTo(0.055, within(0.11));
  }

  @Test
  void studentTShocksHaveUnitVarianceAndFatTails() {
    GbmGenerator g = new GbmGenerator(100, 0, 1.0, 3_600_000L, 0, Shocks.studentT(4), 0, 0, 0, 1, 0, 5);
    PathBuffer buf = new PathBuffer();
    double dtSqrt = Math.sqrt(3_600_000L / GbmGenerator.MILLIS_PER_YEAR);
    double s2 = 0;
    double s4 = 0;
    int n = 0;
    for (int p = 0; p < 40; p++) {
      g.generate(p, 5000, buf);
      for (int i = 0; i < buf.size(); i++) {
        double z = (Math.log(buf.close()[i] / buf.open()[i]) + 0.5 * dtSqrt * dtSqrt) / dtSqrt;
        s2 += z * z;
        s4 += z * z * z * z;
        n++;
      }
    }
    double var = s2 / n;
    double kurtosis = (s4 / n) / (var * var);
    assertThat(var).isCloseTo(1.0, within(0.05));
    assertThat(kurtosis).isGreaterThan(4.0); // normal = 3; t(4) has infinite kurtosis in theory
    assertThatThrownBy(() -> Shocks.studentT(2)).hasMessageContaining("> 2");
  }

  @Test
  void jumpsAreCompensatedSoTheMeanGrowthStays() {
    GbmGenerator plain = new GbmGenerator(100, 0.2, 0.3, 86_400_000L, 0.0, Shocks.normal(), 0, 0, 0, 1, 0, 9);
    GbmGenerator jumpy = plain.withJumps(6, -0.1, 0.05);
    PathBuffer buf = new PathBuffer();
    double plainSum = 0;
    double jumpySum = 0;
    int paths = 3000;
    for (int p = 0; p < paths; p++) {
      plain.generate(p, 365, buf);
      plainSum += buf.close()[364] / 100.0;
      jumpy.generate(p, 365, buf);
      jumpySum += buf.close()[364] / 100.0;
    }
    // E[S_T / S_0] = exp(mu * T) for both, T = 365 / 365.25 years
    double expected = Math.exp(0.2 * 365 / 365.25);
    assertThat(plainSum / paths).isCloseTo(expected, within(0.03));
    assertThat(jumpySum / paths).isCloseTo(expected, within(0.04));
  }

  @Test
  void fittingRecoversTheParameters() {
    GbmGenerator truth = new GbmGenerator(50_000, 0.4, 0.8, 3_600_000L, 0.003, Shocks.normal(), 0, 0, 0, 1, 0, 11);
    PathBuffer buf = new PathBuffer();
    truth.generate(0, 60_000, buf);
    GbmGenerator fitted = GbmGenerator.fit(buf.time(), buf.open(), buf.high(), buf.low(), buf.close(),
        buf.size(), 1);
    assertThat(fitted.barMillis()).isEqualTo(3_600_000L);
    assertThat(fitted.sigma()).isCloseTo(0.8, within(0.02));
    assertThat(fitted.wick()).isCloseTo(0.003, within(0.0003));
    assertThat(fitted.start()).isEqualTo(buf.close()[buf.size() - 1]);
    assertThat(fitted.startMillis()).isEqualTo(buf.time()[buf.size() - 1] + 3_600_000L);
  }

  @Test
  void bootstrapRebuildsValidBarsFromHistoryShapes() {
    GbmGenerator source = new GbmGenerator(100, 0.1, 0.6, 3_600_000L, 0.004, Shocks.studentT(3), 0, 0, 0, 2, 0, 3);
    PathBuffer hist = new PathBuffer();
    source.generate(0, 2000, hist);
    Set<Double> historyReturns = new HashSet<>();
    for (int i = 1; i < hist.size(); i++) {
      historyReturns.add(Math.log(hist.close()[i] / hist.close()[i - 1]));
    }
    for (BootstrapGenerator.Mode mode : BootstrapGenerator.Mode.values()) {
      BootstrapGenerator g = new BootstrapGenerator(hist.time(), hist.open(), hist.high(), hist.low(), hist.close(),
          hist.volume(), hist.size(), mode, 24, 100, 99);
      PathBuffer a = new PathBuffer();
      g.generate(5, 3000, a);
      assertOhlcValid(a);
      double prev = 100;
      int matched = 0;
      for (int i = 0; i < a.size(); i++) {
        double r = Math.log(a.close()[i] / prev);
        for (double h : historyReturns) {
          if (Math.abs(h - r) < 1e-9) {
            matched++;
            break;
          }
        }
        prev = a.close()[i];
      }
      assertThat(matched).as("every path return is a history return (%s)", mode).isEqualTo(a.size());
      PathBuffer b = new PathBuffer();
      g.generate(5, 3000, b);
      assertThat(b.close()).containsExactly(a.close());
      assertThat(g.barMillis()).isEqualTo(3_600_000L);
    }
  }

  @Test
  void bootstrapBlocksAreContiguousInTheHistory() {
    PathBuffer hist = new PathBuffer();
    GbmGenerator.btcLikeHourly(8).generate(0, 500, hist);
    BootstrapGenerator g = new BootstrapGenerator(hist.time(), hist.open(), hist.high(), hist.low(), hist.close(),
        hist.volume(), hist.size(), BootstrapGenerator.Mode.MOVING_BLOCK, 10, 30_000, 4);
    PathBuffer a = new PathBuffer();
    g.generate(0, 100, a);
    // within a block of 10, consecutive returns are consecutive history returns
    double[] h = new double[hist.size() - 1];
    for (int i = 1; i < hist.size(); i++) {
      h[i - 1] = Math.log(hist.close()[i] / hist.close()[i - 1]);
    }
    int start = indexOf(h, Math.log(a.close()[0] / 30_000));
    for (int i = 1; i < 10; i++) {
      assertThat(Math.log(a.close()[i] / a.close()[i - 1])).isCloseTo(h[start + i], within(1e-12));
    }
    assertThatThrownBy(() -> new BootstrapGenerator(hist.time(), hist.open(), hist.high(), hist.low(), hist.close(),
        hist.volume(), hist.size(), BootstrapGenerator.Mode.STATIONARY, 500, 1, 1)).hasMessageContaining("blockLength");
  }

  private static int indexOf(double[] values, double v) {
    for (int i = 0; i < values.length; i++) {
      if (Math.abs(values[i] - v) < 1e-12) {
        return i;
      }
    }
    throw new AssertionError("not found");
  }

  @Test
  void badParametersAreRefused() {
    assertThatThrownBy(() -> new GbmGenerator(0, 0.1, 0.5, 1, 0, Shocks.normal(), 0, 0, 0, 1, 0, 1))
        .hasMessageContaining("start");
    assertThatThrownBy(() -> new GbmGenerator(1, 0.1, -0.5, 1, 0, Shocks.normal(), 0, 0, 0, 1, 0, 1))
        .hasMessageContaining("sigma");
    assertThatThrownBy(() -> GbmGenerator.btcLikeHourly(1).generate(-1, 10, new PathBuffer()))
        .hasMessageContaining("path");
    assertThatThrownBy(() -> new PathBuffer().resize(0)).hasMessageContaining("bars");
  }
}
