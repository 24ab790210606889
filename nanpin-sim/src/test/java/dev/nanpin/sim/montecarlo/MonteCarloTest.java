package dev.nanpin.sim.montecarlo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MonteCarloTest {
  /** Buy and hold 10,000 of the asset: equity follows the close. */
  static PathEvaluator holder() {
    double[] equity = new double[0];
    return new PathEvaluator() {
      double[] eq = equity;

      @Override
      public PathSummary evaluate(long path, PathBuffer bars, double[] curve) {
        int n = bars.size();
        if (eq.length < n) {
          eq = new double[n];
        }
        double units = 10_000 / bars.open()[0];
        for (int i = 0; i < n; i++) {
          eq[i] = units * bars.close()[i];
        }
        return PathSummary.of(bars.time(), eq, n, 10_000, false, 1, 1, 5, 10_000, curve);
      }
    };
  }

  private static MonteCarlo.Builder run(int threads) {
    return MonteCarlo.builder(GbmGenerator.btcLikeHourly(42), MonteCarloTest::holder)
        .paths(300).bars(24 * 120).threads(threads).curves(50, 40);
  }

  @Test
  void reportsAreIdenticalForAnyThreadCount() {
    MonteCarloResult one = run(1).build().run();
    MonteCarloResult four = run(4).build().run();
    assertThat(four.toJson()).isEqualTo(one.toJson());
    assertThat(four.toHtml("t", "s").render()).isEqualTo(one.toHtml("t", "s").render());
    assertThat(one.threads()).isEqualTo(1);
    assertThat(four.threads()).isEqualTo(4);
  }

  @Test
  void theJsonHasTheDocumentedFields() {
    String json = run(2).build().run().toJson();
    for (String field : List.of("paths", "barsPerPath", "meanAnnualReturn", "medianAnnualReturn", "p5AnnualReturn",
        "p95AnnualReturn", "bestAnnualReturn", "worstAnnualReturn", "annualReturnVolatility", "meanSharpe",
        "medianMaxDrawdown", "p95MaxDrawdown", "successProbability", "ruinProbability", "var95", "cvar95", "var99",
        "cvar99", "meanTradesPerYear", "ladderExhaustionProbability", "p95CapitalInUse")) {
      assertThat(json).contains("\"" + field + "\": ");
    }
    assertThat(run(1).build().run().figures().keySet()).containsExactlyElementsOf(MonteCarloResult.FIGURES);
    assertThat(json).contains("\"paths\": 300,").contains("\"barsPerPath\": 2880,").doesNotContain("NaN");
  }

  @Test
  void figuresMatchTheSummaries() {
    MonteCarloResult r = run(2).build().run();
    double[] returns = new double[r.paths()];
    int above = 0;
    for (int i = 0; i < r.paths(); i++) {
      returns[i] = r.path(i).annualReturn();
      if (r.path(i).finalEquity() > 10_000) {
        above++;
      }
    }
    assertThat(r.figures().get("meanAnnualReturn")).isCloseTo(new Distribution(returns).mean(), within(1e-12));
    assertThat(r.successProbability()).isEqualTo(above / 300.0);
    assertThat(r.ladderExhaustionProbability()).isZero();
    assertThat(r.ruinProbability()).isZero();
    // a 120-day GBM with sigma 0.7: annualised returns spread widely around the drift
    assertThat(r.annualReturn().percentile(5)).isLessThan(r.annualReturn().percentile(95));
  }

  @Test
  void progressIsReportedAndEndsComplete() {
    List<long[]> seen = new ArrayList<>();
    AtomicLong fakeNanos = new AtomicLong();
    MonteCarloResult r = run(2).progress((done, total, elapsed) -> seen.add(new long[] {done, total}))
        .nanoTime(() -> fakeNanos.addAndGet(1_000_000)).build().run();
    assertThat(seen).isNotEmpty();
    assertThat(seen.get(seen.size() - 1)).containsExactly(300, 300);
    assertThat(r.elapsed()).isPositive();
  }

  @Test
  void aFailingPathStopsTheRunAndIsNamed() {
    MonteCarlo mc = MonteCarlo.builder(GbmGenerator.btcLikeHourly(1), () -> (path, bars, curve) -> {
      if (path == 37) {
        throw new IllegalArgumentException("bad bar");
      }
      return holder().evaluate(path, bars, curve);
    }).paths(200).bars(100).threads(3).build();
    assertThatThrownBy(mc::run).hasMessageContaining("path 37 failed: bad bar");
  }

  @Test
  void summaryFromEquityFindsDrawdownRecoveryAndRuin() {
    long day = 86_400_000L;
    long[] t = {0, day, 2 * day, 3 * day, 4 * day, 5 * day};
    double[] eq = {100, 120, 90, 100, 125, 130};
    double[] curve = new double[3];
    PathSummary s = PathSummary.of(t, eq, 6, 100, false, 2, 3, 3, 50, curve);
    assertThat(s.maxDrawdown()).isCloseTo(0.25, within(1e-12));
    assertThat(s.recoveryDays()).isEqualTo(2.0); // trough at day 2, back above 120 at day 4
    assertThat(s.peakCapitalInUse()).isEqualTo(50);
    assertThat(s.ladderExhausted()).isTrue();
    assertThat(s.ruined()).isFalse();
    assertThat(curve).containsExactly(100, 90, 130);
    PathSummary never = PathSummary.of(t, new double[] {100, 90, 80, 85, 86, 87}, 6, 100, false, 0, 0, 0, 0, null);
    assertThat(never.recoveryDays()).isNaN();
    assertThat(never.ladderExhausted()).isFalse();
    PathSummary ruined = PathSummary.of(t, new double[] {100, 50, 0, 0, 0, 0}, 6, 100, false, 0, 0, 0, 0, null);
    assertThat(ruined.ruined()).isTrue();
    assertThat(ruined.annualReturn()).isEqualTo(-1.0);
    assertThat(s.maxUnderwaterDays()).isEqualTo(2.0); // peak 120 at day 1, below it on days 2 and 3
    assertThat(never.maxUnderwaterDays()).isEqualTo(5.0);
  }

  @Test
  void aLiquidatedPathKeepsItsRealReturnAndIsCountedAsRuinApart() {
    // Liquidated on the way, then ended 10 % above its start: ruin and return must both be true.
    long day = 86_400_000L;
    long[] t = {0, day, 2 * day, 3 * day, 4 * day, 5 * day};
    PathSummary s = PathSummary.of(t, new double[] {100, 90, 95, 104, 105, 110}, 6, 100, true, 0, 0, 0, 0, null);
    assertThat(s.ruined()).isTrue();
    assertThat(s.annualReturn()).isGreaterThan(0.0);
    assertThat(s.finalEquity()).isEqualTo(110.0);
  }

  @Test
  void badSettingsAreRefused() {
    assertThatThrownBy(() -> run(0)).hasMessageContaining("threads");
    assertThatThrownBy(() -> run(1).paths(0)).hasMessageContaining("paths");
    assertThatThrownBy(() -> run(1).bars(1)).hasMessageContaining("bars");
    assertThat(ProgressListener.INTERVAL).isEqualTo(Duration.ofMillis(250));
  }
}
