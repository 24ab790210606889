package dev.nanpin.testkit;

import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The strategy of the gap-rule tests of every engine: on the first bar it rests three buy levels
 * of one base unit at 95 (tag 1), 90 (tag 2) and 85 (tag 3), placed out of price order, and, if
 * asked, a market buy of one unit (tag 9); on every fill it records what it heard (tag, price and
 * the position at that moment) and cancels whatever still rests, as a re-planning ladder does. A
 * bar that gaps below 85 must fill all three levels before the first {@code onFill}.
 */
public final class GapLadder implements Strategy {
  private final boolean market;
  private final List<String> heard = new ArrayList<>();

  /**
   * @param market whether to add a market buy with the levels
   */
  public GapLadder(boolean market) {
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

  /** @return what the strategy heard, one {@code "tag@price pos=position"} per fill */
  public List<String> heard() {
    return heard;
  }
}
