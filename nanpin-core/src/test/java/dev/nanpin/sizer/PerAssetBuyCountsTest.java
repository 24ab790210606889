package dev.nanpin.sizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.AccountView;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.spi.MutableExecution;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PerAssetBuyCountsTest {
  private static final long HOUR = Duration.ofHours(1).toMillis();

  /** Equity 10 000: the buys are 10 %, 7 %, 5 % of it, i.e. 1 000, 700, 500. */
  private static final AccountView ACCOUNT = FakeAccount.spot(10_000);


  private static void buy(BuyCountDecaySizer s, int orderId, long time) {
    s.onFill(new MutableExecution().set(orderId, 0, Side.BUY, 100, 1, 0, false, true, time), ACCOUNT);
  }

  @Test
  void eachAssetCountsItsOwnBuysInTheSharedWindow() {
    PerAssetBuyCounts counts = PerAssetBuyCounts.daily(List.of(0.10, 0.07, 0.05));
    assertThat(counts.window()).isEqualTo(Duration.ofHours(24));
    BuyCountDecaySizer btc = counts.sizer("BTC");
    BuyCountDecaySizer eth = counts.sizer("ETH");
    assertThat(counts.sizer("BTC")).isSameAs(btc);
    buy(btc, 1, 0);
    buy(btc, 2, 2 * HOUR);
    buy(eth, 1, 3 * HOUR);
    OrderIntent next = OrderIntent.buySized(1);
    // At hour 4: BTC has 2 buys (next is the 3rd: 5 % = 500), ETH 1 (next 7 % = 700), SOL none (10 % = 1 000).
    assertThat(counts.buysInWindow("BTC", 4 * HOUR)).isEqualTo(2);
    assertThat(btc.quoteSize(next, 100, ACCOUNT, 4 * HOUR)).isCloseTo(500, within(1e-9));
    assertThat(eth.quoteSize(next, 100, ACCOUNT, 4 * HOUR)).isCloseTo(700, within(1e-9));
    assertThat(counts.sizer("SOL").quoteSize(next, 100, ACCOUNT, 4 * HOUR)).isCloseTo(1_000, within(1e-9));
    // 24 h after BTC's first buy it leaves the window: one BTC buy is counted, the next is 7 %.
    assertThat(counts.buysInWindow("BTC", 24 * HOUR)).isEqualTo(1);
    assertThat(btc.quoteSize(next, 100, ACCOUNT, 24 * HOUR)).isCloseTo(700, within(1e-9));
    assertThat(counts.buysInWindow("ETH", 24 * HOUR)).isEqualTo(1);
    assertThat(counts.buysInWindow("DOGE", 24 * HOUR)).isZero();
  }
}
