package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.Bar;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.DataSource;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void markToMarketAndRealisedDrawdownsExposureAndTradeFigures() {
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 100, 80, 80},
        new double[] {80, 90, 80, 90}, new double[] {90, 95, 90, 95});
    BacktesterTest.Script s = new BacktesterTest.Script()
        .at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 50))
        .at(2, OrderIntent.closePosition(Side.SELL));
    SimulationConfig c = SimulationConfig.builder().capital(10_000).feeBps(0).fillTiming(FillTiming.SIGNAL_CLOSE).build();
    Report r = new Backtester(c).run(d, s).report();
    assertThat(r.maxDrawdown()).isCloseTo(0.10, within(1e-12));          // 10,000 -> 9,000 marked at 80
    assertThat(r.maxDrawdownRealised()).isCloseTo(0.05, within(1e-12));  // 10,000 -> 9,500 once sold at 90
    assertThat(r.exposure()).isEqualTo(0.5);
    assertThat(r.closedTrades()).isEqualTo(1);
    assertThat(r.winRate()).isZero();
    assertThat(r.profitFactor()).isZero();
    assertThat(r.grossLoss()).isCloseTo(500, within(1e-9));
    assertThat(r.averageTradeHours()).isEqualTo(2.0);
    assertThat(r.finalEquity()).isCloseTo(9_500, within(1e-9));
    assertThat(r.totalReturn()).isCloseTo(-0.05, within(1e-12));
    assertThat(r.realisedPnl()).isCloseTo(-500, within(1e-9));
    assertThat(r.maxLadderDepth()).isEqualTo(1);
    assertThat(r.peakCapitalInUse()).isEqualTo(5_000);
    // All four bars lie in one UTC day: one daily return, the whole -5 %.
    assertThat(r.days()).isEqualTo(1);
    assertThat(r.var95()).isCloseTo(-0.05, within(1e-12));
    assertThat(r.sharpe()).isZero(); // one return: no volatility estimate
  }

  @Test
  void tradesPerYearAndDailyReturnsOnDailyBars() {
    // Eleven daily bars whose closes are the metrics.md vector scaled to price 100: buy 100 units
    // (the whole 10,000) at the first close, so daily equity follows the vector exactly.
    double[] eq = {10000, 10100, 10050, 9900, 10200, 10300, 10150, 10400, 10350, 10600, 10700};
    int n = eq.length;
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = GbmReference.START_MILLIS + i * 86_400_000L;
      c[i] = eq[i] / 100;
      o[i] = c[i];
      h[i] = c[i];
      l[i] = c[i];
      v[i] = 1;
    }
    BarData d = BarData.of(t, o, h, l, c, v);
    BacktesterTest.Script s = new BacktesterTest.Script()
        .at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 100))
        .at(5, OrderIntent.closePosition(Side.SELL))
        .at(7, OrderIntent.market(Side.BUY, Sizing.BASE, 90))
        .at(8, OrderIntent.closePosition(Side.SELL));
    SimulationConfig cfg = SimulationConfig.builder().capital(10_000).feeBps(0).fillTiming(FillTiming.SIGNAL_CLOSE).build();
    Report r = new Backtester(cfg).run(d, s).report();
    // Eleven daily returns: the first is the first bar's close against the capital (0 here).
    assertThat(r.days()).isEqualTo(11);
    assertThat(r.closedTrades()).isEqualTo(2);
    assertThat(r.tradesPerYear()).isCloseTo(2 / (11 / 365.0), within(1e-9));
    // +300 (100 units, 100 -> 103), then -45 (90 units, 104 -> 103.5).
    assertThat(r.averageTradeHours()).isCloseTo((5 * 24 + 24) / 2.0, within(1e-9));
    assertThat(r.winRate()).isEqualTo(0.5);
    assertThat(r.profitFactor()).isCloseTo(300.0 / 45.0, within(1e-9));
    assertThat(r.exposure()).isCloseTo(6.0 / 11.0, within(1e-12));
    assertThat(r.finalEquity()).isCloseTo(10_255, within(1e-9));
    assertThat(r.maxDrawdown()).isCloseTo(0.019801980198, within(1e-9));
  }

  @Test
  void noTradesGiveZeroesNotNaN() {
    BarData d = GbmReference.generate(1, 200, 1)[0];
    Report r = new Backtester(SimulationConfig.defaults()).run(d, ctx -> { }).report();
    assertThat(r.totalReturn()).isZero();
    assertThat(r.sharpe()).isZero();
    assertThat(r.sortino()).isZero();
    assertThat(r.calmar()).isZero();
    assertThat(r.maxDrawdown()).isZero();
    assertThat(r.winRate()).isZero();
    assertThat(r.profitFactor()).isZero();
    assertThat(r.tradesPerYear()).isZero();
    assertThat(r.exposure()).isZero();
    assertThat(r.days()).isEqualTo(9);
  }

  @Test
  void barsComeFromAnyDataSourceThatAnswersHistory() {
    Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
    DataSource source = new DataSource() {
      @Override
      public String id() {
        return "fake";
      }

      @Override
      public boolean supports(Class<?> queryType) {
        return queryType == DataQuery.History.class;
      }

      @Override
      @SuppressWarnings("unchecked")
      public <T> DataResult<T> fetch(DataQuery<T> query) {
        List<Bar> bars = List.of(Bar.of(t0, 100, 101, 99, 100.5, 3), Bar.of(t0.plusSeconds(86_400), 100.5, 102, 100, 101, 4));
        return (DataResult<T>) new DataResult<>(bars, "fake", t0, false, null);
      }

      @Override
      public void close() {}
    };
    BarData d = BarData.fromDataSource(source,
        new DataQuery.History("bitcoin", "usd", t0, t0.plusSeconds(3 * 86_400), Duration.ofDays(1)));
    assertThat(d.size()).isEqualTo(2);
    assertThat(d.close(1)).isEqualTo(101.0);
    assertThat(d.volume(0)).isEqualTo(3.0);
    assertThat(d.intervalMillis()).isEqualTo(86_400_000L);
  }
}
