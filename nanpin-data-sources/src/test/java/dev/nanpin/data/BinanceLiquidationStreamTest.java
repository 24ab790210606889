package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.DataException;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Liquidation;
import dev.nanpin.Side;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The forceOrder stream through a local WebSocket: parsing, refusals, a drop, the connection-age replacement. */
class BinanceLiquidationStreamTest {
  /** The documentation's sample event. */
  static final String SAMPLE = "{\"e\":\"forceOrder\",\"E\":1568014460893,\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\","
      + "\"o\":\"LIMIT\",\"f\":\"IOC\",\"q\":\"0.014\",\"p\":\"9910\",\"ap\":\"9910\",\"X\":\"FILLED\",\"l\":\"0.014\","
      + "\"z\":\"0.014\",\"T\":1568014460893}}";

  @StartStop private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<WebSocket> sockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> paths = new LinkedBlockingQueue<>();
  private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();
  private final AtomicLong nanos = new AtomicLong();
  private BinanceLiquidationStream stream;

  @AfterEach
  void close() {
    if (stream != null) {
      stream.close();
    }
  }

  private void start(String symbol, Duration maxAge) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        paths.add(r.getUrl().encodedPath());
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
          @Override
          public void onOpen(WebSocket ws, Response response) {
            sockets.add(ws);
          }

