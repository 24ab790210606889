package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.Bar;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderStatus;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Subscription;
import dev.nanpin.Ticker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The WebSocket through MockWebServer's upgrade: subscriptions, signatures, reconnects, silence, slow listeners. */
class BackpackWebSocketTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TICKER = "{\"stream\":\"ticker.SOL_USDC\",\"data\":{\"E\":\"1754176123312507\","
      + "\"V\":\"19419526.742584\",\"c\":\"%s\",\"e\":\"ticker\",\"h\":\"3536.65\",\"l\":\"3371.8\",\"n\":17152,"
      + "\"o\":\"3475.45\",\"s\":\"SOL_USDC\",\"v\":\"5573.5827\"}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeBackpackVenue restVenue = new FakeBackpackVenue(BackpackSignerTest.PUB1);
  private final FakeWsVenue venue = new FakeWsVenue(restVenue);
  private final TestVenue test = new TestVenue();
  private BackpackExchange exchange;

  private BackpackExchange exchange(BackpackConfig.Builder b) {
    server.setDispatcher(venue);
    exchange = new BackpackExchange(b.build());
    return exchange;
  }

  private BackpackConfig.Builder realTime() {
    return test.config(server).nanoTime(System::nanoTime).wsBackoff(Duration.ofMillis(10), Duration.ofMillis(50));
  }

  @AfterEach
  void close() {
    if (exchange != null) {
      exchange.close();
    }
    assertThat(restVenue.signatureFailures).isEmpty();
  }

  private FakeWsVenue.Received next() throws InterruptedException {
    FakeWsVenue.Received r = venue.received.poll(15, TimeUnit.SECONDS);
    assertThat(r).as("a message from the client").isNotNull();
    return r;
  }

  private FakeWsVenue.Socket socket() throws InterruptedException {
    FakeWsVenue.Socket s = venue.sockets.poll(15, TimeUnit.SECONDS);
    assertThat(s).as("a connection").isNotNull();
    return s;
  }

  private static JsonNode tree(String s) throws Exception {
    return MAPPER.readTree(s);
  }

  private static void assertSignedSubscribe(JsonNode m) {
    assertThat(m.get("method").asText()).isEqualTo("SUBSCRIBE");
    assertThat(m.get("params")).extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("account.orderUpdate", "account.positionUpdate");
    JsonNode sig = m.get("signature");
    assertThat(sig).hasSize(4);
    assertThat(sig.get(0).asText()).isEqualTo(BackpackSignerTest.PUB1);
    assertThat(sig.get(2).asText()).isEqualTo(Long.toString(FakeBackpackVenue.VENUE_TIME));
    assertThat(sig.get(3).asText()).isEqualTo("5000");
    String signed = "instruction=subscribe&timestamp=" + sig.get(2).asText() + "&window=5000";
    assertThat(BackpackSigner.verify(BackpackSignerTest.PUB1, signed, sig.get(1).asText())).isTrue();
  }

  @Test
  void publicSubscribeMessageAndEventsReachTheListener() throws Exception {
    BlockingQueue<Ticker> tickers = new LinkedBlockingQueue<>();
    BlockingQueue<Bar> bars = new LinkedBlockingQueue<>();
    exchange(realTime()).streamMarket("SOL_USDC", Duration.ofHours(1), new ExchangeListener() {
      @Override
      public void onTicker(Ticker t) {
        tickers.add(t);
      }

      @Override
      public void onBar(String symbol, Bar bar) {
        bars.add(bar);
      }
    });
    FakeWsVenue.Socket s = socket();
    assertThat(tree(next().text())).isEqualTo(tree(
        "{\"method\":\"SUBSCRIBE\",\"params\":[\"ticker.SOL_USDC\",\"kline.1h.SOL_USDC\"]}"));
    s.ws().send(TICKER.formatted("3398.57"));
    s.ws().send("{\"stream\":\"kline.1h.SOL_USDC\",\"data\":{\"E\":\"1754519557526056\",\"T\":\"2025-08-07T00:00:00\","
        + "\"X\":false,\"c\":\"3680.52\",\"e\":\"kline\",\"h\":\"3681.37\",\"l\":\"3667.65\",\"n\":255,\"o\":\"3670.15\","
        + "\"s\":\"SOL_USDC\",\"t\":\"2025-08-06T22:00:00\",\"v\":\"62.2621\"}}");
    s.ws().send("{\"stream\":\"kline.1h.SOL_USDC\",\"data\":{\"E\":1754519557526056,\"T\":\"2025-08-06T23:00:00\","
        + "\"X\":true,\"c\":\"3680.52\",\"e\":\"kline\",\"h\":\"3681.37\",\"l\":\"3667.65\",\"n\":255,\"o\":\"3670.15\","
        + "\"s\":\"SOL_USDC\",\"t\":\"2025-08-06T22:00:00\",\"v\":\"62.2621\"}}");
    Ticker t = tickers.poll(15, TimeUnit.SECONDS);
    assertThat(t.last()).isEqualByComparingTo("3398.57");
    assertThat(t.time()).isEqualTo(Instant.parse("2025-08-02T23:08:43.312507Z"));
    Bar b = bars.poll(15, TimeUnit.SECONDS);
    assertThat(b.time()).isEqualTo(Instant.parse("2025-08-06T22:00:00Z")); // only the closed candle
    assertThat(bars.poll(200, TimeUnit.MILLISECONDS)).isNull();
  }

  @Test
  void privateStreamsAreSignedAndOrderFillPositionEventsAreTyped() throws Exception {
    BlockingQueue<Object> events = new LinkedBlockingQueue<>();
    exchange(realTime()).streamAccount(new ExchangeListener() {
      @Override
      public void onOrder(Order o) {
        events.add(o);
      }

      @Override
      public void onFill(Fill f) {
        events.add(f);
      }

      @Override
      public void onPosition(Position p) {
        events.add(p);
      }
    });
    FakeWsVenue.Socket s = socket();
    assertSignedSubscribe(tree(next().text()));
    s.ws().send("{\"stream\":\"account.orderUpdate\",\"data\":{\"E\":\"1754939110175879\",\"L\":\"4299.16\",\"N\":\"ETH\","
        + "\"O\":\"USER\",\"Q\":\"4.30\",\"S\":\"Bid\",\"T\":\"1754939110174705\",\"V\":\"RejectTaker\",\"X\":\"Filled\","
        + "\"Z\":\"4.299160\",\"e\":\"orderFill\",\"f\":\"GTC\",\"i\":\"5406825793\",\"l\":\"0.0010\",\"m\":false,"
        + "\"n\":\"0.000001\",\"o\":\"MARKET\",\"q\":\"0.0010\",\"r\":false,\"s\":\"ETH_USDC\",\"t\":2888471,\"z\":\"0.0010\","
        + "\"c\":55555}}");
    s.ws().send("{\"stream\":\"account.positionUpdate\",\"data\":{\"B\":\"4236.36\",\"E\":\"1754943862040486\","
        + "\"M\":\"4235.88650933\",\"P\":\"-0.000473\",\"Q\":\"0.0010\",\"T\":\"1754943862040487\",\"b\":\"4238.479\","
        + "\"e\":\"positionOpened\",\"f\":\"0.02\",\"i\":5411399049,\"l\":\"0\",\"m\":\"0.0125\",\"n\":\"4.23588650933\","
        + "\"p\":\"0\",\"q\":\"0.0010\",\"s\":\"ETH_USDC_PERP\"}}");
    Order o = (Order) events.poll(15, TimeUnit.SECONDS);
    assertThat(o.status()).isEqualTo(OrderStatus.FILLED);
    assertThat(o.type()).isEqualTo(OrderType.MARKET); // upper case on the stream
    assertThat(o.clientId()).isEqualTo(55555);
    Fill f = (Fill) events.poll(15, TimeUnit.SECONDS);
    assertThat(f.fillId()).isEqualTo("2888471");
    assertThat(f.price()).isEqualByComparingTo("4299.16");
    assertThat(f.feeAsset()).isEqualTo("ETH");
    Position p = (Position) events.poll(15, TimeUnit.SECONDS);
    assertThat(p.quantity()).isEqualByComparingTo("0.0010");
    assertThat(p.liquidationPrice()).isNull();
  }

  @Test
  void closeAndFailureThreeTimesInARowRestoreEverySubscriptionAndReconcile() throws Exception {
    AtomicInteger reconnectedMarket = new AtomicInteger();
    CountDownLatch accountReconnects = new CountDownLatch(3);
    List<Order> reconciled = new CopyOnWriteArrayList<>();
    BackpackExchange ex = exchange(realTime());
    // an open order at the venue, to be delivered by the REST reconciliation
    ex.placeOrder(dev.nanpin.OrderRequest.limit("SOL_USDC_PERP", dev.nanpin.Side.BUY, new java.math.BigDecimal("1"),
        new java.math.BigDecimal("100"), 31));
    ex.streamMarket("SOL_USDC", null, new ExchangeListener() {
      @Override
      public void onReconnected() {
        reconnectedMarket.incrementAndGet();
      }
    });
    FakeWsVenue.Socket first = socket();
    assertThat(tree(next().text()).get("params")).hasSize(1);
    ex.streamAccount(new ExchangeListener() {
      @Override
      public void onOrder(Order o) {
        reconciled.add(o);
      }

      @Override
      public void onReconnected() {
        accountReconnects.countDown();
      }
    });
    assertSignedSubscribe(tree(next().text()));

    // close frame, then an abrupt drop (connection 2), then a close frame again
    venue.abrupt.add(2);
    first.ws().close(1001, "going away");
    assertThat(venue.abruptOpened.poll(15, TimeUnit.SECONDS)).isEqualTo(2);
    venue.cut.release();
    FakeWsVenue.Socket current = socket();
    assertThat(current.connection()).isEqualTo(3);
    assertRestored(current);
    current.ws().close(1001, "going away");
    current = socket();
    assertThat(current.connection()).isEqualTo(4);
    assertRestored(current);
    assertThat(accountReconnects.await(15, TimeUnit.SECONDS)).isTrue();
    assertThat(reconciled).extracting(Order::clientId).contains(31L);
    assertThat(ex.streamStats().reconnects()).isEqualTo(3);
    current.ws().send(TICKER.formatted("151.5"));
    for (int i = 0; i < 250 && ex.streamStats().messages() < 1; i++) {
      venue.received.poll(20, TimeUnit.MILLISECONDS);
    }
    assertThat(ex.streamStats().messages()).isEqualTo(1);
    assertThat(ex.streamStats().lastMessageAge()).containsKey("ticker.SOL_USDC");
  }

  /** Both subscribe messages arrive on the given connection: public streams, and private ones freshly signed. */
  private void assertRestored(FakeWsVenue.Socket on) throws Exception {
    List<JsonNode> subs = new ArrayList<>();
    while (subs.size() < 2) {
      FakeWsVenue.Received r = next();
      if (r.connection() == on.connection()) {
        subs.add(tree(r.text()));
      }
    }
    JsonNode pub = subs.stream().filter(m -> !m.has("signature")).findFirst().orElseThrow();
    JsonNode priv = subs.stream().filter(m -> m.has("signature")).findFirst().orElseThrow();
    assertThat(pub.get("params")).extracting(JsonNode::asText).containsExactly("ticker.SOL_USDC");
    assertSignedSubscribe(priv);
  }

  @Test
  void silenceTriggersAReconnect() throws Exception {
    CountDownLatch errors = new CountDownLatch(1);
    exchange(realTime().wsSilenceTimeout(Duration.ofMillis(300))).streamMarket("SOL_USDC", null, new ExchangeListener() {
      @Override
      public void onStreamError(Throwable error) {
        errors.countDown();
      }
    });
    socket();
    next();
    // the server says nothing: the client gives the connection up and subscribes again
    FakeWsVenue.Socket second = socket();
    assertThat(second.connection()).isEqualTo(2);
    assertThat(tree(next().text()).get("params").get(0).asText()).isEqualTo("ticker.SOL_USDC");
    assertThat(errors.await(15, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void aSlowListenerDoesNotBlockTheReaderAndOverflowSchedulesAResync() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch resynced = new CountDownLatch(1);
    AtomicInteger handled = new AtomicInteger();
    BackpackExchange ex = exchange(realTime().listenerQueueCapacity(5));
    ex.streamMarket("SOL_USDC", null, new ExchangeListener() {
      @Override
      public void onTicker(Ticker t) {
        handled.incrementAndGet();
        try {
          release.await(10, TimeUnit.SECONDS); // a listener stuck on the first event
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }

      @Override
      public void onReconnected() {
        resynced.countDown();
      }
    });
    FakeWsVenue.Socket s = socket();
    next();
    for (int i = 0; i < 40; i++) {
      s.ws().send(TICKER.formatted("15" + i));
    }
    // the reader keeps reading while the listener is stuck
    for (int i = 0; i < 250 && ex.streamStats().messages() < 40; i++) {
      venue.received.poll(20, TimeUnit.MILLISECONDS);
    }
    assertThat(ex.streamStats().messages()).isEqualTo(40);
    assertThat(handled.get()).isEqualTo(1);
    assertThat(ex.streamStats().dropped()).isGreaterThanOrEqualTo(40 - 1 - 5);
    release.countDown();
    assertThat(resynced.await(15, TimeUnit.SECONDS)).isTrue();
    assertThat(handled.get()).isBetween(6, 7);
  }

  @Test
  void priceComesFromTheStreamWhileFreshElseFromRest() throws Exception {
    BackpackExchange ex = exchange(test.config(server).priceFreshness(Duration.ofSeconds(5)));
    CountDownLatch got = new CountDownLatch(1);
    Subscription sub = ex.streamMarket("SOL_USDC_PERP", null, new ExchangeListener() {
      @Override
      public void onTicker(Ticker t) {
        got.countDown();
      }
    });
    FakeWsVenue.Socket s = socket();
    next();
    s.ws().send(TICKER.formatted("151.25").replace("ticker.SOL_USDC", "ticker.SOL_USDC_PERP"));
    assertThat(got.await(15, TimeUnit.SECONDS)).isTrue();
    PriceQuote live = ex.price("SOL_USDC_PERP");
    assertThat(live.source()).isEqualTo(PriceQuote.Source.WEBSOCKET);
    assertThat(live.price()).isEqualByComparingTo("151.25");
    assertThat(live.age()).isEqualTo(Duration.ZERO);

    test.nanos.addAndGet(Duration.ofSeconds(6).toNanos()); // the stream price goes stale
    PriceQuote rest = ex.price("SOL_USDC_PERP");
    assertThat(rest.source()).isEqualTo(PriceQuote.Source.REST);
    assertThat(rest.price()).isEqualByComparingTo("150");
    sub.close();
  }

  @Test
  void depthStreamIsSyncedToTheRestSnapshotByUpdateIds() throws Exception {
    BlockingQueue<dev.nanpin.OrderBook> books = new LinkedBlockingQueue<>();
    exchange(realTime()).streamOrderBook("SOL_USDC_PERP", 3, books::add);
    FakeWsVenue.Socket s = socket();
    assertThat(tree(next().text()).get("params").get(0).asText()).isEqualTo("depth.SOL_USDC_PERP");
    String delta = "{\"stream\":\"depth.SOL_USDC_PERP\",\"data\":{\"e\":\"depth\",\"E\":\"1759338824897386\","
        + "\"s\":\"SOL_USDC_PERP\",\"U\":%d,\"u\":%d,\"b\":%s,\"a\":[]}}";
    s.ws().send(delta.formatted(1504999669, 1504999670, "[[\"149.00\",\"9\"]]")); // covered by the snapshot
    s.ws().send(delta.formatted(1504999671, 1504999671, "[[\"149.50\",\"2\"]]"));
    s.ws().send(delta.formatted(1504999672, 1504999672, "[[\"148\",\"0\"]]"));
    dev.nanpin.OrderBook first = books.poll(15, TimeUnit.SECONDS);
    assertThat(first.lastUpdateId()).isEqualTo(1504999672L);
    assertThat(first.bids()).extracting(l -> l.price().toPlainString()).containsExactly("149.5", "149", "147");
    assertThat(first.bids().get(1).quantity()).isEqualByComparingTo("1.5"); // the snapshot's, not the stale delta's
    s.ws().send(delta.formatted(1504999673, 1504999673, "[[\"149.50\",\"0\"]]"));
    assertThat(books.poll(15, TimeUnit.SECONDS).bids().get(0).price()).isEqualByComparingTo("149");
  }
}
