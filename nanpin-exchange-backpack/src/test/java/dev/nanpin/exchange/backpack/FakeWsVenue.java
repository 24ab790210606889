package dev.nanpin.exchange.backpack;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;

/** Upgrades {@code /ws} to a WebSocket per connection and hands REST paths to a {@link FakeBackpackVenue}. */
final class FakeWsVenue extends Dispatcher {
  /** A message the client sent on connection number {@code connection} (1-based). */
  record Received(int connection, String text) {}

  /** A server-side socket and its connection number. */
  record Socket(int connection, WebSocket ws) {}

  final FakeBackpackVenue rest;
  final BlockingQueue<Socket> sockets = new LinkedBlockingQueue<>();
  final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
  final AtomicInteger connections = new AtomicInteger();

  /** Connection numbers that complete the handshake and are then cut without a close frame. */
  final java.util.Set<Integer> abrupt = java.util.concurrent.ConcurrentHashMap.newKeySet();
  /** Released to cut the current abrupt connection. */
  final java.util.concurrent.Semaphore cut = new java.util.concurrent.Semaphore(0);
  final BlockingQueue<Integer> abruptOpened = new LinkedBlockingQueue<>();

  FakeWsVenue(FakeBackpackVenue rest) {
    this.rest = rest;
  }

  @Override
  public MockResponse dispatch(RecordedRequest r) {
    if (!r.getUrl().encodedPath().equals("/ws")) {
      return rest.dispatch(r);
    }
    int n = connections.incrementAndGet();
    if (abrupt.contains(n)) {
      // A hand-made 101 answer: the client's socket opens, then the TCP connection is dropped
      // without a close frame (OkHttp's server-side WebSocket cannot do that).
      String accept = okio.ByteString.encodeUtf8(r.getHeaders().get("Sec-WebSocket-Key")
          + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").sha1().base64();
      return new MockResponse.Builder().code(101).addHeader("Upgrade", "websocket")
          .addHeader("Connection", "Upgrade").addHeader("Sec-WebSocket-Accept", accept)
          .socketHandler(socket -> {
            abruptOpened.add(n);
            try {
              cut.tryAcquire(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            socket.cancel();
          }).build();
    }
    return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
      @Override
      public void onOpen(WebSocket ws, Response response) {
        sockets.add(new Socket(n, ws));
      }

      @Override
      public void onMessage(WebSocket ws, String text) {
        received.add(new Received(n, text));
      }

      @Override
      public void onClosing(WebSocket ws, int code, String reason) {
        ws.close(1000, null);
      }
    }).build();
  }
}
