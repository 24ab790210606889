package dev.nanpin.examples;

import dev.nanpin.AccountView;
import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;

/**
 * Benchmark workload B: a long-only DCA ladder ("nanpin") with market orders.
 *
 * <p>When no ladder is open, buy {@code firstQuote} (from bar {@code start} on, and from the bar
 * after the previous take-profit). While a ladder is open, sell everything when the close reaches
 * {@code takeProfit} times the average entry price; otherwise, when the close is at or below
 * {@code step} times the last fill and fewer than {@code maxBuys} buys were made, buy {@code
 * scale} times the previous quote. One action per bar. The engine's account gives the average
 * entry and the number of buys, so the strategy keeps only the last fill; the buy of each level
 * is made once, up front.
 *
 * <p>O(1) per bar, no allocation except the intent when it acts. Not thread-safe; one object
 * per run.
 */
public final class LadderBasicStrategy implements Strategy {
  private static final OrderIntent SELL_ALL = OrderIntent.closePosition(Side.SELL);

  private final double step;
  private final int maxBuys;
  private final double takeProfit;
  private final OrderIntent[] levels; // the buy of each ladder level, made once: intents are immutable
  private int nextStart;
  private double lastFill;

  /**
   * Creates the strategy.
   *
   * @param firstQuote the quote amount of a ladder's first buy, {@code > 0}
   * @param step the add-on trigger as a fraction of the last fill, {@code (0, 1)}
   * @param scale each buy's quote over the previous one, {@code > 0}
   * @param maxBuys the most buys in one ladder, {@code >= 1}
   * @param takeProfit the exit as a multiple of the average entry, {@code > 1}
   * @param start the first bar index at which a ladder may open, {@code >= 0}
   * @throws IllegalArgumentException if a value is out of range
   */
  public LadderBasicStrategy(double firstQuote, double step, double scale, int maxBuys, double takeProfit, int start) {
    if (!(firstQuote > 0) || !(step > 0 && step < 1) || !(scale > 0) || maxBuys < 1 || !(takeProfit > 1) || start < 0) {
      throw new IllegalArgumentException("bad ladder: firstQuote %s, step %s, scale %s, maxBuys %d, takeProfit %s, start %d"
          .formatted(firstQuote, step, scale, maxBuys, takeProfit, start));
    }
    this.step = step;
    this.maxBuys = maxBuys;
    this.takeProfit = takeProfit;
    this.nextStart = start;
    this.levels = new OrderIntent[maxBuys];
    double quote = firstQuote;
    for (int k = 0; k < maxBuys; k++) {
      if (!Double.isFinite(quote)) {
        throw new IllegalArgumentException("the quote of ladder level %d overflows: firstQuote %s, scale %s"
            .formatted(k, firstQuote, scale));
      }
      levels[k] = OrderIntent.buyQuote(quote).withTag(k);
      quote = quote * scale; // 100, 130, 169, ... as each level is the previous one times scale
    }
  }

  @Override
  public void onBar(StrategyContext ctx) {
    if (ctx.openOrderCount() > 0) {
      return; // with next-open fills, the previous decision is still on its way
    }
    AccountView account = ctx.account();
    int buys = account.entryCount();
    double x = ctx.price();
    if (buys == 0) {
      if (ctx.index() >= nextStart) {
        ctx.submit(levels[0]);
      }
    } else if (x >= account.averageEntryPrice() * takeProfit) {
      ctx.submit(SELL_ALL);
      nextStart = ctx.index() + 1;
    } else if (buys < maxBuys && x <= lastFill * step) {
      ctx.submit(levels[buys]);
    }
  }

  @Override
  public void onFill(StrategyContext ctx, Execution fill) {
    if (fill.side() == Side.BUY) {
      lastFill = fill.price();
    }
  }

  @Override
  public int maxEntries() {
    return maxBuys;
  }
}
