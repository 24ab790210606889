package dev.nanpin.testkit;

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

/** The kernel's gap rule in the test harness: the levels the open crossed fill before any callback. */
class StrategyHarnessGapTest {
  @Test
  void aGapThroughThreeLevelsFillsAllThreeAtTheOpenInOrder() {
    List<String> heard = new ArrayList<>();
    Strategy s = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (ctx.index() == 0) {
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
    };
    StrategyHarness h = StrategyHarness.hourly(s).bar(100, 101, 99, 100, 1).bar(80, 82, 79, 81, 1);
    assertThat(h.fills()).extracting(StrategyHarness.FillRecord::tag).containsExactly(1, 2, 3);
    assertThat(h.fills()).extracting(StrategyHarness.FillRecord::price).containsExactly(80.0, 80.0, 80.0);
    assertThat(heard).containsExactly("1@80.0 pos=3.0", "2@80.0 pos=3.0", "3@80.0 pos=3.0");
  }
}
