package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.DataException;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Liquidation;
import dev.nanpin.MarkPrice;
import dev.nanpin.OpenInterest;
import dev.nanpin.Side;
import dev.nanpin.Ticker;
import dev.nanpin.Trade;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The typed public streams ({@code trade}, {@code bookTicker}, {@code markPrice}, {@code
 * openInterest}, {@code liquidation}) through a local WebSocket, with bodies shaped like the
 * API reference's live samples; refusals of implausible values; a drop and the resubscribe.
 */
class BackpackMarketStreamsTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String TRADE = "{\"stream\":\"trade.ETH_USDC_PERP\",\"data\":{\"E\":\"1754601477746429\","
      + "\"T\":\"1754601477744000\",\"a\":\"5121860761\",\"b\":\"5121861755\",\"e\":\"trade\",\"m\":%s,\"p\":\"%s\","
      + "\"q\":\"0.0008\",\"s\":\"ETH_USDC_PERP\",\"t\":10782547}}";
  private static final String BOOK = "{\"stream\":\"bookTicker.ETH_USDC_PERP\",\"data\":{\"A\":\"0.4087\",\"B\":\"0.0020\","
      + "\"E\":\"1754517402450016\",\"T\":\"1754517402449064\",\"a\":\"3667.50\",\"b\":\"3667.49\",\"e\":\"bookTicker\","
      + "\"s\":\"ETH_USDC_PERP\",\"u\":1328288557}}";
  private static final String MARK = "{\"stream\":\"markPrice.ETH_USDC_PERP\",\"data\":{\"E\":1747291031914525,"
      + "\"T\":1747291031910025,\"e\":\"markPrice\",\"f\":\"-0.0000039641039274236048482914\",\"i\":\"173.44031179\","
      + "\"n\":1747296000000,\"p\":\"%s\",\"s\":\"ETH_USDC_PERP\"}}";
  private static final String OI = "{\"stream\":\"openInterest.ETH_USDC_PERP\",\"data\":{\"e\":\"openInterest\","
      + "\"E\":1747291031914525,\"s\":\"ETH_USDC_PERP\",\"o\":\"%s\"}}";
  private static final String LIQ = "{\"stream\":\"liquidation\",\"data\":{\"e\":\"liquidation\",\"E\":1747291031914525,"
      + "\"q\":\"10\",\"p\":\"18.70\",\"S\":\"%s\",\"s\":\"%s\",\"T\":1747291031910025}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final FakeWsVenue venue = new FakeWsVenue(new FakeBackpackVenue(BackpackSignerTest.PUB1));
  private BackpackExchange exchange;

  @AfterEach
  void close() {
    if (exchange != null) {
      exchange.close();
    }
  }

  private static final class Events implements ExchangeListener {
    final BlockingQueue<Object> all = new LinkedBlockingQueue<>();

    @Override
    public void onTrade(Trade t) {
      all.add(t);
    }

    @Override
    public void onTicker(Ticker t) {
      all.add(t);
    }

    @Override
    public void onMarkPrice(MarkPrice m) {
      all.add(m);
    }

    @Override
    public void onOpenInterest(OpenInterest o) {
      all.add(o);
    }

    @Override
    public void onLiquidation(Liquidation l) {
      all.add(l);
    }

    @Override
    public void onReconnected() {
      all.add("reconnected");
    }

    @Override
    public void onStreamError(Throwable e) {
      if (e instanceof DataException) {
        all.add(e);
      }
    }

    <T> T next(Class<T> type) throws InterruptedException {
      Object o = all.poll(15, TimeUnit.SECONDS);
      assertThat(o).as("an event of type " + type.getSimpleName()).isInstanceOf(type);
      return type.cast(o);
    }
  }

  private FakeWsVenue.Socket socket() throws InterruptedException {
    FakeWsVenue.Socket s = venue.sockets.poll(15, TimeUnit.SECONDS);
    assertThat(s).as("a connection").isNotNull();
    return s;
  }

  private JsonNode nextSent() throws Exception {
    FakeWsVenue.Received r = venue.received.poll(15, TimeUnit.SECONDS);
    assertThat(r).as("a message from the client").isNotNull();
    return MAPPER.readTree(r.text());
  }

  private Events subscribeAll() {
    server.setDispatcher(venue);
    exchange = new BackpackExchange(new TestVenue().config(server).nanoTime(System::nanoTime)
        .wsBackoff(Duration.ofMillis(10), Duration.ofMillis(50)).build());
    Events events = new Events();
    exchange.streamMarketData("ETH_USDC_PERP", EnumSet.allOf(MarketStream.class), events);
    return events;
  }

  @Test
  void everyStreamIsTypedAndSubscribedInOneMessage() throws Exception {
    Events events = subscribeAll();
    FakeWsVenue.Socket s = socket();
    JsonNode sub = nextSent();
    assertThat(sub.get("method").asText()).isEqualTo("SUBSCRIBE");
    assertThat(sub.get("params")).extracting(JsonNode::asText).containsExactlyInAnyOrder("trade.ETH_USDC_PERP",
        "bookTicker.ETH_USDC_PERP", "markPrice.ETH_USDC_PERP", "openInterest.ETH_USDC_PERP", "liquidation");
    assertThat(sub.has("signature")).isFalse();

    s.ws().send(TRADE.formatted("false", "3870.25"));
    Trade t = events.next(Trade.class);
    assertThat(t.price()).isEqualByComparingTo("3870.25");
    assertThat(t.quantity()).isEqualByComparingTo("0.0008");
    assertThat(t.aggressor()).isEqualTo(Side.BUY); // the buyer was not the maker: it lifted an ask
    assertThat(t.tradeId()).isEqualTo("10782547");
    assertThat(t.time()).isEqualTo(Instant.parse("2025-08-07T21:17:57.744Z"));

    s.ws().send(BOOK);
    Ticker k = events.next(Ticker.class);
    assertThat(k.bid()).isEqualByComparingTo("3667.49");
    assertThat(k.ask()).isEqualByComparingTo("3667.50");
    assertThat(k.last()).isEqualByComparingTo("3870.25"); // the last trade, seen on the trade stream

    s.ws().send(MARK.formatted("173.35998175"));
    MarkPrice m = events.next(MarkPrice.class);
    assertThat(m.markPrice()).isEqualByComparingTo("173.35998175");
    assertThat(m.indexPrice()).isEqualByComparingTo("173.44031179");
    assertThat(m.fundingRate()).isEqualByComparingTo("-0.0000039641039274236048482914");
    assertThat(m.nextFundingTime()).isEqualTo(Instant.ofEpochMilli(1747296000000L));
    assertThat(m.time()).isEqualTo(Instant.parse("2025-05-15T06:37:11.914525Z"));

    s.ws().send(OI.formatted("100"));
    assertThat(events.next(OpenInterest.class).openInterest()).isEqualByComparingTo("100");

    s.ws().send(LIQ.formatted("Bid", "SOL_USDC")); // another market: left out
    s.ws().send(LIQ.formatted("Ask", "ETH_USDC_PERP"));
    Liquidation l = events.next(Liquidation.class);
    assertThat(l.side()).isEqualTo(Side.SELL);
    assertThat(l.longLiquidated()).isTrue();
    assertThat(l.notional()).isEqualByComparingTo("187.0");
    assertThat(l.source()).isEqualTo("backpack");
  }

  @Test
  void implausibleValuesAreRefusedNamingTheFieldAndTheStreamGoesOn() throws Exception {
    Events events = subscribeAll();
    FakeWsVenue.Socket s = socket();
    nextSent();
    s.ws().send(TRADE.formatted("true", "0"));
    assertThat(events.next(DataException.class).field()).isEqualTo("p");
    s.ws().send(MARK.formatted("1e30"));
    assertThat(events.next(DataException.class).field()).isEqualTo("p"); // the event's name of the mark price
    s.ws().send(OI.formatted("-5"));
    DataException oi = events.next(DataException.class);
    assertThat(oi.field()).isEqualTo("o");
    assertThat(oi).hasMessageContaining("openInterest");
    assertThat(oi.source()).isEqualTo("backpack");
    s.ws().send("{\"stream\":\"openInterest.ETH_USDC_PERP\",\"data\":{\"e\":\"openInterest\","
        + "\"E\":1747291031,\"s\":\"ETH_USDC_PERP\",\"o\":\"5\"}}"); // seconds where microseconds belong: 1970
    assertThat(events.next(DataException.class).field()).isEqualTo("E");
    s.ws().send(TRADE.formatted("true", "3870.30"));
    Trade t = events.next(Trade.class);
    assertThat(t.aggressor()).isEqualTo(Side.SELL); // the buyer was the maker: the taker sold
  }

  @Test
  void aDropIsFollowedByTheSameSubscriptionAndEventsFlowAgain() throws Exception {
    Events events = subscribeAll();
    FakeWsVenue.Socket first = socket();
    JsonNode subscribe = nextSent();
    first.ws().close(1001, "going away");
    FakeWsVenue.Socket second = socket();
    assertThat(second.connection()).isEqualTo(2);
    assertThat(nextSent()).isEqualTo(subscribe);
    assertThat(events.all.poll(15, TimeUnit.SECONDS)).isEqualTo("reconnected");
    second.ws().send(OI.formatted("101.5"));
    assertThat(events.next(OpenInterest.class).openInterest()).isEqualByComparingTo("101.5");
  }

  @Test
  void monthlyBarsAreNamedAndLastThirtyOneDays() {
    assertThat(BackpackExchange.interval("1month")).isEqualTo(BackpackExchange.MONTH).isEqualTo(Duration.ofDays(31));
    assertThat(BackpackExchange.interval(BackpackExchange.MONTH)).isEqualTo("1month");
  }
}
