package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.AccountView;
import dev.nanpin.ConfigException;
import dev.nanpin.Execution;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.RiskMath;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class BacktesterTest {
  private static final long H = 3_600_000L;
  private static final long T0 = 1_577_836_800_000L;
  private static final Instrument PERP = new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP,
      new BigDecimal("0.1"), new BigDecimal("0.0001"), new BigDecimal("0.0001"));

  /** Bars from rows of {open, high, low, close}, one hour apart. */
  static BarData bars(double[]... ohlc) {
    int n = ohlc.length;
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = T0 + i * H;
      o[i] = ohlc[i][0];
      h[i] = ohlc[i][1];
      l[i] = ohlc[i][2];
      c[i] = ohlc[i][3];
      v[i] = 1;
    }
    return BarData.of(t, o, h, l, c, v);
  }

  /** A strategy that runs scripted actions at given bar indices and records what it sees. */
  static final class Script implements Strategy {
    final Map<Integer, Consumer<StrategyContext>> actions = new HashMap<>();
    final List<String> events = new ArrayList<>();
    final List<Integer> submitted = new ArrayList<>();
    double leverage = 1;

    @Override
    public double leverageCeiling() {
      return leverage;
    }

    Script at(int index, OrderIntent... intents) {
      actions.put(index, ctx -> {
        for (OrderIntent i : intents) {
          submitted.add(ctx.submit(i));
        }
      });
      return this;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      Consumer<StrategyContext> a = actions.get(ctx.index());
      if (a != null) {
        a.accept(ctx);
      }
    }

    @Override
    public void onFill(StrategyContext ctx, Execution fill) {
      events.add("fill " + fill.side() + " " + fill.price() + " visible=" + ctx.bars().size() + " price=" + ctx.price());
    }

    @Override
    public void onOrderRejected(StrategyContext ctx, int orderId, String reason) {
      events.add("rejected " + orderId + ": " + reason);
    }
  }

  private static SimulationConfig.Builder cfg() {
    return SimulationConfig.builder().capital(10_000).feeBps(10).fillTiming(FillTiming.SIGNAL_CLOSE);
  }

  @Test
  void signalCloseFillsAMarketBuyAtTheCloseWithTheExactQuote() {
    BarData d = bars(new double[] {100, 110, 90, 105}, new double[] {105, 106, 104, 106});
    BacktestResult r = new Backtester(cfg().build()).run(d, new Script().at(0, OrderIntent.buyQuote(1000)));
    assertThat(r.fills()).hasSize(1);
    BacktestResult.FillRecord f = r.fills().get(0);
    assertThat(f.index()).isZero();
    assertThat(f.price()).isEqualTo(105.0);
    assertThat(f.quantity()).isEqualTo(1000.0 / 105.0);
    assertThat(f.quote()).isEqualTo(1000.0);
    assertThat(f.fee()).isEqualTo(1000.0 * 0.001);
    double cash = 10_000.0 - 1000.0 - 1.0;
    assertThat(r.equity()[0]).isEqualTo(cash + (1000.0 / 105.0) * 105.0);
    assertThat(r.equity()[1]).isEqualTo(cash + (1000.0 / 105.0) * 106.0);
    assertThat(r.report().feesPaid()).isEqualTo(1.0);
    assertThat(r.report().exposure()).isEqualTo(1.0);
    assertThat(r.report().closedTrades()).isZero();
    assertThat(r.report().unrealisedPnl()).isCloseTo((1000.0 / 105.0) * 1.0, within(1e-9));
  }

  @Test
  void nextOpenFillsAtTheNextOpenWithSlippageAgainstTheTrader() {
    BarData d = bars(new double[] {100, 110, 90, 105}, new double[] {104, 106, 103, 106}, new double[] {106, 107, 100, 101});
    Script s = new Script().at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 2)).at(1, OrderIntent.closePosition(Side.SELL));
    BacktestResult r = new Backtester(cfg().fillTiming(FillTiming.NEXT_OPEN).slippageBps(50).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::index).containsExactly(1, 2);
    assertThat(r.fills().get(0).price()).isEqualTo(104 * 1.005);
    assertThat(r.fills().get(1).price()).isEqualTo(106 * 0.995);
    assertThat(r.trades()).hasSize(1);
    BacktestResult.Trade t = r.trades().get(0);
    double pnl = 2 * (106 * 0.995 - 104 * 1.005) - 2 * 104 * 1.005 * 0.001 - 2 * 106 * 0.995 * 0.001;
    assertThat(t.pnl()).isCloseTo(pnl, within(1e-9));
    assertThat(t.entryIndex()).isEqualTo(1);
    assertThat(t.exitIndex()).isEqualTo(2);
    assertThat(r.report().finalEquity()).isCloseTo(10_000 + pnl, within(1e-9));
    assertThat(r.report().averageTradeHours()).isEqualTo(1.0);
  }

  @Test
  void aMarketOrderLeftAtTheEndIsRecordedAsUnfilled() {
    BarData d = bars(new double[] {100, 110, 90, 105});
    BacktestResult r = new Backtester(cfg().fillTiming(FillTiming.NEXT_OPEN).build())
        .run(d, new Script().at(0, OrderIntent.buyQuote(100)));
    assertThat(r.fills()).isEmpty();
    assertThat(r.refusals()).singleElement().satisfies(x -> assertThat(x.reason()).contains("end of data"));
  }

  @Test
  void limitBuyFillsOnlyWhenThePriceTradesThroughUnlessTouchIsOn() {
    BarData d = bars(new double[] {100, 101, 99, 100}, new double[] {100, 101, 95, 100}, new double[] {100, 101, 94, 99});
    OrderIntent buy = OrderIntent.limit(Side.BUY, 95, Sizing.QUOTE, 950);
    BacktestResult through = new Backtester(cfg().build()).run(d, new Script().at(0, buy));
    assertThat(through.fills()).singleElement().satisfies(f -> {
      assertThat(f.index()).isEqualTo(2);
      assertThat(f.price()).isEqualTo(95.0);
      assertThat(f.quantity()).isEqualTo(10.0);
      assertThat(f.maker()).isTrue();
    });
    BacktestResult touch = new Backtester(cfg().limitFillsOnTouch(true).makerFeeBps(2).build()).run(d, new Script().at(0, buy));
    assertThat(touch.fills()).singleElement().satisfies(f -> {
      assertThat(f.index()).isEqualTo(1);
      assertThat(f.fee()).isEqualTo(950 * 0.0002);
    });
  }

  @Test
  void aGapThroughALimitFillsAtTheOpen() {
    BarData d = bars(new double[] {100, 101, 99, 100}, new double[] {90, 92, 89, 91});
    BacktestResult r = new Backtester(cfg().build()).run(d, new Script().at(0, OrderIntent.limit(Side.BUY, 95, Sizing.BASE, 1)));
    assertThat(r.fills()).singleElement().satisfies(f -> assertThat(f.price()).isEqualTo(90.0));
  }

  @Test
  void severalLadderLevelsFillInOneBarInPathOrder() {
    BarData d = bars(new double[] {100, 101, 99, 100}, new double[] {100, 100.5, 93, 97});
    Script s = new Script().at(0,
        OrderIntent.limit(Side.BUY, 94, Sizing.QUOTE, 100).withTag(3),
        OrderIntent.limit(Side.BUY, 98, Sizing.QUOTE, 100).withTag(1),
        OrderIntent.limit(Side.BUY, 96, Sizing.QUOTE, 100).withTag(2));
    BacktestResult r = new Backtester(cfg().build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::price).containsExactly(98.0, 96.0, 94.0);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::tag).containsExactly(1, 2, 3);
    assertThat(r.report().maxLadderDepth()).isEqualTo(3);
    // During the intrabar phase the strategy sees only the closed bars and the path price.
    assertThat(s.events).containsExactly("fill BUY 98.0 visible=1 price=98.0", "fill BUY 96.0 visible=1 price=96.0",
        "fill BUY 94.0 visible=1 price=94.0");
  }

  @Test
  void intrabarPathDecidesWhetherTheTakeProfitOrTheLadderBuyComesFirst() {
    // A long of 1 at 100; take-profit at 110 and another buy at 90 rest. The bar's high is nearer the open.
    BarData d = bars(new double[] {100, 100, 100, 100}, new double[] {100, 111, 85, 100});
    Strategy s = new Script().at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 1),
        OrderIntent.limit(Side.SELL, 110, Sizing.BASE, 1).asReduceOnly(),
        OrderIntent.limit(Side.BUY, 90, Sizing.BASE, 1));
    BacktestResult nearer = new Backtester(cfg().build()).run(d, s);
    assertThat(nearer.fills()).extracting(f -> f.side() + "@" + f.price()).containsExactly("BUY@100.0", "SELL@110.0", "BUY@90.0");
    assertThat(nearer.trades()).hasSize(1);

    Strategy s2 = new Script().at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 1),
        OrderIntent.limit(Side.SELL, 110, Sizing.BASE, 1).asReduceOnly(),
        OrderIntent.limit(Side.BUY, 90, Sizing.BASE, 1));
    BacktestResult pessimistic = new Backtester(cfg().intrabarPath(IntrabarPath.PESSIMISTIC).build()).run(d, s2);
    // Low first: the add-on fills at 90, then the reduce-only take-profit sells 1 of the 2 at 110.
    assertThat(pessimistic.fills()).extracting(f -> f.side() + "@" + f.price()).containsExactly("BUY@100.0", "BUY@90.0", "SELL@110.0");
    assertThat(pessimistic.trades()).isEmpty();
  }

  @Test
  void anOrderTheCashCannotPayIsRefusedAndRecorded() {
    BarData d = bars(new double[] {100, 101, 99, 100}, new double[] {100, 101, 99, 100});
    Script s = new Script().at(0, OrderIntent.buyQuote(20_000), OrderIntent.limit(Side.BUY, 99.5, Sizing.QUOTE, 50_000));
    BacktestResult r = new Backtester(cfg().build()).run(d, s);
    assertThat(r.fills()).isEmpty();
    assertThat(r.refusals()).hasSize(2);
    assertThat(s.submitted).containsExactly(0, -1);
    assertThat(s.events).anyMatch(e -> e.startsWith("rejected -1: not enough cash to rest the order"));
    assertThat(s.events).anyMatch(e -> e.startsWith("rejected 0: not enough cash"));
    assertThat(r.report().refusals()).isEqualTo(2);
    assertThat(r.report().finalEquity()).isEqualTo(10_000.0);
  }

  @Test
  void spotCannotSellWhatItDoesNotHold() {
    BarData d = bars(new double[] {100, 101, 99, 100});
    BacktestResult r = new Backtester(cfg().build()).run(d, new Script().at(0, OrderIntent.market(Side.SELL, Sizing.BASE, 1),
        OrderIntent.closePosition(Side.SELL)));
    assertThat(r.fills()).isEmpty();
    assertThat(r.refusals()).extracting(BacktestResult.Refusal::reason)
        .containsExactly("spot account holds nothing to sell", "no position to close");
  }

  @Test
  void cashFractionSpendsEverythingFeeIncluded() {
    BarData d = bars(new double[] {100, 101, 99, 100.5});
    BacktestResult r = new Backtester(cfg().build()).run(d, new Script().at(0, OrderIntent.market(Side.BUY, Sizing.CASH_FRACTION, 1.0)));
    assertThat(r.fills().get(0).quantity()).isEqualTo(10_000.0 / (100.5 * (1.0 + 0.001)));
    assertThat(r.report().peakCapitalInUse()).isCloseTo(10_000 / 1.001, within(1e-6));
  }

  @Test
  void sizerChainSizesSizerIntentsAndHearsFillsAndClosedTrades() {
    BarData d = bars(new double[] {100, 101, 99, 100}, new double[] {100, 111, 99, 110});
    List<String> heard = new ArrayList<>();
    Sizer sizer = new Sizer() {
      @Override
      public double quoteSize(OrderIntent intent, double price, AccountView account, long timeMillis) {
        return account.equity() * 0.1;
      }

      @Override
      public void onFill(Execution fill, AccountView account) {
        heard.add("fill " + fill.side());
      }

      @Override
      public void onTradeClosed(double pnl, double returnFraction) {
        heard.add("closed " + Math.round(pnl * 1000) / 1000.0 + " " + Math.round(returnFraction * 10000) / 10000.0);
      }
    };
    Script s = new Script().at(0, OrderIntent.buySized(2.0)).at(1, OrderIntent.closePosition(Side.SELL));
    BacktestResult r = new Backtester(cfg().build()).run(d, s, sizer);
    assertThat(r.fills().get(0).quote()).isEqualTo(2000.0);
    double pnl = 20 * 10 - 2.0 - 20 * 110 * 0.001;
    assertThat(heard).containsExactly("fill BUY", "fill SELL", "closed " + Math.round(pnl * 1000) / 1000.0 + " "
        + Math.round(pnl / 2000 * 10000) / 10000.0);
    assertThat(r.report().winRate()).isEqualTo(1.0);
  }

  @Test
  void theFutureIsNotVisible() {
    BarData d = bars(new double[] {100, 101, 99, 100}, new double[] {100, 101, 99, 100});
    List<Integer> sizes = new ArrayList<>();
    Strategy peek = ctx -> {
      sizes.add(ctx.bars().size());
      assertThat(ctx.price()).isEqualTo(ctx.bars().close(ctx.index()));
      assertThatThrownBy(() -> ctx.bars().close(ctx.bars().size())).isInstanceOf(IndexOutOfBoundsException.class);
    };
    new Backtester(cfg().build()).run(d, peek);
    assertThat(sizes).containsExactly(1, 2);
  }

  /** Buys, partial and whole sells, and resting limit buys, drawn from a seeded stream. */
  static final class RandomTrader implements Strategy {
    private final SplittableRandom rng;

    RandomTrader(long seed) {
      rng = new SplittableRandom(seed);
    }

    @Override
    public void onBar(StrategyContext ctx) {
      double u = rng.nextDouble();
      if (u < 0.08) {
        ctx.submit(OrderIntent.buyQuote(100 + 400 * rng.nextDouble()));
      } else if (u < 0.11 && ctx.account().positionQuantity() > 0) {
        ctx.submit(OrderIntent.market(Side.SELL, Sizing.POSITION_FRACTION, 0.5));
      } else if (u < 0.13 && ctx.account().positionQuantity() > 0) {
        ctx.submit(OrderIntent.closePosition(Side.SELL));
      } else if (u < 0.16 && ctx.openOrderCount() < 3) {
        ctx.submit(OrderIntent.limit(Side.BUY, ctx.price() * 0.995, Sizing.QUOTE, 200));
      }
    }
  }

  @Test
  void theEquityOfEveryBarIsTheAccountAtItsCloseReplayedFromTheFills() {
    BarData d = GbmReference.generate(1, 3000, 7)[0];
    for (FillTiming timing : FillTiming.values()) {
      BacktestResult r = new Backtester(cfg().fillTiming(timing).build()).run(d, new RandomTrader(11));
      List<BacktestResult.FillRecord> fills = r.fills();
      assertThat(fills).hasSizeGreaterThan(100);
      double[] eq = r.equity();
      double cash = 10_000;
      double qty = 0;
      int k = 0;
      int inMarket = 0;
      for (int i = 0; i < d.size(); i++) {
        for (; k < fills.size() && fills.get(k).index() == i; k++) {
          BacktestResult.FillRecord f = fills.get(k);
          cash = f.side() == Side.BUY ? cash - f.quote() - f.fee() : cash + f.quote() - f.fee();
          qty = f.side() == Side.BUY ? qty + f.quantity() : qty - f.quantity();
        }
        double expected = qty == 0 ? cash : cash + qty * d.close(i);
        assertThat(eq[i]).as("%s, bar %d", timing, i).isEqualTo(expected);
        if (qty != 0) {
          inMarket++;
        }
      }
      assertThat(k).isEqualTo(fills.size());
      assertThat(r.report().exposure()).isEqualTo((double) inMarket / d.size());
      assertThat(r.report().finalEquity()).isEqualTo(eq[d.size() - 1]);
    }
  }

  @Test
  void perpetualPaysConstantFundingEveryIntervalAndMarksUnrealisedPnl() {
    double[] flat = {100, 100, 100, 100};
    BarData d = bars(flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat, flat);
    SimulationConfig c = cfg().instrument(PERP).leverage(5).funding(0.0001, Duration.ofHours(8)).build();
    Strategy s = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.BASE, 2));
        }
      }

      @Override
      public double leverageCeiling() {
        return 10;
      }
    };
    BacktestResult r = new Backtester(c).run(d, s);
    // Bars at 00:00..17:00; funding at 08:00 and 16:00 while long 2 at 100.
    assertThat(r.report().fundingPaid()).isCloseTo(2 * 2 * 100 * 0.0001, within(1e-12));
    // Each close's equity carries the funding charged by then: at 08:00 (bar 8) and 16:00 (bar 16).
    double[] eq = r.equity();
    assertThat(eq[7]).isCloseTo(10_000 - 0.2, within(1e-9));
    assertThat(eq[8]).isCloseTo(10_000 - 0.2 - 0.02, within(1e-9));
    assertThat(eq[15]).isCloseTo(10_000 - 0.2 - 0.02, within(1e-9));
    assertThat(eq[16]).isCloseTo(10_000 - 0.2 - 0.04, within(1e-9));
    assertThat(r.report().finalEquity()).isCloseTo(10_000 - 0.2 - 0.04, within(1e-9));
    assertThat(r.report().peakCapitalInUse()).isCloseTo(200.0 / 5, within(1e-12));
  }

  @Test
  void fundingSeriesReplacesTheConstantRateAndShortsReceive() {
    double[] flat = {100, 100, 100, 100};
    BarData d = bars(flat, flat, flat, flat);
    SimulationConfig c = cfg().instrument(PERP).fundingSeries(new long[] {T0 + H, T0 + 3 * H}, new double[] {0.001, -0.002}).build();
    BacktestResult r = new Backtester(c).run(d, new Script().at(0, OrderIntent.market(Side.SELL, Sizing.BASE, 1)));
    // Short 1 at 100: receives 0.1 at 01:00, pays 0.2 at 03:00.
    assertThat(r.report().fundingPaid()).isCloseTo(-0.1 + 0.2, within(1e-12));
  }

  @Test
  void leveragedLongIsLiquidatedAtTheMaintenanceMarginPrice() {
    BarData d = bars(new double[] {100, 100, 100, 100}, new double[] {100, 101, 80, 85}, new double[] {85, 86, 84, 85});
    SimulationConfig c = cfg().capital(1000).feeBps(0).instrument(PERP).leverage(10).maintenanceMarginRate(0.01)
        .funding(0, Duration.ofHours(8)).liquidationFeeBps(0).build();
    Strategy s = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.CASH_FRACTION, 1.0));
        }
      }

      @Override
      public double leverageCeiling() {
        return 10;
      }
    };
    BacktestResult r = new Backtester(c).run(d, s);
    double qty = 1000 / (100 * (0.1 + 0));
    double liq = RiskMath.liquidationPrice(qty, 100, 1000, MaintenanceMargin.constant(0.01));
    assertThat(liq).isCloseTo((100 * 100 - 1000) / (100 * 0.99), within(1e-9));
    assertThat(r.fills()).hasSize(2);
    BacktestResult.FillRecord l = r.fills().get(1);
    assertThat(l.liquidation()).isTrue();
    assertThat(l.index()).isEqualTo(1);
    assertThat(l.price()).isCloseTo(liq, within(1e-9));
    assertThat(r.report().liquidations()).isEqualTo(1);
    // What is left is the maintenance margin: 1 % of the notional at the liquidation price.
    assertThat(r.report().finalEquity()).isCloseTo(0.01 * qty * liq, within(1e-6));
  }

  @Test
  void liquidationFollowsAMaintenanceMarginThatGrowsWithTheNotional() {
    BarData d = bars(new double[] {100, 100, 100, 100}, new double[] {100, 101, 70, 85});
    MaintenanceMargin backpackLike = MaintenanceMargin.sqrt(0.005, 0.0005);
    SimulationConfig c = cfg().capital(1000).feeBps(0).instrument(PERP).leverage(5).maintenanceMargin(backpackLike)
        .funding(0, Duration.ofHours(8)).build();
    Strategy s = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.BASE, 50));
        }
      }

      @Override
      public double leverageCeiling() {
        return 5;
      }
    };
    BacktestResult r = new Backtester(c).run(d, s);
    double liq = RiskMath.liquidationPrice(50, 100, 1000, backpackLike);
    assertThat(liq).isGreaterThan(RiskMath.liquidationPrice(50, 100, 1000, MaintenanceMargin.constant(0.005)));
    assertThat(r.fills()).hasSize(2);
    assertThat(r.fills().get(1).liquidation()).isTrue();
    assertThat(r.fills().get(1).price()).isEqualTo(liq);
  }

  @Test
  void takeProfitAndLiquidationOnOneBarResolveInPathOrder() {
    // Long 100 at 100 on 10x (liquidation near 90.9); a take-profit rests at 104. The next bar
    // reaches both; its high (105) is nearer the open than its low (80).
    BarData d = bars(new double[] {100, 100, 100, 100}, new double[] {100, 105, 80, 90});
    SimulationConfig.Builder c = cfg().capital(1000).feeBps(0).instrument(PERP).leverage(10).maintenanceMarginRate(0.01)
        .funding(0, Duration.ofHours(8));
    java.util.function.Supplier<Strategy> make = () -> new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.BASE, 100));
          ctx.submit(OrderIntent.limit(Side.SELL, 104, Sizing.BASE, 100).asReduceOnly());
        }
      }

      @Override
      public double leverageCeiling() {
        return 10;
      }
    };
    BacktestResult nearer = new Backtester(c.build()).run(d, make.get());
    assertThat(nearer.fills()).extracting(f -> f.side() + "@" + f.price() + (f.liquidation() ? " liquidation" : ""))
        .containsExactly("BUY@100.0", "SELL@104.0");
    assertThat(nearer.report().finalEquity()).isCloseTo(1000 + 400, within(1e-9));

    BacktestResult pessimistic = new Backtester(c.intrabarPath(IntrabarPath.PESSIMISTIC).build()).run(d, make.get());
    assertThat(pessimistic.fills()).hasSize(2);
    assertThat(pessimistic.fills().get(1).liquidation()).isTrue();
    assertThat(pessimistic.report().liquidations()).isEqualTo(1);
    assertThat(pessimistic.report().finalEquity()).isLessThan(100);
  }

  @Test
  void leverageAboveTheStrategysCeilingIsAConfigError() {
    BarData d = bars(new double[] {100, 100, 100, 100});
    Backtester bt = new Backtester(cfg().instrument(PERP).leverage(3).funding(0, Duration.ofHours(8)).build());
    assertThatThrownBy(() -> bt.run(d, ctx -> { })).isInstanceOf(ConfigException.class).hasMessageContaining("ceiling");
    assertThatThrownBy(() -> cfg().leverage(2).build()).isInstanceOf(ConfigException.class).hasMessageContaining("spot");
  }

  @Test
  void repeatedRunsOnOneBacktesterGiveIdenticalResults() {
    BarData d = GbmReference.generate(1, 2000, 7)[0];
    Backtester bt = new Backtester(cfg().build());
    BacktestResult a = bt.run(d, everyHundredBars());
    double eq = bt.runToEquity(d, everyHundredBars(), Sizer.fixedQuote(100));
    BacktestResult b = bt.run(d, everyHundredBars());
    assertThat(a.equity()).containsExactly(b.equity());
    assertThat(a.fills()).isEqualTo(b.fills());
    assertThat(eq).isEqualTo(a.report().finalEquity());
    assertThat(a.report()).isEqualTo(b.report());
  }

  private static Strategy everyHundredBars() {
    return ctx -> {
      if (ctx.index() % 100 == 50) {
        ctx.submit(ctx.account().positionQuantity() > 0 ? OrderIntent.closePosition(Side.SELL) : OrderIntent.buySized(1));
      }
    };
  }

  @Test
  void writesReportJsonAndCsvFiles() {
    BarData d = GbmReference.generate(1, 500, 3)[0];
    BacktestResult r = new Backtester(cfg().build()).run(d, everyHundredBars());
    StringWriter json = new StringWriter();
    ReportWriter.writeJson(r.report(), Map.of("strategy", "test"), json);
    for (String field : List.of("totalReturn", "cagr", "volatility", "sharpe", "sortino", "calmar", "maxDrawdown",
        "maxDrawdownRealised", "winRate", "profitFactor", "exposure", "tradesPerYear", "var95", "cvar95", "var99",
        "cvar99", "feesPaid", "fundingPaid", "finalEquity", "closedTrades", "fills")) {
      assertThat(json.toString()).contains("\"" + field + "\": ");
    }
    assertThat(json.toString()).contains("\"strategy\": \"test\"").contains("\"fills\": " + r.fills().size());
    StringWriter fills = new StringWriter();
    ReportWriter.writeFillsCsv(r, fills);
    String[] lines = fills.toString().split("\n");
    assertThat(lines[0]).isEqualTo("index,time,side,price,quantity,quote,fee,exitReason");
    assertThat(lines).hasSize(r.fills().size() + 1);
    assertThat(lines[1]).startsWith("50,2020-01-03T02:00:00Z,BUY,");
    StringWriter eq = new StringWriter();
    ReportWriter.writeEquityCsv(r, eq);
    String[] eqLines = eq.toString().split("\n");
    assertThat(eqLines).hasSize(501);
    assertThat(eqLines[0]).isEqualTo("index,time,equity");
    assertThat(ReportWriter.summary(r.report())).contains("Total return").contains("Max drawdown (realised)");
  }
}
