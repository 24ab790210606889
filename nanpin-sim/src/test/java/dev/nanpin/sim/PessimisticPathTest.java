package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14's defect 4: the pessimistic intrabar path is the adverse one for a ladder. Hand-built
 * bars through the public {@link Backtester}: fills are listed as {@code SIDE@price#bar}.
 */
class PessimisticPathTest {
  private static final SimulationConfig.Builder CFG =
      SimulationConfig.builder().capital(10_000).feeBps(0).fillTiming(FillTiming.SIGNAL_CLOSE);

  /** A one-level ladder: a buy at {@code level}; each buy fill places a take-profit at {@code tp}. */
  private static Strategy ladder(double level, double tp) {
    return new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.limit(Side.BUY, level, Sizing.BASE, 10));
        }
      }

      @Override
      public void onFill(StrategyContext ctx, Execution fill) {
        if (fill.side() == Side.BUY) {
          ctx.submit(OrderIntent.limit(Side.SELL, tp, Sizing.BASE, 10).asReduceOnly());
        }
      }
    };
  }

  private static List<String> fills(IntrabarPath path, BarData d, Strategy s) {
    return new Backtester(CFG.intrabarPath(path).build()).run(d, s).fills().stream()
        .map(f -> f.side() + "@" + f.price() + "#" + f.index()).toList();
  }

  @Test
  void aTakeProfitNeverFillsInTheBarOfTheFillThatCreatedIt() {
    // Bar 1 dips to 94 (the level at 95 fills) and rises to 103 (past the take-profit at 98).
    // Today's low-first path filled both in bar 1, the best case for the ladder. Bar 2 opens at
    // 97 and rises to 99: the take-profit fills there, at its level.
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 103, 94, 99},
        new double[] {97, 99, 96, 98});
    assertThat(fills(IntrabarPath.PESSIMISTIC, d, ladder(95, 98))).containsExactly("BUY@95.0#1", "SELL@98.0#2");
  }

  @Test
  void theNearerExtremePathStillLetsTheTakeProfitFillOnTheWayBackInTheSameBar() {
    // Open 100, high 103 nearer than low 94: high first (nothing), then the low fills the level,
    // then the move to the close at 99 passes the take-profit at 98.
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 103, 94, 99});
    assertThat(fills(IntrabarPath.NEARER_EXTREME_FIRST, d, ladder(95, 98))).containsExactly("BUY@95.0#1", "SELL@98.0#1");
    assertThat(fills(IntrabarPath.PESSIMISTIC, d, ladder(95, 98))).containsExactly("BUY@95.0#1");
  }

  @Test
  void withAPositionTheOrderThatWorsensFillsBeforeTheOneThatImproves() {
    // Long 10 from bar 0's close; a take-profit placed in bar 0 rests at 104 and a second level at
    // 96. Bar 1 reaches both with the high nearer the open: the nearer path takes profit first and
    // then opens a new position at 96; the pessimistic path adds at 96 first and then sells 10 of
    // the 20 at 104, both orders having rested since before the bar.
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 105, 90, 100});
    Strategy s = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.BASE, 10));
          ctx.submit(OrderIntent.limit(Side.BUY, 96, Sizing.BASE, 10));
          ctx.submit(OrderIntent.limit(Side.SELL, 104, Sizing.BASE, 10).asReduceOnly());
        }
      }
    };
    assertThat(fills(IntrabarPath.NEARER_EXTREME_FIRST, d, s))
        .containsExactly("BUY@100.0#0", "SELL@104.0#1", "BUY@96.0#1");
    assertThat(fills(IntrabarPath.PESSIMISTIC, d, s))
        .containsExactly("BUY@100.0#0", "BUY@96.0#1", "SELL@104.0#1");
  }

  @Test
  void aShortLadderIsWalkedHighFirstAndItsCoverWaits() {
    // A short opened at bar 0's close; a sell level at 105 whose fill places a cover at 101. Bar 1
    // rises to 106 and falls to 95: the pessimistic path adds at 105, and the cover waits.
    BarData d = BacktesterTest.bars(new double[] {100, 100, 100, 100}, new double[] {100, 106, 95, 100},
        new double[] {100, 100, 100, 100});
    Strategy s = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
          ctx.submit(OrderIntent.market(Side.SELL, Sizing.BASE, 1));
          ctx.submit(OrderIntent.limit(Side.SELL, 105, Sizing.BASE, 1));
        }
      }

      @Override
      public void onFill(StrategyContext ctx, Execution fill) {
        if (fill.side() == Side.SELL && ctx.index() >= 0 && fill.price() == 105) {
          ctx.submit(OrderIntent.limit(Side.BUY, 101, Sizing.POSITION_FRACTION, 1.0));
        }
      }

      @Override
      public double leverageCeiling() {
        return 2;
      }
    };
    SimulationConfig.Builder perp = CFG.instrument(PerpDefaultsTest.PERP)
        .funding(0, java.time.Duration.ofHours(8));
    List<String> pess = new Backtester(perp.intrabarPath(IntrabarPath.PESSIMISTIC).build()).run(d, s).fills().stream()
        .map(f -> f.side() + "@" + f.price() + "#" + f.index()).toList();
    assertThat(pess).containsExactly("SELL@100.0#0", "SELL@105.0#1", "BUY@100.0#2");
  }
}
