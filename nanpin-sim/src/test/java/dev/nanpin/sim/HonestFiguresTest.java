package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue 14's defects 1 and 5: short windows are not dressed up as years; the open position counts. */
class HonestFiguresTest {
  private static final SimulationConfig ZERO_FEE =
      SimulationConfig.builder().capital(10_000).feeBps(0).fillTiming(FillTiming.SIGNAL_CLOSE).build();

  /** 336 hourly bars (14 days) rising 0.01 % a bar, bought whole at the first close. */
  private static BacktestResult fourteenDays(SimulationConfig cfg) {
    double[][] rows = new double[336][];
    double p = 100;
    for (int i = 0; i < rows.length; i++) {
      double next = p * 1.0001;
      rows[i] = new double[] {p, Math.max(p, next), Math.min(p, next), next};
      p = next;
    }
    return new Backtester(cfg).run(BacktesterTest.bars(rows),
        new BacktesterTest.Script().at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 90)));
  }

  @Test
  void aFourteenDayRunIsNotAnnualisedAsAResult() {
    BacktestResult res = fourteenDays(ZERO_FEE);
    Report r = res.report();
    assertThat(r.spanDays()).isEqualTo(14.0);
    assertThat(r.annualised()).isFalse();
    assertThat(r.minAnnualisedDays()).isEqualTo(90.0);
    assertThat(r.cagr()).isGreaterThan(10 * r.totalReturn()); // the extrapolation the headline must not show
    String summary = ReportWriter.summary(r);
    assertThat(summary).contains("Total return (period)").contains("CAGR *").contains("Sharpe *")
        .contains("extrapolated: the run spans 14.0 days, fewer than 90");
    StringWriter json = new StringWriter();
    ReportWriter.writeJson(r, Map.of(), json);
    assertThat(json.toString()).contains("\"annualised\": false").contains("\"spanDays\": 14.0");
    assertThat(res.toHtml("t", "s").render()).contains("extrapolated");
  }

  @Test
  void theMinimumSpanIsConfigurable() {
    Report r = fourteenDays(ZERO_FEE.toBuilder().minAnnualisedDays(7).build()).report();
    assertThat(r.annualised()).isTrue();
    assertThat(ReportWriter.summary(r)).doesNotContain("extrapolated").contains("CAGR  ");
  }

  @Test
  void theOpenPositionStandsBesideWinRateAndProfitFactor() {
    // A winning round trip (90 -> 95 on 50 units), then a second entry at 90 still open at 80:
    // by closed trades alone 100 % win rate and no loss, while the account lost money.
    BarData d = BacktesterTest.bars(new double[] {90, 90, 90, 90}, new double[] {95, 95, 95, 95},
        new double[] {90, 90, 90, 90}, new double[] {80, 80, 80, 80});
    BacktesterTest.Script s = new BacktesterTest.Script()
        .at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 50))
        .at(1, OrderIntent.closePosition(Side.SELL))
        .at(2, OrderIntent.market(Side.BUY, Sizing.BASE, 50));
    Report r = new Backtester(ZERO_FEE).run(d, s).report();
    assertThat(r.winRate()).isEqualTo(1.0);
    assertThat(r.profitFactor()).isEqualTo(Double.POSITIVE_INFINITY);
    assertThat(r.totalReturn()).isCloseTo((250.0 - 500.0) / 10_000, within(1e-12));
    assertThat(r.openTrade()).isTrue();
    assertThat(r.openTradePnl()).isCloseTo(-500, within(1e-9));
    assertThat(r.winRateMarked()).isEqualTo(0.5);
    assertThat(r.profitFactorMarked()).isCloseTo(0.5, within(1e-12));
    assertThat(ReportWriter.summary(r)).contains("Open position P&L").contains("no loss");
  }

  @Test
  void aLossFreeCandidateRanksFirstByProfitFactor() {
    java.util.List<dev.nanpin.sim.optimize.Sweep.Result> ranked = dev.nanpin.sim.optimize.Sweep.run(
        java.util.List.of(Map.of("c", "losing"), Map.of("c", "mixed"), Map.of("c", "loss-free")),
        c -> Map.of("profitFactor", dev.nanpin.metrics.Metrics.profitFactor(switch (c.get("c")) {
          case "losing" -> new double[] {-1, -2};
          case "mixed" -> new double[] {5, -1};
          default -> new double[] {1, 2};
        }, 2)), "profitFactor", false, 1);
    assertThat(ranked).extracting(r -> r.parameters().get("c")).containsExactly("loss-free", "mixed", "losing");
  }

  @Test
  void returnOnDeployedCapitalAndBuyAndHold() {
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 110, 100, 110});
    Report r = new Backtester(ZERO_FEE).run(d, new BacktesterTest.Script()
        .at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 10))).report();
    // 10 units bought at 100 (1,000 in use) gain 100: 1 % of the account, 10 % of the capital used.
    assertThat(r.totalReturn()).isCloseTo(0.01, within(1e-12));
    assertThat(r.returnOnCapitalDeployed()).isCloseTo(0.10, within(1e-12));
    assertThat(r.buyAndHoldReturn()).isCloseTo(0.10, within(1e-12));
  }

  @Test
  void restingOrdersAreRecordedFromPlacementToLeavingTheBook() {
    // A buy level at 95 placed in bar 0 fills in bar 1; a sell at 120 placed in bar 0 is cancelled in bar 2.
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 101, 94, 99},
        new double[] {99, 100, 98, 99}, new double[] {99, 100, 98, 99});
    dev.nanpin.Strategy s = new dev.nanpin.Strategy() {
      int sell;

      @Override
      public void onBar(dev.nanpin.StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.limit(Side.BUY, 95, Sizing.BASE, 1));
          sell = ctx.submit(OrderIntent.limit(Side.SELL, 120, Sizing.BASE, 1).asReduceOnly());
        } else if (ctx.index() == 2) {
          ctx.cancel(sell);
        }
      }
    };
    BacktestResult r = new Backtester(ZERO_FEE).run(d, s);
    assertThat(r.orders()).containsExactly(new BacktestResult.OrderRecord(0, Side.BUY, 95, 0, 1),
        new BacktestResult.OrderRecord(1, Side.SELL, 120, 0, 2));
    String html = r.toHtml("t", "s").render();
    assertThat(html).contains("open at end of data (marked at the last close)").contains("<td>2020-01</td>");
  }
}
