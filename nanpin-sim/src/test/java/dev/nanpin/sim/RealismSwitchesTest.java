package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

/** The simulator's realism switches: rounding to the instrument's grid and the risk guard, both off by default. */
class RealismSwitchesTest {
  private static final Instrument GRID = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT,
      new BigDecimal("0.01"), new BigDecimal("0.001"), new BigDecimal("0.002"));

  private static SimulationConfig.Builder cfg() {
    return SimulationConfig.builder().capital(10_000).feeBps(0).instrument(GRID).fillTiming(FillTiming.SIGNAL_CLOSE);
  }

  @Test
  void offByDefaultAQuoteOrderBuysItsExactQuote() {
    BarData d = BacktesterTest.bars(new double[] {100, 110, 90, 105.123});
    BacktestResult r = new Backtester(cfg().build()).run(d, new BacktesterTest.Script().at(0, OrderIntent.buyQuote(1000)));
    assertThat(r.fills().get(0).quantity()).isEqualTo(1000 / 105.123);
    assertThat(r.fills().get(0).price()).isEqualTo(105.123);
  }

  @Test
  void roundingPutsPricesOnTheTickAndQuantitiesOnTheStep() {
    BarData d = BacktesterTest.bars(new double[] {100, 110, 90, 105.123}, new double[] {105, 106, 80, 100});
    BacktesterTest.Script s = new BacktesterTest.Script().at(0, OrderIntent.buyQuote(1000),
        OrderIntent.limit(Side.BUY, 95.129, Sizing.QUOTE, 500), OrderIntent.limit(Side.BUY, 94, Sizing.BASE, 0.0015));
    BacktestResult r = new Backtester(cfg().roundToInstrument(true).slippageBps(1).build()).run(d, s);
    BacktestResult.FillRecord market = r.fills().get(0);
    assertThat(market.price()).isEqualTo(105.14); // 105.123 * 1.0001 = 105.1335..., up to the tick against the buyer
    // sized when sent, at the mark then (the close 105.123): 1000 / 105.123 = 9.5127..., down to the step
    assertThat(market.quantity()).isEqualTo(9.512);
    BacktestResult.FillRecord limit = r.fills().get(1);
    assertThat(limit.price()).isEqualTo(95.12); // the limit rounded away from the market
    assertThat(limit.quantity()).isEqualTo(5.256); // 500 / 95.12 = 5.2565...
    assertThat(r.fills()).hasSize(2);
    assertThat(r.refusals()).anyMatch(x -> x.reason().contains("below the minimum 0.002"));
  }

  @Test
  void cashFractionOnAPerpAtLeverageFiveSpendsTheFreeMarginOnMarginAndFee() {
    Instrument perp = new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP,
        new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
    BarData d = BacktesterTest.bars(new double[] {100, 101, 99, 100}, new double[] {100, 101, 99, 100});
    BacktesterTest.Script s = new BacktesterTest.Script().at(0, OrderIntent.market(Side.BUY, Sizing.CASH_FRACTION, 1.0));
    s.leverage = 5;
    BacktestResult r = new Backtester(SimulationConfig.builder().capital(1000).feeBps(10).instrument(perp).leverage(5)
        .funding(0, java.time.Duration.ofHours(8)).fillTiming(FillTiming.SIGNAL_CLOSE).build()).run(d, s);
    BacktestResult.FillRecord f = r.fills().get(0);
    assertThat(f.quantity()).isEqualTo(dev.nanpin.engine.OrderSizing.cashFraction(1.0, 100, 0.001, true, 5, 1000));
    assertThat(f.quantity() * 100 / 5 + f.fee()).isCloseTo(1000, org.assertj.core.api.Assertions.within(1e-9));
  }

  @Test
  void theRiskGuardRefusesWhatItsLimitsForbid() {
    BarData d = BacktesterTest.bars(new double[] {100, 110, 90, 100}, new double[] {100, 101, 99, 100});
    RiskGuard guard = RiskGuard.of(RiskLimits.none().withMaxOrderNotional(new BigDecimal("500")));
    BacktesterTest.Script s = new BacktesterTest.Script().at(0, OrderIntent.buyQuote(1000), OrderIntent.buyQuote(400));
    BacktestResult r = new Backtester(cfg().riskGuard(guard).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::quote).containsExactly(400.0);
    assertThat(r.refusals()).hasSize(1);
    BacktestResult off = new Backtester(cfg().build()).run(d, new BacktesterTest.Script().at(0, OrderIntent.buyQuote(1000),
        OrderIntent.buyQuote(400)));
    assertThat(off.fills()).hasSize(2);
  }
}
