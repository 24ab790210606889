package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Invariants of the engine over random synthetic paths. */
class WorkloadProperties {
  @Property(tries = 40)
  void ladderMatchesTheTranscriptionOnAnyPath(@ForAll @LongRange(min = 0, max = 1_000_000) long seed,
      @ForAll @IntRange(min = 1, max = 3000) int bars) {
    BarData d = GbmReference.generate(1, bars, seed)[0];
    LadderBasicEquivalenceTest.Outcome want = LadderBasicEquivalenceTest.transcription(d);
    BacktestResult got = Workloads.runB(d);
    assertThat(got.report().finalEquity()).isEqualTo(want.finalEquity());
    assertThat(got.fills()).hasSize(want.fills().size());
    assertThat(got.report().maxDrawdown()).isEqualTo(want.maxDd());
  }

  @Property(tries = 40)
  void accountingIdentitiesHold(@ForAll @LongRange(min = 0, max = 1_000_000) long seed) {
    BarData d = GbmReference.generate(1, 2000, seed)[0];
    BacktestResult r = Workloads.runB(d);
    double fees = 0;
    double cash = 10_000;
    double qty = 0;
    for (BacktestResult.FillRecord f : r.fills()) {
      fees += f.fee();
      cash += -f.side().sign() * f.quote() - f.fee();
      qty += f.side().sign() * f.quantity();
    }
    // The ledger's fills alone rebuild the final equity.
    assertThat(r.report().finalEquity()).isCloseTo(cash + qty * d.close(d.size() - 1),
        org.assertj.core.api.Assertions.within(1e-6));
    assertThat(r.report().feesPaid()).isCloseTo(fees, org.assertj.core.api.Assertions.within(1e-9));
    // Final equity = capital + realised + unrealised - fees (spot, no funding).
    assertThat(r.report().finalEquity()).isCloseTo(
        10_000 + r.report().realisedPnl() + r.report().unrealisedPnl() - r.report().feesPaid(),
        org.assertj.core.api.Assertions.within(1e-6));
    // The sum of round-trip results equals the realised P&L net of the closed trades' fees.
    double trades = r.trades().stream().mapToDouble(BacktestResult.Trade::pnl).sum();
    assertThat(trades).isLessThanOrEqualTo(r.report().realisedPnl() + 1e-9);
    assertThat(r.report().maxDrawdownRealised()).isBetween(0.0, 1.0);
  }

  @Property(tries = 5)
  void resultsAreIdenticalSequentiallyAndInParallel(@ForAll @LongRange(min = 0, max = 1000) long seed) throws Exception {
    BarData[] paths = GbmReference.generate(8, 1500, seed);
    double[] sequential = new double[paths.length];
    Backtester one = new Backtester(Workloads.CONFIG);
    for (int p = 0; p < paths.length; p++) {
      sequential[p] = one.run(paths[p], new SmaCrossStrategy(50, 200)).report().finalEquity();
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Double>> futures = new ArrayList<>();
      for (BarData path : paths) {
        futures.add(pool.submit(() -> new Backtester(Workloads.CONFIG).run(path, new SmaCrossStrategy(50, 200))
            .report().finalEquity()));
      }
      for (int p = 0; p < paths.length; p++) {
        assertThat(futures.get(p).get()).isEqualTo(sequential[p]);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
