package dev.nanpin.exchange.backpack;

import static dev.nanpin.exchange.backpack.FakeBackpackVenue.json;
import static dev.nanpin.exchange.backpack.FakeBackpackVenue.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.AuthenticationException;
import dev.nanpin.InsufficientFundsException;
import dev.nanpin.NotFoundException;
import dev.nanpin.Order;
import dev.nanpin.OrderRejectedException;
import dev.nanpin.OrderRequest;
import dev.nanpin.RateLimitedException;
import dev.nanpin.Side;
import dev.nanpin.VenueUnavailableException;
import java.math.BigDecimal;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Orders are never sent twice; venue errors become typed exceptions. */
class BackpackOrderSafetyTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeBackpackVenue venue = new FakeBackpackVenue(BackpackSignerTest.PUB1);
  private final TestVenue test = new TestVenue();
  private BackpackExchange exchange;

  private BackpackExchange exchange() {
    server.setDispatcher(venue);
    exchange = new BackpackExchange(test.config(server).build());
    return exchange;
  }

  @AfterEach
  void close() {
    if (exchange != null) {
      exchange.close();
    }
    assertThat(venue.signatureFailures).isEmpty();
  }

  private static OrderRequest buy(long clientId) {
    return OrderRequest.limit("SOL_USDC_PERP", Side.BUY, new BigDecimal("0.10"), new BigDecimal("75.00"), clientId);
  }

  @Test
  void orderAcceptedButAnswerTimesOutIsResolvedByClientIdAndExistsOnce() {
    BackpackExchange ex = exchange();
    venue.stallNextOrderMillis = 3_000; // longer than the client's 400 ms read timeout
    OrderRequest req = buy(ex.nextClientId());
    Order placed = ex.placeOrder(req);
    assertThat(placed.clientId()).isEqualTo(req.clientId());
    assertThat(venue.orderPosts.get()).isEqualTo(1); // never resent
    assertThat(venue.orderCount()).isEqualTo(1);
    assertThat(ex.openOrders("SOL_USDC_PERP")).hasSize(1);
  }

  @Test
  void filledMarketOrderWhoseAnswerWasLostIsFoundInHistory() {
    BackpackExchange ex = exchange();
    venue.stallNextOrderMillis = 3_000;
    OrderRequest req = OrderRequest.marketQuote("SOL_USDC_PERP", Side.BUY, new BigDecimal("30"), 99);
    Order placed = ex.placeOrder(req);
    assertThat(placed.status()).isEqualTo(dev.nanpin.OrderStatus.FILLED);
    assertThat(placed.clientId()).isEqualTo(99);
    assertThat(venue.orderPosts.get()).isEqualTo(1);
  }

  @Test
  void duplicateClientIdResolvesToTheExistingOrder() {
    BackpackExchange ex = exchange();
    Order first = ex.placeOrder(buy(4242));
    Order again = ex.placeOrder(buy(4242));
    assertThat(again.orderId()).isEqualTo(first.orderId());
    assertThat(venue.orderCount()).isEqualTo(1);
  }

  @Test
  void venueErrorCodesMapToTypedExceptions() {
    server.enqueue(json(200, FakeBackpackVenue.fixture("markets.json")));
    server.enqueue(text(200, Long.toString(FakeBackpackVenue.VENUE_TIME)));
    exchange = new BackpackExchange(test.config(server).build());
    server.enqueue(json(400, "{\"code\":\"INSUFFICIENT_FUNDS\",\"message\":\"Insufficient funds\"}"));
    assertThatThrownBy(() -> exchange.placeOrder(buy(1))).isInstanceOf(InsufficientFundsException.class);
    server.enqueue(json(400, "{\"code\":\"INVALID_CLIENT_REQUEST\",\"message\":\"Market orders must specify a `quantity` or `quoteQuantity`\"}"));
    assertThatThrownBy(() -> exchange.placeOrder(buy(2)))
        .isInstanceOfSatisfying(OrderRejectedException.class, e -> assertThat(e.venueCode()).isEqualTo("INVALID_CLIENT_REQUEST"));
    server.enqueue(text(400, "Bad Request parse request payload error: failed to parse \"MarketSymbol\""));
    assertThatThrownBy(() -> exchange.placeOrder(buy(3))).isInstanceOf(OrderRejectedException.class)
        .hasMessageContaining("MarketSymbol");
    server.enqueue(json(400, "{\"code\":\"INVALID_CLIENT_REQUEST\",\"message\":\"Invalid signature\"}"));
    assertThatThrownBy(() -> exchange.balances()).isInstanceOf(AuthenticationException.class);
    server.enqueue(json(404, "{\"code\":\"RESOURCE_NOT_FOUND\",\"message\":\"Order not found\"}"));
    assertThatThrownBy(() -> exchange.cancelOrder("SOL_USDC_PERP", "1")).isInstanceOf(NotFoundException.class);
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30").build());
    assertThatThrownBy(() -> exchange.placeOrder(buy(4))).isInstanceOf(RateLimitedException.class)
        .extracting(e -> ((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(30));
    // the limiter now cools down for the 30 s: a call within it fails at once instead of blocking
    assertThatThrownBy(() -> exchange.balances()).isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("local rate limit");
    test.nanos.addAndGet(Duration.ofSeconds(30).toNanos());
    server.enqueue(json(503, "{\"code\":\"MAINTENANCE\",\"message\":\"Maintenance\"}"));
    server.enqueue(json(503, "{\"code\":\"MAINTENANCE\",\"message\":\"Maintenance\"}"));
    server.enqueue(json(503, "{\"code\":\"MAINTENANCE\",\"message\":\"Maintenance\"}"));
    assertThatThrownBy(() -> exchange.balances()).isInstanceOf(VenueUnavailableException.class);
    server.enqueue(new MockResponse.Builder().code(200).body("<html>cf challenge</html>").build());
    server.enqueue(new MockResponse.Builder().code(200).body("<html>cf challenge</html>").build());
    server.enqueue(new MockResponse.Builder().code(200).body("<html>cf challenge</html>").build());
    assertThatThrownBy(() -> exchange.ticker("SOL_USDC_PERP")).isInstanceOf(VenueUnavailableException.class)
        .hasMessageContaining("unreadable");
  }

  @Test
  void expiredReadIsResyncedAndRetriedOnceButAnOrderIsNot() {
    BackpackExchange ex = exchange();
    venue.expireNextSigned = true;
    assertThat(ex.balances()).isNotEmpty();
    long timeSyncs = venue.requests.stream().filter(r -> r.equals("GET /api/v1/time")).count();
    assertThat(timeSyncs).isEqualTo(2);

    venue.expireNextSigned = true;
    assertThatThrownBy(() -> ex.placeOrder(buy(77))).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("Request has expired");
    assertThat(venue.orderPosts.get()).isZero();
  }

  @Test
  void publicDataWorksWithoutKeysAndPrivateCallsSayWhatIsMissing() {
    server.setDispatcher(venue);
    exchange = new BackpackExchange(BackpackConfig.builder().baseUrl(server.url("/").toString())
        .clock(TestVenue.LOCAL_CLOCK).build());
    assertThat(exchange.ticker("SOL_USDC_PERP").last()).isEqualByComparingTo("150");
    assertThatThrownBy(() -> exchange.balances()).isInstanceOf(AuthenticationException.class)
        .hasMessageContaining("BACKPACK_API_SECRET");
  }
}
