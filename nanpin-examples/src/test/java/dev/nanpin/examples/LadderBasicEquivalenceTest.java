package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Side;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Workload B through the engine and the {@code ladder-basic} plugin against a straight
 * transcription of the rules in benchmark-workloads.md: identical bit for bit.
 */
class LadderBasicEquivalenceTest {
  /** What the transcription produces. */
  record Outcome(List<double[]> fills, double finalEquity, int closed, double maxDd) {}

  /** The rules of workload B, written out exactly as the workload document states them. */
  static Outcome transcription(BarData d) {
    final double f = 0.001;
    double cash = 10000.0;
    double qty = 0;
    double cost = 0;
    int buys = 0;
    double lastFill = 0;
    double lastQuote = 0;
    int nextStart = 200;
    double peak = 0;
    double maxDd = 0;
    int closed = 0;
    List<double[]> fills = new ArrayList<>();
    for (int i = 0; i < d.size(); i++) {
      double x = d.close(i);
      double q = -1;
      if (buys == 0) {
        if (i >= nextStart) {
          q = 100.0;
        }
      } else {
        double avg = cost / qty;
        if (x >= avg * 1.02) {
          double gross = qty * x;
          fills.add(new double[] {i, -1, x, qty, gross, gross * f});
          cash = cash + gross - gross * f;
          qty = 0;
          cost = 0;
          buys = 0;
          nextStart = i + 1;
          closed++;
        } else if (buys < 5 && x <= lastFill * 0.97) {
          q = lastQuote * 1.3;
        }
      }
      if (q > 0) {
        double a = q / x;
        fills.add(new double[] {i, 1, x, a, q, q * f});
        cash = cash - q - q * f;
        qty = qty + a;
        cost = cost + q;
        lastFill = x;
        lastQuote = q;
        buys = buys + 1;
      }
      double equity = cash + qty * x;
      peak = Math.max(peak, equity);
      maxDd = Math.max(maxDd, (peak - equity) / peak);
    }
    return new Outcome(fills, cash + qty * d.close(d.size() - 1), closed, maxDd);
  }

  private static void assertSame(BarData d, String name) {
    Outcome want = transcription(d);
    BacktestResult got = Workloads.runB(d);
    assertThat(got.fills()).as(name + " fills").hasSize(want.fills().size());
    for (int k = 0; k < want.fills().size(); k++) {
      double[] w = want.fills().get(k);
      BacktestResult.FillRecord g = got.fills().get(k);
      assertThat(g.index()).as(name + " fill %d index", k).isEqualTo((int) w[0]);
      assertThat(g.side()).as(name + " fill %d side", k).isEqualTo(w[1] > 0 ? Side.BUY : Side.SELL);
      assertThat(g.price()).as(name + " fill %d price", k).isEqualTo(w[2]);
      assertThat(g.quantity()).as(name + " fill %d quantity", k).isEqualTo(w[3]);
      assertThat(g.quote()).as(name + " fill %d quote", k).isEqualTo(w[4]);
      assertThat(g.fee()).as(name + " fill %d fee", k).isEqualTo(w[5]);
    }
    assertThat(got.report().finalEquity()).as(name + " final equity").isEqualTo(want.finalEquity());
    assertThat(got.report().closedTrades()).as(name + " closed ladders").isEqualTo(want.closed());
    assertThat(got.report().maxDrawdown()).as(name + " max drawdown").isEqualTo(want.maxDd());
    assertThat(got.report().totalReturn()).isEqualTo(want.finalEquity() / 10_000 - 1);
  }

  @Test
  void matchesTheTranscriptionOnEveryGbmPath() {
    BarData[] paths = Workloads.gbm();
    assertThat(GbmReference.fingerprint(paths)).isEqualTo("3e0da9c3f227d798");
    for (int p = 0; p < paths.length; p++) {
      assertSame(paths[p], "gbm path " + p);
    }
    assertThat(transcription(paths[0]).fills()).hasSizeGreaterThan(10);
  }

  @Test
  void matchesTheTranscriptionOnRealBtcHours() {
    BarData d = Workloads.btcHourly();
    assertThat(d.fingerprint()).isEqualTo("979295015368ca25");
    assertSame(d, "btc-usdt-1h");
    assertThat(Workloads.runB(d).report().closedTrades()).isGreaterThan(50);
  }
}
