package dev.nanpin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Silence, stop and start, settings checks; through a local WebSocket with a fake monotonic clock. */
class ReconnectingWebSocketTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<WebSocket> serverSockets = new LinkedBlockingQueue<>();
  private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
  private final AtomicLong nanos = new AtomicLong();
  private final AtomicBoolean watchSilence = new AtomicBoolean(true);
  private ReconnectingWebSocket rws;

  @BeforeEach
  void venue() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
          @Override
          public void onOpen(WebSocket ws, Response response) {
            serverSockets.add(ws);
          }

          @Override
          public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
          }
        }).build();
      }
    });
    rws = new ReconnectingWebSocket(new ReconnectingWebSocket.Settings("test", "ws://127.0.0.1:" + server.getPort() + "/",
        Duration.ofSeconds(30), Duration.ofSeconds(60), null, Duration.ofMillis(10), Duration.ofMillis(50)),
        new OkHttpClient(), new ReconnectingWebSocket.Handler() {
          @Override
          public void onOpen(WebSocket socket, boolean reconnect) {
            events.add(reconnect ? "reopened" : "opened");
          }

          @Override
          public void onText(String text) {
            events.add("text " + text);
          }

          @Override
          public void onLost(WebSocket lost, Throwable cause, Duration retryIn) {
            events.add("lost " + (lost != null) + " " + cause.getMessage());
          }

          @Override
          public boolean watchSilence() {
            return watchSilence.get();
          }
        }, nanos::get);
  }

  @AfterEach
  void close() {
    rws.close();
  }

  private String next() throws InterruptedException {
    String e = events.poll(15, TimeUnit.SECONDS);
    assertThat(e).as("an event").isNotNull();
    return e;
  }

  @Test
  void silenceReconnectsOnlyWhileTheHandlerWatchesIt() throws Exception {
    rws.start();
    assertThat(next()).isEqualTo("opened");
    WebSocket server1 = serverSockets.poll(15, TimeUnit.SECONDS);
    server1.send("hello");
    assertThat(next()).isEqualTo("text hello");
    watchSilence.set(false);
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    // the watcher runs every second: over 1.5 s it sees the silence and keeps the connection
    assertThat(events.poll(1500, TimeUnit.MILLISECONDS)).isNull();
    server1.send("still here");
    assertThat(next()).isEqualTo("text still here");
    watchSilence.set(true);
    nanos.addAndGet(Duration.ofMinutes(5).toNanos());
    assertThat(next()).startsWith("lost true").contains("silent");
    assertThat(next()).isEqualTo("reopened");
    assertThat(rws.reconnects()).isEqualTo(1);
  }

  @Test
  void stopClosesUntilTheNextStartWhichIsNotAReconnect() throws Exception {
    rws.start();
    assertThat(next()).isEqualTo("opened");
    rws.stop("idle");
    assertThat(rws.isOpen()).isFalse();
    assertThat(events.poll(300, TimeUnit.MILLISECONDS)).isNull(); // no loss reported, no reconnect
    rws.start();
    assertThat(next()).isEqualTo("reopened");
    assertThat(rws.reconnects()).isZero();
    assertThat(rws.messages()).isZero();
  }

  @Test
  void settingsAreChecked() {
    assertThatThrownBy(() -> new ReconnectingWebSocket.Settings("x", "http://a/", Duration.ofSeconds(1),
        Duration.ofSeconds(1), null, Duration.ZERO, Duration.ZERO)).hasMessageContaining("not a WebSocket URL");
    assertThatThrownBy(() -> new ReconnectingWebSocket.Settings("x", "ws://a/", Duration.ofSeconds(1),
        Duration.ZERO, null, Duration.ZERO, Duration.ZERO)).hasMessageContaining("must be > 0");
    rws.close();
    assertThatThrownBy(rws::start).isInstanceOf(IllegalStateException.class);
  }
}
