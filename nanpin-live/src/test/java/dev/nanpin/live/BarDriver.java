package dev.nanpin.live;

import dev.nanpin.Bar;
import dev.nanpin.OrderIntent;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import java.time.Duration;
import java.time.Instant;

/**
 * Drives a bot on a {@link BotTest#venue scripted venue} hour by hour, with a strategy that buys
 * 100 USDC at market on the next bar when told to.
 */
final class BarDriver {
  static final Instant T0 = BotTest.T0;

  final LiveEngineTest.MutableClock clock = new LiveEngineTest.MutableClock(T0);
  final ScriptedExchange venue = BotTest.venue(clock);
  private volatile boolean buy;
  private int hour;

  /** Buys at the next bar. */
  void buyNextBar() {
    buy = true;
  }

  /** @return the strategy that buys when told to */
  Strategy strategy() {
    return new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        if (buy) {
          buy = false;
          ctx.submit(OrderIntent.buyQuote(100));
        }
      }
    };
  }

  /** The next hourly bar of {@code symbol}; an hour is past the reconciliation period, so it reconciles too. */
  void bar(Bot bot, String symbol) {
    hour++;
    clock.set(T0.plus(Duration.ofHours(hour)));
    venue.pushBar(symbol, Bar.of(T0.plus(Duration.ofHours(hour - 1)), 100_000, 100_010, 99_990, 100_000, 1));
    bot.status(); // the bar has been handled; it queued its reconciliation behind this round trip
    bot.status(); // and now that too
  }
}
