package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gap rule of the engine kernel in the backtester: one print's fills before its callbacks. */
class GapRuleTest {

  /** Rests three buy levels on bar 0; on every fill cancels whatever still rests, as a re-planning ladder does. */
  static final class Ladder implements Strategy {
    final List<String> heard = new ArrayList<>();
    final boolean market;

    Ladder(boolean market) {
      this.market = market;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      if (ctx.index() == 0) {
        if (market) {
          ctx.submit(OrderIntent.market(Side.BUY, Sizing.BASE, 1).withTag(9));
        }
        ctx.submit(OrderIntent.limit(Side.BUY, 85, Sizing.BASE, 1).withTag(3));
        ctx.submit(OrderIntent.limit(Side.BUY, 95, Sizing.BASE, 1).withTag(1));
        ctx.submit(OrderIntent.limit(Side.BUY, 90, Sizing.BASE, 1).withTag(2));
      }
    }

    @Override
    public void onFill(StrategyContext ctx, Execution fill) {
      heard.add(fill.tag() + "@" + fill.price() + " pos=" + ctx.account().positionQuantity());
      ctx.cancelAll();
    }
  }

  @Test
  void aGapThroughThreeLevelsFillsAllThreeAtTheOpenInPriceOrderBeforeAnyCallback() {
    BarData d = BacktesterTest.bars(new double[] {100, 101, 99, 100}, new double[] {80, 82, 79, 81});
    Ladder s = new Ladder(false);
    BacktestResult r = new Backtester(SimulationConfig.builder().capital(10_000).feeBps(0).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::index).containsExactly(1, 1, 1);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::price).containsExactly(80.0, 80.0, 80.0);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::tag).containsExactly(1, 2, 3);
    assertThat(s.heard).containsExactly("1@80.0 pos=3.0", "2@80.0 pos=3.0", "3@80.0 pos=3.0");
  }

  @Test
  void theNextOpenMarketOrderAndTheLevelsItsOpenCrossedFillTogether() {
    BarData d = BacktesterTest.bars(new double[] {100, 101, 99, 100}, new double[] {80, 82, 79, 81});
    Ladder s = new Ladder(true);
    BacktestResult r = new Backtester(SimulationConfig.builder().capital(10_000).feeBps(0)
        .fillTiming(FillTiming.NEXT_OPEN).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::tag).containsExactly(9, 1, 2, 3);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::price).containsExactly(80.0, 80.0, 80.0, 80.0);
    assertThat(s.heard).hasSize(4).allMatch(h -> h.endsWith("pos=4.0"));
  }

  @Test
  void levelsReachedAlongAContinuousMoveAreSeparatePrints() {
    // No gap: the path goes 100 -> 84 (low first), reaching 95, 90, 85 one after the other;
    // the callback of the first fill cancels the rest.
    BarData d = BacktesterTest.bars(new double[] {100, 101, 99, 100}, new double[] {100, 100.5, 84, 99});
    Ladder s = new Ladder(false);
    BacktestResult r = new Backtester(SimulationConfig.builder().capital(10_000).feeBps(0).build()).run(d, s);
    assertThat(r.fills()).extracting(BacktestResult.FillRecord::price).containsExactly(95.0);
    assertThat(s.heard).containsExactly("1@95.0 pos=1.0");
  }
}
