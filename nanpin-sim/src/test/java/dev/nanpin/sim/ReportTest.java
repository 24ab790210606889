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