          @Override
          public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
          }
        }).build();
      }
    });
    String base = "ws://127.0.0.1:" + server.getPort() + "/market/ws/";
    BinanceLiquidationStream.Settings s = new BinanceLiquidationStream.Settings(base, symbol, Duration.ofSeconds(30),
        Duration.ofHours(1), maxAge, Duration.ofMillis(10), Duration.ofMillis(50), null, nanos::get);
    stream = new BinanceLiquidationStream(s, new ExchangeListener() {
      @Override
      public void onLiquidation(Liquidation l) {
        events.add(l);
      }

      @Override
      public void onReconnected() {
        events.add("reconnected");
      }

      @Override
      public void onStreamError(Throwable e) {
        if (e instanceof DataException) {
          events.add(e);
        }
      }
    });
    stream.start();
  }

  private WebSocket socket() throws InterruptedException {
    WebSocket ws = sockets.poll(15, TimeUnit.SECONDS);
    assertThat(ws).as("a connection").isNotNull();
    return ws;
  }

  private <T> T next(Class<T> type) throws InterruptedException {
    Object o = events.poll(15, TimeUnit.SECONDS);
    assertThat(o).as("an event of type " + type.getSimpleName()).isInstanceOf(type);
    return type.cast(o);
  }

  @Test
  void theDocumentedSampleIsALongLiquidatedFor138Point74() throws Exception {
    start(null, Duration.ofHours(23));
    WebSocket ws = socket();
    assertThat(paths.poll(5, TimeUnit.SECONDS)).isEqualTo("/market/ws/!forceOrder@arr");
    ws.send(SAMPLE);
    Liquidation l = next(Liquidation.class);
    assertThat(l.source()).isEqualTo("binance");
    assertThat(l.symbol()).isEqualTo("BTCUSDT");
    assertThat(l.side()).isEqualTo(Side.SELL);
    assertThat(l.longLiquidated()).isTrue();
    assertThat(l.positionSide()).isEqualTo(Side.BUY);
    assertThat(l.notional()).isEqualByComparingTo("138.74");
    assertThat(l.time()).isEqualTo(Instant.ofEpochMilli(1568014460893L));
  }

  @Test
  void oneSymbolUsesTheLowerCaseStreamAndStreamModeIsUnwrapped() throws Exception {
    start("BTCUSDT", Duration.ofHours(23));
    WebSocket ws = socket();
    assertThat(paths.poll(5, TimeUnit.SECONDS)).isEqualTo("/market/ws/btcusdt@forceOrder");
    ws.send("{\"stream\":\"btcusdt@forceOrder\",\"data\":" + SAMPLE.replace("\"S\":\"SELL\"", "\"S\":\"BUY\"") + "}");
    assertThat(next(Liquidation.class).longLiquidated()).isFalse();
  }

  @Test
  void implausibleOrMalformedEventsAreRefusedNamingTheFieldAndTheStreamGoesOn() throws Exception {
    start(null, Duration.ofHours(23));
    WebSocket ws = socket();
    ws.send(SAMPLE.replace("\"ap\":\"9910\"", "\"ap\":\"0\""));
    assertThat(next(DataException.class).field()).isEqualTo("o.ap");
    ws.send(SAMPLE.replace("\"ap\":\"9910\"", "\"ap\":\"1e30\""));
    assertThat(next(DataException.class).field()).isEqualTo("o.ap");
    ws.send(SAMPLE.replace("\"T\":1568014460893", "\"T\":1568014460")); // seconds, not milliseconds
    assertThat(next(DataException.class).field()).contains("T");
    ws.send("<html>blocked</html>");
    assertThat(next(DataException.class).field()).isEqualTo("body");
    ws.send(SAMPLE.replace("\"z\":\"0.014\"", "\"z\":\"0\"")); // nothing filled: no liquidation
    ws.send(SAMPLE);
    assertThat(next(Liquidation.class).quantity()).isEqualByComparingTo("0.014");
  }

  @Test
  void aDropReconnectsAndEventsFlowAgain() throws Exception {
    start(null, Duration.ofHours(23));
    WebSocket first = socket();
    first.close(1001, "going away");
    WebSocket second = socket();
    assertThat(next(String.class)).isEqualTo("reconnected");
    second.send(SAMPLE);
    assertThat(next(Liquidation.class).symbol()).isEqualTo("BTCUSDT");
    assertThat(stream.reconnects()).isEqualTo(1);
  }

  @Test
  void theConnectionIsReplacedBeforeItsMaximumAge() throws Exception {
    start(null, Duration.ofMinutes(10));
    socket();
    nanos.addAndGet(Duration.ofMinutes(11).toNanos()); // fake time: the watcher sees an old connection
    WebSocket second = socket();
    assertThat(next(String.class)).isEqualTo("reconnected");
    second.send(SAMPLE);
    assertThat(next(Liquidation.class).symbol()).isEqualTo("BTCUSDT");
  }

  @Test
  void theDataSourcePluginAnswersClustersOfWhatTheStreamShowed() throws Exception {
    start(null, Duration.ofHours(23)); // the dispatcher; this test's source opens its own connection
    socket();
    String base = "ws://127.0.0.1:" + server.getPort() + "/market/ws/";
    try (dev.nanpin.DataSource source = dev.nanpin.spi.Plugins.load().dataSource("binance-liquidations",
        java.util.Map.of("baseUrl", base, "halfLife", "1h"))) {
      assertThat(source.supports(dev.nanpin.DataQuery.Liquidations.class)).isTrue();
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> source.fetch(new dev.nanpin.DataQuery.Liquidations("BTC")))
          .isInstanceOf(DataException.class).hasMessageContaining("no liquidation of BTC seen");
      WebSocket ws = socket();
      ws.send(SAMPLE.replace("1568014460893", Long.toString(System.currentTimeMillis())));
      dev.nanpin.LiquidationClusters c = null;
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
      while (c == null && System.nanoTime() < deadline) {
        try {
          c = source.fetch(new dev.nanpin.DataQuery.Liquidations("BTC")).value();
        } catch (DataException notYet) {
          Thread.onSpinWait();
        }
      }
      assertThat(c).as("clusters within the deadline").isNotNull();
      assertThat(c.clusters()).singleElement().satisfies(k -> {
        assertThat(k.side()).isEqualTo(Side.BUY); // longs were liquidated
        assertThat(k.notional()).isCloseTo(138.74, org.assertj.core.api.Assertions.within(0.01));
        assertThat(k.priceLow()).isEqualTo(9900.0); // bands of 50 around 9910
      });
    }
  }
}
