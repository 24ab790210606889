package dev.nanpin.live.paper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.ConfigException;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.Order;
import dev.nanpin.OrderRequest;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several paper markets on one pool of cash. */
class PaperPortfolioTest {
  static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

  @TempDir Path dir;

  static Instrument spot(String symbol, String base) {
    return new Instrument(symbol, base, "USDC", InstrumentKind.SPOT, new BigDecimal("0.01"), new BigDecimal("0.001"),
        new BigDecimal("0.001"));
  }

  /** Flat bars at {@code price}; {@code skip} leaves one timestamp out (a gap). */
  static List<Bar> bars(double price, int n, int skip) {
    List<Bar> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (i != skip) {
        out.add(Bar.of(T0.plus(Duration.ofHours(i)), price, price * 1.01, price * 0.99, price, 1));
      }
    }
    return out;
  }

  PaperPortfolio portfolio(Path state) {
    PaperConfig btc = new PaperConfig(spot("BTC_USDC", "BTC"), new BigDecimal("999999"), 0.001, 0.001, 0, 1);
    PaperConfig eth = new PaperConfig(spot("ETH_USDC", "ETH"), new BigDecimal("999999"), 0.001, 0.001, 0, 1);
    return PaperPortfolio.replay(new BigDecimal("1000"), List.of(
        new PaperPortfolio.Market(btc, bars(100, 6, -1), Duration.ofHours(1), 1),
        new PaperPortfolio.Market(eth, bars(10, 6, 3), Duration.ofHours(1), 1)), state);
  }

  @Test
  void theMarketsDrawOnOnePoolOfCashAndItsStateSurvivesARestart() {
    Path state = dir.resolve("venue");
    PaperPortfolio venue = portfolio(state);
    // 6 BTC at 100 take 600 (+0.6 fee) of the pool's 1,000 at the next open: 50 ETH at 10 (500) no longer fit
    venue.placeOrder(OrderRequest.market("BTC_USDC", Side.BUY, new BigDecimal("6"), 1));
    assertThat(venue.advance(null)).isTrue();
    // a market order of a replay is checked when it fills at the next open, as the backtester checks it
    Order tooBig = venue.placeOrder(OrderRequest.market("ETH_USDC", Side.BUY, new BigDecimal("50"), 2));
    assertThat(tooBig.status()).isEqualTo(dev.nanpin.OrderStatus.NEW);
    Order eth = venue.placeOrder(OrderRequest.market("ETH_USDC", Side.BUY, new BigDecimal("30"), 3));
    assertThat(venue.advance(null)).isTrue();
    assertThat(venue.orderByClientId("ETH_USDC", 2)).get().extracting(Order::status)
        .isEqualTo(dev.nanpin.OrderStatus.REJECTED);
    List<Fill> fills = venue.fills(null, Instant.EPOCH);
    assertThat(fills).extracting(Fill::symbol).containsExactly("BTC_USDC", "ETH_USDC");
    assertThat(fills).extracting(Fill::fillId).doesNotHaveDuplicates();
    assertThat(eth.orderId()).startsWith("ETH_USDC-");
    // cash: 1000 - 600.6 - 300.3
    assertThat(venue.balances()).extracting(Balance::asset).containsExactly("USDC", "BTC", "ETH");
    assertThat(venue.balances().get(0).total()).isEqualByComparingTo("99.1");
    assertThat(venue.account().equity().doubleValue()).isCloseTo(99.1 + 600 + 300, org.assertj.core.data.Offset.offset(1e-9));

    // ETH has no bar at hour 3: that timestamp plays BTC only, and the clock is the latest market's
    assertThat(venue.advance(null)).isTrue();
    assertThat(venue.clock().instant()).isEqualTo(T0.plus(Duration.ofHours(4)));
    assertThat(venue.fills("ETH_USDC", Instant.EPOCH)).hasSize(1);

    PaperPortfolio again = portfolio(state);
    assertThat(again.balances().get(0).total()).isEqualByComparingTo("99.1");
    assertThat(again.clock().instant()).isEqualTo(T0.plus(Duration.ofHours(4)));
    assertThat(again.fills(null, Instant.EPOCH)).hasSize(2);
    int played = 0;
    while (again.advance(null)) {
      played++;
    }
    assertThat(played).isEqualTo(2);
  }

  @Test
  void theMarketsQuoteOneAssetAndAreListedOnce() {
    PaperConfig btc = new PaperConfig(spot("BTC_USDC", "BTC"), BigDecimal.ONE, 0, 0, 0, 1);
    PaperConfig usdt = new PaperConfig(new Instrument("BTC_USDT", "BTC", "USDT", InstrumentKind.SPOT,
        new BigDecimal("0.01"), new BigDecimal("0.001"), new BigDecimal("0.001")), BigDecimal.ONE, 0, 0, 0, 1);
    PaperPortfolio.Market a = new PaperPortfolio.Market(btc, bars(100, 3, -1), Duration.ofHours(1), 0);
    assertThatThrownBy(() -> PaperPortfolio.replay(BigDecimal.TEN, List.of(a, a), null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> PaperPortfolio.replay(BigDecimal.TEN, List.of(a,
        new PaperPortfolio.Market(usdt, bars(100, 3, -1), Duration.ofHours(1), 0)), null))
        .isInstanceOf(ConfigException.class).hasMessageContaining("quote one asset");
  }
}
