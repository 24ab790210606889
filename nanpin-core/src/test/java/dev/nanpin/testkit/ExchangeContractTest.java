package dev.nanpin.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.Bar;
import dev.nanpin.Exchange;
import dev.nanpin.ExchangeException;
import dev.nanpin.Instrument;
import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.Side;
import dev.nanpin.Ticker;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Exchange} implementation must show, in the spirit of Micrometer's
 * compatibility kit. A connector's test extends this class and supplies an exchange wired to a
 * fake venue (MockWebServer, an in-memory book), never to the internet.
 *
 * <p>Trading checks run only when {@link #supportsTrading()} is {@code true}; account checks
 * only when {@link #supportsAccount()} is.
 */
public abstract class ExchangeContractTest {
  private static final AtomicLong CLIENT_IDS = new AtomicLong(1_000);

  /** The exchange under test, made fresh for every test. */
  protected Exchange exchange;

  /**
   * Creates the exchange under test, wired to a fake venue.
   *
   * @return a new exchange
   */
  protected abstract Exchange createExchange();

  /** @return a symbol the fake venue lists, with a ticker, a book and hourly bars */
  protected abstract String symbol();

  /** @return whether the fake venue accepts, lists and cancels orders */
  protected boolean supportsTrading() {
    return true;
  }

  /** @return whether the fake venue answers account, balance and position calls */
  protected boolean supportsAccount() {
    return true;
  }

  /** @return a time range over which the fake venue has hourly bars */
  protected Instant[] barRange() {
    Instant to = Instant.parse("2025-01-02T00:00:00Z");
    return new Instant[] {to.minus(Duration.ofHours(24)), to};
  }

  @BeforeEach
  void createUnderTest() {
    exchange = createExchange();
  }

  @AfterEach
  void closeUnderTest() {
    if (exchange != null) {
      exchange.close();
    }
  }

  @Test
  void idIsStableLowerCase() {
    assertThat(exchange.id()).isNotBlank().isEqualTo(exchange.id().toLowerCase(java.util.Locale.ROOT));
  }

  @Test
  void instrumentsAreListedOnceEach() {
    List<Instrument> all = exchange.instruments();
    assertThat(all).isNotEmpty();
    Set<String> symbols = new HashSet<>();
    for (Instrument i : all) {
      assertThat(symbols.add(i.symbol())).as("duplicate symbol %s", i.symbol()).isTrue();
    }
    assertThat(symbols).contains(symbol());
  }

  @Test
  void instrumentBySymbolMatchesTheListing() {
    Instrument one = exchange.instrument(symbol());
    assertThat(exchange.instruments()).contains(one);
  }

  @Test
  void unknownSymbolIsNotFound() {
    assertThatThrownBy(() -> exchange.instrument("NO_SUCH_MARKET_XYZ")).isInstanceOf(NotFoundException.class);
  }

  @Test
  void tickerIsForTheSymbol() {
    Ticker t = exchange.ticker(symbol());
    assertThat(t.symbol()).isEqualTo(symbol());
    assertThat(t.last()).isPositive();
  }

  @Test
  void orderBookIsForTheSymbolAndNotCrossed() {
    OrderBook book = exchange.orderBook(symbol(), 5);
    assertThat(book.symbol()).isEqualTo(symbol());
    assertThat(book.bids().size() + book.asks().size()).isPositive();
  }

  @Test
  void barsAreOrderedAndInRange() {
    Instant[] range = barRange();
    List<Bar> bars = exchange.bars(symbol(), Duration.ofHours(1), range[0], range[1]);
    assertThat(bars).isNotEmpty();
    for (int i = 0; i < bars.size(); i++) {
      Bar b = bars.get(i);
      assertThat(b.time()).isBetween(range[0], range[1].minusMillis(1));
      if (i > 0) {
        assertThat(b.time()).isAfter(bars.get(i - 1).time());
      }
    }
  }

  @Test
  void accountCallsAnswer() {
    assumeTrue(supportsAccount(), "venue fake has no account");
    assertThat(exchange.account()).isNotNull();
    assertThat(exchange.balances()).isNotNull();
    assertThat(exchange.positions()).isNotNull();
  }

  @Test
  void restingOrderLifeCycle() {
    assumeTrue(supportsTrading(), "venue fake does not trade");
    OrderRequest request = farBelowMarketBuy();
    Order placed = exchange.placeOrder(request);
    assertThat(placed.clientId()).isEqualTo(request.clientId());
    assertThat(placed.symbol()).isEqualTo(symbol());
    assertThat(placed.side()).isEqualTo(Side.BUY);
    assertThat(placed.status()).isIn(OrderStatus.NEW, OrderStatus.PARTIALLY_FILLED);

    assertThat(exchange.openOrders(symbol())).extracting(Order::orderId).contains(placed.orderId());
    Optional<Order> byClient = exchange.orderByClientId(symbol(), request.clientId());
    assertThat(byClient).map(Order::orderId).contains(placed.orderId());
    assertThat(exchange.orderById(symbol(), placed.orderId())).map(Order::clientId).contains(request.clientId());

    Order cancelled = exchange.cancelOrder(symbol(), placed.orderId());
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(exchange.openOrders(symbol())).extracting(Order::orderId).doesNotContain(placed.orderId());
  }

  @Test
  void unknownClientIdIsEmpty() {
    assumeTrue(supportsTrading(), "venue fake does not trade");
    assertThat(exchange.orderByClientId(symbol(), OrderRequest.MAX_CLIENT_ID - 7)).isEmpty();
  }

  @Test
  void orderOnUnknownMarketFailsTyped() {
    assumeTrue(supportsTrading(), "venue fake does not trade");
    OrderRequest bad = OrderRequest.limit("NO_SUCH_MARKET_XYZ", Side.BUY, BigDecimal.ONE, BigDecimal.ONE,
        CLIENT_IDS.incrementAndGet());
    assertThatThrownBy(() -> exchange.placeOrder(bad)).isInstanceOf(ExchangeException.class);
  }

  @Test
  void closeIsIdempotent() {
    exchange.close();
    exchange.close();
  }

  /**
   * A limit buy at half the last price, at the minimum quantity: rests without filling.
   *
   * @return the request
   */
  protected OrderRequest farBelowMarketBuy() {
    Instrument instrument = exchange.instrument(symbol());
    BigDecimal last = exchange.ticker(symbol()).last();
    BigDecimal price = instrument.roundPrice(last.multiply(new BigDecimal("0.5")), RoundingMode.DOWN);
    BigDecimal quantity = instrument.roundQuantity(instrument.minQuantity(), RoundingMode.UP);
    return OrderRequest.limit(symbol(), Side.BUY, quantity, price, CLIENT_IDS.incrementAndGet());
  }
}
