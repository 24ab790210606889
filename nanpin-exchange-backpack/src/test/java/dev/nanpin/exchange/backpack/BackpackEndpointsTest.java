package dev.nanpin.exchange.backpack;

import static dev.nanpin.exchange.backpack.FakeBackpackVenue.fixture;
import static dev.nanpin.exchange.backpack.FakeBackpackVenue.json;
import static dev.nanpin.exchange.backpack.FakeBackpackVenue.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.AccountState;
import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.MarkPrice;
import dev.nanpin.OpenInterest;
import dev.nanpin.Order;
import dev.nanpin.OrderBook;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.Ticker;
import dev.nanpin.TimeInForce;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every endpoint against the reference's bodies: the request (method, path, query, body, the four
 * auth headers, the signature checked with the public key) and the parsed answer.
 */
class BackpackEndpointsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String ORDER = "{\"clientId\":123456789,\"createdAt\":1753626206762,\"executedQuantity\":\"0\","
      + "\"executedQuoteQuantity\":\"0\",\"id\":\"4228978330\",\"orderType\":\"Limit\",\"postOnly\":true,"
      + "\"price\":\"3000\",\"quantity\":\"0.001\",\"reduceOnly\":null,\"relatedOrderId\":null,"
      + "\"selfTradePrevention\":\"RejectTaker\",\"side\":\"Bid\",\"status\":\"New\",\"symbol\":\"ETH_USDC\","
      + "\"timeInForce\":\"GTC\",\"triggerBy\":null,\"triggerPrice\":null,\"triggerQuantity\":null,\"triggeredAt\":null}";
  private static final String MARKET_FILLED = "{\"clientId\":null,\"createdAt\":1753624283415,\"executedQuantity\":\"0.001\","
      + "\"executedQuoteQuantity\":\"3.81428\",\"id\":\"4227701917\",\"orderType\":\"Market\",\"quantity\":\"0.001\","
      + "\"quoteQuantity\":\"3.82\",\"reduceOnly\":null,\"side\":\"Bid\",\"status\":\"Filled\",\"symbol\":\"ETH_USDC\","
      + "\"timeInForce\":\"GTC\"}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private BackpackExchange exchange;

  @BeforeEach
  void connect() throws InterruptedException {
    exchange = new BackpackExchange(new TestVenue().config(server).build());
    server.enqueue(text(200, Long.toString(FakeBackpackVenue.VENUE_TIME)));
    assertThat(exchange.serverTime()).isEqualTo(Instant.ofEpochMilli(FakeBackpackVenue.VENUE_TIME));
    RecordedRequest time = server.takeRequest();
    assertThat(time.getMethod()).isEqualTo("GET");
    assertThat(time.getUrl().encodedPath()).isEqualTo("/api/v1/time");
    assertThat(exchange.clockOffset()).isEqualTo(Duration.ofMillis(1234));
  }

  @AfterEach
  void close() {
    exchange.close();
  }

  private RecordedRequest publicRequest(String path) throws InterruptedException {
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo("GET");
    assertThat(r.getUrl().encodedPath()).isEqualTo(path);
    assertThat(r.getHeaders().get("X-API-Key")).isNull();
    assertThat(r.getHeaders().get("X-Signature")).isNull();
    return r;
  }

  /** Asserts the auth headers and verifies the signature over what was actually sent. */
  private RecordedRequest signedRequest(String method, String path, String instruction) throws InterruptedException {
    RecordedRequest r = server.takeRequest();
    assertThat(r.getMethod()).isEqualTo(method);
    assertThat(r.getUrl().encodedPath()).isEqualTo(path);
    assertThat(r.getHeaders().get("X-API-Key")).isEqualTo(BackpackSignerTest.PUB1);
    // the local clock is 1234 ms behind: the timestamp is the venue's time
    assertThat(r.getHeaders().get("X-Timestamp")).isEqualTo(Long.toString(FakeBackpackVenue.VENUE_TIME));
    assertThat(r.getHeaders().get("X-Window")).isEqualTo("5000");
    Object params;
    if (method.equals("GET")) {
      Map<String, Object> q = new LinkedHashMap<>();
      for (String n : r.getUrl().queryParameterNames()) {
        q.put(n, r.getUrl().queryParameter(n));
      }
      params = q;
    } else {
      params = BackpackSignerTest.params(body(r));
      assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
    }
    String text = BackpackSigner.fromSecret(BackpackSignerTest.SEED1)
        .signingString(instruction, params, FakeBackpackVenue.VENUE_TIME, 5000);
    assertThat(BackpackSigner.verify(BackpackSignerTest.PUB1, text, r.getHeaders().get("X-Signature")))
        .as("signature over %s", text).isTrue();
    return r;
  }

  private static JsonNode body(RecordedRequest r) {
    try {
      return MAPPER.readTree(r.getBody().utf8());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static JsonNode tree(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Map<String, String> query(HttpUrl url) {
    Map<String, String> q = new LinkedHashMap<>();
    for (String n : url.queryParameterNames()) {
      q.put(n, url.queryParameter(n));
    }
    return q;
  }

  @Test
  void marketsBecomeInstrumentsAndUnmodelledTypesAreSkipped() throws Exception {
    server.enqueue(json(200, fixture("markets.json")));
    List<Instrument> all = exchange.instruments();
    publicRequest("/api/v1/markets");
    assertThat(all).extracting(Instrument::symbol).containsExactly("BTC_USDC_PERP", "ETH_USDC", "SOL_USDC_PERP");
    Instrument sol = exchange.instrument("SOL_USDC_PERP");
    assertThat(sol.kind()).isEqualTo(InstrumentKind.PERP);
    assertThat(sol.tickSize()).isEqualByComparingTo("0.01");
    assertThat(sol.stepSize()).isEqualByComparingTo("0.01");
    assertThat(sol.minQuantity()).isEqualByComparingTo("0.01");
    assertThat(exchange.instrument("ETH_USDC").kind()).isEqualTo(InstrumentKind.SPOT);
  }

  @Test
  void tickerDepthAndStatus() throws Exception {
    server.enqueue(json(200, fixture("ticker.json")));
    Ticker t = exchange.ticker("ETH_USDC");
    assertThat(query(publicRequest("/api/v1/ticker").getUrl())).containsOnly(Map.entry("symbol", "ETH_USDC"));
    assertThat(t.last()).isEqualByComparingTo("3317.14");

    server.enqueue(json(200, fixture("depth.json")));
    OrderBook book = exchange.orderBook("ETH_USDC", 3);
    assertThat(query(publicRequest("/api/v1/depth").getUrl()))
        .containsOnly(Map.entry("symbol", "ETH_USDC"), Map.entry("limit", "5"));
    // unsorted venue levels come back best first; the zero-quantity level is gone
    assertThat(book.asks()).extracting(l -> l.price().toPlainString()).containsExactly("3317.2", "3318.3");
    assertThat(book.bids()).extracting(l -> l.price().toPlainString()).containsExactly("3312.9", "3310");
    assertThat(book.lastUpdateId()).isEqualTo(1504999670L);
    assertThat(book.time()).isEqualTo(Instant.parse("2025-07-21T12:54:07.307501Z"));

    server.enqueue(json(200, "[" + fixture("ticker.json") + ",{\"symbol\":\"NEW_USDC\",\"lastPrice\":null}]"));
    assertThat(exchange.tickers()).extracting(Ticker::symbol).containsExactly("ETH_USDC"); // no price yet: left out
    publicRequest("/api/v1/tickers");

    server.enqueue(json(200, "{\"status\":\"Ok\",\"message\":null}"));
    assertThat(exchange.status()).isEqualTo("Ok");
    publicRequest("/api/v1/status");
  }

  @Test
  void klinesAskInSecondsAndSkipEmptyCandles() throws Exception {
    server.enqueue(json(200, fixture("klines.json")));
    Instant from = Instant.parse("2025-07-19T13:09:00Z");
    List<Bar> bars = exchange.bars("BTC_USDC", Duration.ofMinutes(3), from, from.plus(Duration.ofMinutes(6)));
    RecordedRequest r = publicRequest("/api/v1/klines");
    assertThat(query(r.getUrl())).containsEntry("symbol", "BTC_USDC").containsEntry("interval", "3m")
        .containsEntry("startTime", Long.toString(from.getEpochSecond()))
        .containsEntry("endTime", Long.toString(from.getEpochSecond() + 360));
    assertThat(bars).hasSize(1);
    assertThat(bars.get(0).time()).isEqualTo(from);
    assertThat(bars.get(0).open()).isEqualByComparingTo("118238");
    assertThat(bars.get(0).volume()).isEqualByComparingTo("0.03473");
  }

  @Test
  void longKlineRangesArePagedUnderTheHistoryLimit() throws Exception {
    server.setDispatcher(new FakeBackpackVenue(BackpackSignerTest.PUB1));
    Instant from = Instant.parse("2025-01-01T00:00:00Z");
    List<Bar> bars = exchange.bars("SOL_USDC_PERP", Duration.ofHours(1), from, from.plus(Duration.ofHours(2500)));
    assertThat(bars).hasSize(2500);
    for (int i = 1; i < bars.size(); i++) {
      assertThat(bars.get(i).time()).isEqualTo(bars.get(i - 1).time().plus(Duration.ofHours(1)));
    }
    assertThat(server.getRequestCount()).isEqualTo(1 + 3); // the time sync, then three pages
  }

  @Test
  void markPricesFundingAndOpenInterest() throws Exception {
    server.enqueue(json(200, fixture("markPrices.json")));
    MarkPrice mp = exchange.markPrices("BTC_USDC_PERP").get(0);
    assertThat(query(publicRequest("/api/v1/markPrices").getUrl())).containsOnly(Map.entry("symbol", "BTC_USDC_PERP"));
    assertThat(mp.markPrice()).isEqualByComparingTo("118343.51853741");
    assertThat(mp.fundingRate()).isEqualByComparingTo("0.0001");
    assertThat(mp.nextFundingTime()).isEqualTo(Instant.ofEpochMilli(1753113600000L));

    server.enqueue(json(200, fixture("fundingRates.json")));
    List<FundingRate> rates = exchange.fundingRates("BTC_USDC_PERP", 100);
    assertThat(query(publicRequest("/api/v1/fundingRates").getUrl()))
        .containsOnly(Map.entry("symbol", "BTC_USDC_PERP"), Map.entry("limit", "100"));
    assertThat(rates).hasSize(2);
    assertThat(rates.get(0).intervalEnd()).isEqualTo(Instant.parse("2025-07-22T00:00:00Z"));
    assertThat(rates.get(1).rate()).isEqualByComparingTo("-0.0000125");

    server.enqueue(json(200, fixture("openInterest.json")));
    OpenInterest oi = exchange.openInterest("BTC_USDC_PERP");
    publicRequest("/api/v1/openInterest");
    assertThat(oi.openInterest()).isEqualByComparingTo("1273.85214");
  }

  @Test
  void accountSettingsLeverageAndMaxQuantity() throws Exception {
    server.enqueue(json(200, fixture("account.json")));
    AccountSettings s = exchange.accountSettings();
    signedRequest("GET", "/api/v1/account", "accountQuery");
    assertThat(s.leverageLimit()).isEqualByComparingTo("10");
    assertThat(s.futuresTakerFeeBps()).isEqualByComparingTo("5");

    server.enqueue(new MockResponse.Builder().code(200).build());
    exchange.setLeverageLimit(new BigDecimal("5.0"));
    RecordedRequest patch = signedRequest("PATCH", "/api/v1/account", "accountUpdate");
    assertThat(body(patch)).isEqualTo(tree("{\"leverageLimit\":\"5\"}"));

    server.enqueue(json(200, "{\"maxOrderQuantity\":\"12.34\"}"));
    BigDecimal max = exchange.maxOrderQuantity("SOL_USDC_PERP", Side.BUY, new BigDecimal("140.5"), true);
    RecordedRequest r = signedRequest("GET", "/api/v1/account/limits/order", "maxOrderQuantity");
    assertThat(query(r.getUrl())).containsOnly(Map.entry("symbol", "SOL_USDC_PERP"), Map.entry("side", "Bid"),
        Map.entry("price", "140.5"), Map.entry("reduceOnly", "true"));
    assertThat(max).isEqualByComparingTo("12.34");
  }

  @Test
  void balancesCollateralAndPositions() throws Exception {
    server.enqueue(json(200, fixture("capital.json")));
    List<Balance> balances = exchange.balances();
    signedRequest("GET", "/api/v1/capital", "balanceQuery");
    assertThat(balances).extracting(Balance::asset).containsExactly("USDC", "SOL", "POINTS");
    assertThat(balances.get(0).locked()).isEqualByComparingTo("5.5");
    assertThat(balances.get(1).locked()).isEqualByComparingTo("0.75"); // staked counts as locked

    server.enqueue(json(200, fixture("collateral.json")));
    AccountState a = exchange.account();
    signedRequest("GET", "/api/v1/capital/collateral", "collateralQuery");
    assertThat(a.freeMargin()).isEqualByComparingTo("1390.31"); // netEquityAvailable
    assertThat(a.equity()).isEqualByComparingTo("1527.083086");
    assertThat(a.collateral()).isEqualByComparingTo("1527.225");
    assertThat(a.marginInUse()).isEqualByComparingTo("136.773086");

    server.enqueue(json(200, fixture("positions.json")));
    Position p = exchange.positions().get(0);
    signedRequest("GET", "/api/v1/position", "positionQuery");
    assertThat(p.symbol()).isEqualTo("ETH_USDC_PERP");
    assertThat(p.quantity()).isEqualByComparingTo("0.0036");
    assertThat(p.entryPrice()).isEqualByComparingTo("3826.8888888888888888888888889");
    assertThat(p.liquidationPrice()).isNull(); // the venue now always sends 0

    server.enqueue(json(404, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Position not found\"}"));
    assertThat(exchange.positions()).isEmpty();
  }

  @Test
  void marketOrderByQuoteQuantitySendsDecimalsAsStringsAndTheClientId() throws Exception {
    server.enqueue(json(200, fixture("markets.json")));
    server.enqueue(json(200, MARKET_FILLED));
    Order o = exchange.placeOrder(OrderRequest.marketQuote("ETH_USDC", Side.BUY, new BigDecimal("5.00"), 55_555));
    publicRequest("/api/v1/markets"); // the order is checked against the market before it is sent
    RecordedRequest r = signedRequest("POST", "/api/v1/order", "orderExecute");
    assertThat(body(r)).isEqualTo(tree(
        "{\"symbol\":\"ETH_USDC\",\"side\":\"Bid\",\"orderType\":\"Market\",\"quoteQuantity\":\"5\",\"clientId\":55555}"));
    assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(o.filledQuantity()).isEqualByComparingTo("0.001");
    assertThat(o.clientId()).isEqualTo(-1);
  }

  @Test
  void limitPostOnlyReduceOnlyIocOrder() throws Exception {
    server.enqueue(json(200, fixture("markets.json")));
    // the venue's answer names the order's own clientId; one naming another is no answer
    server.enqueue(json(200, ORDER.replace("123456789", "9")));
    OrderRequest req = OrderRequest.limit("SOL_USDC_PERP", Side.SELL, new BigDecimal("0.10"), new BigDecimal("3000.50"), 9)
        .asPostOnly().asReduceOnly().withTimeInForce(TimeInForce.IOC);
    Order o = exchange.placeOrder(req);
    publicRequest("/api/v1/markets");
    RecordedRequest r = signedRequest("POST", "/api/v1/order", "orderExecute");
    assertThat(body(r)).isEqualTo(tree("{\"symbol\":\"SOL_USDC_PERP\",\"side\":\"Ask\",\"orderType\":\"Limit\","
        + "\"quantity\":\"0.1\",\"price\":\"3000.5\",\"timeInForce\":\"IOC\",\"postOnly\":true,"
        + "\"reduceOnly\":true,\"clientId\":9}"));
    assertThat(o.type()).isEqualTo(OrderType.LIMIT);
    assertThat(o.limitPrice()).isEqualByComparingTo("3000");
    assertThat(o.clientId()).isEqualTo(9L);
  }

  @Test
  void batchOrdersSignEveryElementAndReportEachOutcome() throws Exception {
    server.enqueue(json(200, fixture("markets.json")));
    server.enqueue(json(200, "[{\"operation\":\"Ok\"," + ORDER.substring(1) + ","
        + "{\"operation\":\"Err\",\"code\":\"INSUFFICIENT_FUNDS\",\"message\":\"Insufficient funds\"}]"));
    List<BatchOrderResult> results = exchange.placeOrders(List.of(
        OrderRequest.limit("ETH_USDC", Side.BUY, new BigDecimal("0.001"), new BigDecimal("3000"), 1),
        OrderRequest.limit("ETH_USDC", Side.BUY, new BigDecimal("0.001"), new BigDecimal("2900"), 2)));
    publicRequest("/api/v1/markets");
    RecordedRequest r = signedRequest("POST", "/api/v1/orders", "orderExecute");
    assertThat(body(r).isArray()).isTrue();
    assertThat(body(r)).hasSize(2);
    assertThat(results.get(0).accepted()).isTrue();
    assertThat(results.get(1).error()).isInstanceOf(dev.nanpin.InsufficientFundsException.class);
  }

  @Test
  void ordersOffTheMarketGridAreRefusedLocallyAndNeverSent() throws Exception {
    server.enqueue(json(200, fixture("markets.json")));
    assertThatThrownBy(() -> exchange.placeOrder(
        OrderRequest.limit("SOL_USDC_PERP", Side.BUY, new BigDecimal("0.10"), new BigDecimal("75.005"), 3)))
        .isInstanceOfSatisfying(dev.nanpin.OrderRejectedException.class, e -> {
          assertThat(e.venue()).isEqualTo("nanpin");
          assertThat(e.venueCode()).isEqualTo("TICK_SIZE");
        });
    assertThatThrownBy(() -> exchange.placeOrder(
        OrderRequest.market("SOL_USDC_PERP", Side.BUY, new BigDecimal("0.005"), 4)))
        .isInstanceOf(dev.nanpin.OrderRejectedException.class).hasMessageContaining("at least 0.01");
    assertThatThrownBy(() -> exchange.placeOrder(
        OrderRequest.market("ETH_USDC", Side.SELL, new BigDecimal("0.01"), 5).asReduceOnly()))
        .isInstanceOf(dev.nanpin.OrderRejectedException.class).hasMessageContaining("spot");
    publicRequest("/api/v1/markets");
    assertThat(server.getRequestCount()).isEqualTo(2); // the time sync and the markets, no order
  }

  @Test
  void orderQueriesOpenOrdersHistoryAndCancels() throws Exception {
    server.enqueue(json(200, ORDER));
    assertThat(exchange.orderByClientId("ETH_USDC", 123456789L)).map(Order::orderId).contains("4228978330");
    assertThat(query(signedRequest("GET", "/api/v1/order", "orderQuery").getUrl()))
        .containsEntry("symbol", "ETH_USDC").containsEntry("clientId", "123456789").doesNotContainKey("orderId");

    server.enqueue(json(200, "[" + ORDER + "]"));
    assertThat(exchange.openOrders("ETH_USDC")).hasSize(1);
    assertThat(query(signedRequest("GET", "/api/v1/orders", "orderQueryAll").getUrl()))
        .containsOnly(Map.entry("symbol", "ETH_USDC"));

    server.enqueue(json(200, "[" + MARKET_FILLED + "]"));
    assertThat(exchange.orderHistory("ETH_USDC", 50)).hasSize(1);
    assertThat(query(signedRequest("GET", "/wapi/v1/history/orders", "orderHistoryQueryAll").getUrl()))
        .containsEntry("limit", "50").containsEntry("offset", "0").containsEntry("sortDirection", "Desc");

    server.enqueue(json(200, ORDER.replace("\"New\"", "\"Cancelled\"")));
    Order cancelled = exchange.cancelOrder("ETH_USDC", "4228978330");
    RecordedRequest del = signedRequest("DELETE", "/api/v1/order", "orderCancel");
    assertThat(body(del)).isEqualTo(tree("{\"symbol\":\"ETH_USDC\",\"orderId\":\"4228978330\"}"));
    assertThat(cancelled.status()).isEqualTo(OrderStatus.CANCELLED);

    // 202: accepted, not yet executed; the connector reports what the venue shows next
    server.enqueue(new MockResponse.Builder().code(202).build());
    server.enqueue(json(404, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Not Found\"}"));
    server.enqueue(json(200, "[" + ORDER.replace("\"New\"", "\"Cancelled\"") + "]"));
    assertThat(exchange.cancelOrderByClientId("ETH_USDC", 123456789L).status()).isEqualTo(OrderStatus.CANCELLED);
    assertThat(body(signedRequest("DELETE", "/api/v1/order", "orderCancel"))).isEqualTo(tree("{\"symbol\":\"ETH_USDC\",\"clientId\":123456789}"));
    signedRequest("GET", "/api/v1/order", "orderQuery");
    signedRequest("GET", "/wapi/v1/history/orders", "orderHistoryQueryAll");

    server.enqueue(json(200, "[" + ORDER.replace("\"New\"", "\"Cancelled\"") + "]"));
    assertThat(exchange.cancelAllOrders("ETH_USDC")).hasSize(1);
    assertThat(body(signedRequest("DELETE", "/api/v1/orders", "orderCancelAll"))).isEqualTo(tree("{\"symbol\":\"ETH_USDC\"}"));
  }

  @Test
  void fillsAndFundingPayments() throws Exception {
    server.enqueue(json(200, fixture("fills.json")));
    Instant since = Instant.parse("2025-08-11T00:00:00Z");
    List<Fill> fills = exchange.fills("ETH_USDC", since);
    assertThat(query(signedRequest("GET", "/wapi/v1/history/fills", "fillHistoryQueryAll").getUrl()))
        .containsEntry("from", Long.toString(since.toEpochMilli())).containsEntry("sortDirection", "Asc")
        .containsEntry("limit", "1000").containsEntry("symbol", "ETH_USDC");
    assertThat(fills).extracting(Fill::fillId).containsExactly("2888471", "2888480");
    assertThat(fills.get(0).clientId()).isEqualTo(55555); // a string in this endpoint
    assertThat(fills.get(0).time()).isEqualTo(Instant.parse("2025-08-11T19:05:10.175Z"));
    assertThat(fills.get(1).maker()).isTrue();

    server.enqueue(json(200, fixture("fundingPayments.json")));
    List<FundingPayment> pays = exchange.fundingPayments("ETH_USDC_PERP", 10);
    signedRequest("GET", "/wapi/v1/history/funding", "fundingHistoryQueryAll");
    assertThat(pays.get(0).quantity()).isEqualByComparingTo("-0.0012");
  }

  @Test
  void klinePagesWaitForTheHistoricalDataLimit() {
    TestVenue slow = new TestVenue();
    server.setDispatcher(new FakeBackpackVenue(BackpackSignerTest.PUB1));
    try (BackpackExchange ex = new BackpackExchange(slow.config(server).historyLimitPerMinute(2)
        .rateLimitFraction(1.0).build())) {
      Instant from = Instant.parse("2025-01-01T00:00:00Z");
      assertThat(ex.bars("SOL_USDC_PERP", Duration.ofHours(1), from, from.plus(Duration.ofHours(2500)))).hasSize(2500);
      // two pages fit in the minute; the third waits for the window, on the injected sleeper
      assertThat(slow.sleeps).containsExactly(Duration.ofMinutes(1));
    }
  }

  @Test
  void aPageCappedByTheVenueIsContinuedAfterItsLastCandle() throws Exception {
    String kline = "{\"start\":\"%s\",\"open\":\"1\",\"high\":\"1\",\"low\":\"1\",\"close\":\"1\",\"volume\":\"1\"}";
    server.enqueue(json(200, "[" + kline.formatted("2025-01-01 00:00:00") + "," + kline.formatted("2025-01-01 01:00:00") + "]"));
    server.enqueue(json(200, "[" + kline.formatted("2025-01-01 02:00:00") + "]"));
    Instant from = Instant.parse("2025-01-01T00:00:00Z");
    List<Bar> bars = exchange.bars("SOL_USDC", Duration.ofHours(1), from, from.plus(Duration.ofHours(3)));
    assertThat(bars).extracting(Bar::time).containsExactly(from, from.plusSeconds(3600), from.plusSeconds(7200));
    publicRequest("/api/v1/klines");
    assertThat(publicRequest("/api/v1/klines").getUrl().queryParameter("startTime"))
        .isEqualTo(Long.toString(from.getEpochSecond() + 7200));
  }
}
