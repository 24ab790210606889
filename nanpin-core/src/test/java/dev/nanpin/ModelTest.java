package dev.nanpin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelTest {
  private static final Instant T = Instant.parse("2025-01-01T00:00:00Z");

  private static BigDecimal d(String s) {
    return new BigDecimal(s);
  }

  private static Instrument btc() {
    return new Instrument("BTC_USDC_PERP", "BTC", "USDC", InstrumentKind.PERP, d("0.1"), d("0.0001"), d("0.0001"));
  }

  @Test
  void instrumentRejectsZeroOrNegativeIncrements() {
    assertThatThrownBy(() -> new Instrument("X_Y", "X", "Y", InstrumentKind.SPOT, BigDecimal.ZERO, d("1"), d("1")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tickSize must be > 0: 0");
    assertThatThrownBy(() -> new Instrument("X_Y", "X", "Y", InstrumentKind.SPOT, d("0.1"), d("-1"), d("1")))
        .hasMessageContaining("stepSize must be > 0: -1");
    assertThatThrownBy(() -> new Instrument(" ", "X", "Y", InstrumentKind.SPOT, d("0.1"), d("1"), d("1")))
        .hasMessageContaining("symbol must not be blank");
  }

  @Test
  void instrumentEqualityIgnoresDecimalScale() {
    Instrument a = new Instrument("X_Y", "X", "Y", InstrumentKind.SPOT, d("0.10"), d("1.000"), d("1"));
    Instrument b = new Instrument("X_Y", "X", "Y", InstrumentKind.SPOT, d("0.1"), d("1"), d("1.0"));
    assertThat(a).isEqualTo(b);
  }

  @Test
  void pricesRoundToTheTickInTheStatedDirection() {
    Instrument i = btc();
    assertThat(i.roundPrice(d("100000.17"), RoundingMode.DOWN)).isEqualByComparingTo("100000.1");
    assertThat(i.roundPrice(d("100000.11"), RoundingMode.UP)).isEqualByComparingTo("100000.2");
    assertThat(i.roundPrice(d("100000.15"), RoundingMode.HALF_EVEN)).isEqualByComparingTo("100000.2");
    assertThat(i.roundPrice(d("100000.1"), RoundingMode.UNNECESSARY)).isEqualByComparingTo("100000.1");
    assertThat(i.roundQuantity(d("0.00019"), RoundingMode.DOWN)).isEqualByComparingTo("0.0001");
    assertThat(i.roundQuantity(d("0.00001"), RoundingMode.DOWN)).isEqualByComparingTo("0");
  }

  @Test
  void badRoundingIsAClearError() {
    Instrument i = btc();
    assertThatThrownBy(() -> i.roundPrice(d("100000.15"), RoundingMode.UNNECESSARY))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("price 100000.15 is not a multiple of 0.1");
    assertThatThrownBy(() -> i.roundPrice(d("0.04"), RoundingMode.DOWN))
        .hasMessageContaining("rounds to zero");
    assertThatThrownBy(() -> i.roundPrice(d("-5"), RoundingMode.DOWN)).hasMessageContaining("price must be > 0: -5");
    assertThatThrownBy(() -> i.roundQuantity(d("-1"), RoundingMode.DOWN)).hasMessageContaining("quantity must be >= 0");
    assertThatThrownBy(() -> i.roundPrice(d("1"), null)).hasMessageContaining("mode");
  }

  @Test
  void tradableQuantities() {
    Instrument i = btc();
    assertThat(i.isTradable(d("0.0001"))).isTrue();
    assertThat(i.isTradable(d("0.00015"))).isFalse();
    assertThat(i.isTradable(d("0"))).isFalse();
  }

  @Test
  void barsValidateOhlc() {
    assertThat(Bar.of(T, 10, 12, 9, 11, 5).close()).isEqualByComparingTo("11");
    assertThatThrownBy(() -> Bar.of(T, 10, 10.5, 9, 11, 5)).hasMessageContaining("high 10.5 is below max");
    assertThatThrownBy(() -> Bar.of(T, 10, 12, 10.5, 11, 5)).hasMessageContaining("low 10.5 is above min");
    assertThatThrownBy(() -> Bar.of(T, -10, 12, 9, 11, 5)).hasMessageContaining("open must be > 0: -10");
    assertThatThrownBy(() -> Bar.of(T, 10, 12, 9, 11, -1)).hasMessageContaining("volume must be >= 0");
    assertThatThrownBy(() -> new Bar(null, d("1"), d("1"), d("1"), d("1"), d("1"))).hasMessageContaining("time");
  }

  @Test
  void tickersAndBooksAreNotCrossed() {
    assertThatThrownBy(() -> new Ticker("X", d("10"), d("10.2"), d("10.1"), T)).hasMessageContaining("crossed");
    assertThatThrownBy(() -> new Ticker("X", d("0"), null, null, T)).hasMessageContaining("last must be > 0");
    OrderBook.Level b1 = new OrderBook.Level(d("10"), d("1"));
    OrderBook.Level b2 = new OrderBook.Level(d("9"), d("1"));
    OrderBook.Level a1 = new OrderBook.Level(d("11"), d("1"));
    assertThat(new OrderBook("X", List.of(b1, b2), List.of(a1), 1, T).bids()).hasSize(2);
    assertThatThrownBy(() -> new OrderBook("X", List.of(b2, b1), List.of(a1), 1, T)).hasMessageContaining("decrease");
    assertThatThrownBy(() -> new OrderBook("X", List.of(a1), List.of(b1), 1, T)).hasMessageContaining("crossed");
  }

  @Test
  void orderRequestsValidateTheirShape() {
    assertThat(OrderRequest.marketQuote("X_Y", Side.BUY, d("100"), 1).quoteQuantity()).isEqualByComparingTo("100");
    assertThatThrownBy(() -> new OrderRequest("X_Y", Side.BUY, OrderType.MARKET, d("1"), d("100"), null,
        TimeInForce.GTC, false, false, 1)).hasMessageContaining("exactly one of quantity and quoteQuantity");
    assertThatThrownBy(() -> OrderRequest.limit("X_Y", Side.BUY, d("1"), null, 1)).hasMessageContaining("limitPrice");
    assertThatThrownBy(() -> OrderRequest.limit("X_Y", Side.BUY, d("1"), d("-3"), 1))
        .hasMessageContaining("limitPrice must be > 0: -3");
    assertThatThrownBy(() -> OrderRequest.market("X_Y", Side.BUY, d("1"), 1).asPostOnly())
        .hasMessageContaining("postOnly");
    assertThatThrownBy(() -> OrderRequest.market("X_Y", Side.BUY, d("1"), -1)).hasMessageContaining("clientId");
    assertThatThrownBy(() -> OrderRequest.market("X_Y", Side.BUY, d("1"), 1L << 32)).hasMessageContaining("clientId");
    assertThat(OrderRequest.market("X_Y", Side.BUY, d("1"), OrderRequest.MAX_CLIENT_ID).clientId())
        .isEqualTo(4294967295L);
  }

  @Test
  void orderRequestsAreCheckedAgainstTheGrid() {
    Instrument i = btc();
    OrderRequest.limit(i.symbol(), Side.BUY, d("0.0002"), d("99999.9"), 1).checkAgainst(i);
    assertThatThrownBy(() -> OrderRequest.limit(i.symbol(), Side.BUY, d("0.0002"), d("99999.95"), 1).checkAgainst(i))
        .isInstanceOfSatisfying(OrderRejectedException.class, e -> assertThat(e.venueCode()).isEqualTo("TICK_SIZE"));
    assertThatThrownBy(() -> OrderRequest.limit(i.symbol(), Side.BUY, d("0.00025"), d("99999.9"), 1).checkAgainst(i))
        .isInstanceOfSatisfying(OrderRejectedException.class, e -> assertThat(e.venueCode()).isEqualTo("QUANTITY"));
  }

  @Test
  void intentsValidate() {
    assertThat(OrderIntent.buyQuote(100).sizing()).isEqualTo(Sizing.QUOTE);
    assertThat(OrderIntent.closePosition(Side.SELL).reduceOnly()).isTrue();
    assertThatThrownBy(() -> OrderIntent.buyQuote(0)).hasMessageContaining("amount must be > 0");
    assertThatThrownBy(() -> OrderIntent.buyQuote(Double.NaN)).hasMessageContaining("amount");
    assertThatThrownBy(() -> OrderIntent.limit(Side.BUY, -1, Sizing.QUOTE, 10)).hasMessageContaining("limit price");
    assertThatThrownBy(() -> OrderIntent.market(Side.SELL, Sizing.POSITION_FRACTION, 1.5)).hasMessageContaining("<= 1");
    assertThatThrownBy(() -> OrderIntent.buyQuote(10).asPostOnly()).hasMessageContaining("postOnly");
  }

  @Test
  void fillsPositionsAndAccounts() {
    Fill f = new Fill("t1", "o1", 7, "X_Y", Side.BUY, d("10.50"), d("2"), d("0.021"), "Y", false, T);
    assertThat(f.notional()).isEqualByComparingTo("21");
    assertThatThrownBy(() -> new Fill("t1", "o1", 7, "X_Y", Side.BUY, d("10"), d("0"), d("0"), "Y", false, T))
        .hasMessageContaining("quantity must be > 0");
    assertThatThrownBy(() -> new Fill("t1", "o1", 7, "X_Y", Side.BUY, d("10"), d("1"), d("-0.1"), "Y", false, T))
        .hasMessageContaining("fee must be >= 0");
    assertThat(new Position("X_Y", d("0.000"), d("0"), d("10"), d("0"), null, T).isFlat()).isTrue();
    assertThatThrownBy(() -> new AccountState(d("5"), d("5"), d("-1"), d("0"), T)).hasMessageContaining("freeMargin");
    assertThat(new Balance("USDC", d("1.5"), d("0.5")).total()).isEqualByComparingTo("2");
    Order o = new Order("o1", 7, "X_Y", Side.BUY, OrderType.LIMIT, OrderStatus.PARTIALLY_FILLED, d("2"), d("0.5"),
        d("10"), false, T);
    assertThat(o.remainingQuantity()).isEqualByComparingTo("1.5");
    assertThatThrownBy(() -> new Order("o1", 7, "X_Y", Side.BUY, OrderType.LIMIT, OrderStatus.NEW, d("2"), d("3"),
        d("10"), false, T)).hasMessageContaining("exceeds");
  }

  @Test
  void signalsValidate() {
    assertThatThrownBy(() -> new Sentiment(Sentiment.FEAR_GREED, 101, T)).hasMessageContaining("[0, 100]");
    assertThatThrownBy(() -> new MacroRegime(1, "risk-on", 0, T)).hasMessageContaining("sizeMultiplier");
    assertThatThrownBy(() -> new LiquidationCluster(10, 9, 1e6, Side.BUY)).hasMessageContaining("priceHigh");
    assertThat(new LiquidationCluster(9, 11, 1e6, Side.BUY).midPrice()).isEqualTo(10);
  }

  @Test
  void dataQueriesAndResultsValidate() {
    assertThatThrownBy(() -> new DataQuery.History("bitcoin", "usd", T, T, java.time.Duration.ofDays(1)))
        .hasMessageContaining("before");
    DataResult<String> r = DataResult.fresh("x", "src", T);
    assertThat(r.asStale("HTTP 503").stale()).isTrue();
    assertThat(r.age(T.plusSeconds(5))).hasSeconds(5);
    assertThatThrownBy(() -> new DataResult<>("x", "src", T, true, null)).hasMessageContaining("stale");
    assertThat(new Observation(java.time.LocalDate.of(2025, 1, 1), null).isMissing()).isTrue();
  }
}
