package dev.nanpin.exchange.backpack.internal.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.AuthenticationException;
import dev.nanpin.ExchangeException;
import dev.nanpin.Subscription;
import dev.nanpin.exchange.backpack.BackpackConfig;
import dev.nanpin.exchange.backpack.BackpackSigner;
import dev.nanpin.exchange.backpack.StreamStats;
import dev.nanpin.exchange.backpack.internal.J;
import dev.nanpin.http.ReconnectingWebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to Backpack, shared by every subscription of an exchange.
 *
 * <p>Keeps the set of subscribed streams and restores it after every reconnect: public streams
 * in one {@code SUBSCRIBE}, private ({@code account.*}) streams in a second one signed afresh
 * ({@code instruction=subscribe&timestamp=..&window=..}). The connection itself is a {@link
 * ReconnectingWebSocket}: it reconnects on a close frame, a failure, or silence (no message for
 * the configured time while public streams are subscribed; private-only connections can be quiet
 * for hours and rely on ping/pong instead), with exponential backoff and jitter. OkHttp answers
 * the server's pings and sends its own; a missing pong fails the connection, which then
 * reconnects. The connection is closed when the last subscription closes and opened again by
 * the next one.
 *
 * <p>Messages are parsed on the reader thread and handed to each subscription's {@link
 * EventDispatcher}; listener code never runs on the reader thread.
 *
 * <p>Thread-safe.
 */
public final class BackpackWs implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BackpackWs.class);

  private record Latest(JsonNode data, long nanos) {}

  private final BackpackConfig config;
  private final ObjectMapper mapper;
  private final BackpackSigner signer;
  private final LongSupplier venueMillis;
  private final LongSupplier nanoTime;
  private final ReconnectingWebSocket connection;

  private final Map<String, CopyOnWriteArrayList<EventDispatcher>> routes = new ConcurrentHashMap<>();
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();
  private final List<EventDispatcher> dispatchers = new CopyOnWriteArrayList<>();
  private final AtomicLong messages = new AtomicLong();

  /** The open socket, or {@code null} while connecting or disconnected; guarded by {@code this}. */
  private WebSocket socket;
  private boolean closed;

  /**
   * @param config the connector settings (URL, backoff, silence, queue capacity)
   * @param client the HTTP client to derive the WebSocket client from
   * @param mapper the JSON mapper
   * @param venueMillis the venue-corrected wall clock for signing subscriptions
   */
  public BackpackWs(BackpackConfig config, OkHttpClient client, ObjectMapper mapper, LongSupplier venueMillis) {
    this.config = config;
    this.mapper = mapper;
    this.signer = config.signer();
    this.venueMillis = venueMillis;
    this.nanoTime = config.nanoTime();
    this.connection = new ReconnectingWebSocket(new ReconnectingWebSocket.Settings(J.VENUE, config.wsUrl(),
        config.wsPingInterval(), config.wsSilenceTimeout(), null, config.wsBackoffBase(), config.wsBackoffMax()),
        client, new Handler(), nanoTime);
  }

  /**
   * Subscribes streams; connects on first use.
   *
   * @param streams stream names ({@code account.*} ones are signed)
   * @param handler receives the events on its own thread
   * @return the subscription; closing it unsubscribes streams no one else uses
   */
  public Subscription subscribe(List<String> streams, StreamHandler handler) {
    Set<String> wanted = new LinkedHashSet<>(streams);
    if (wanted.isEmpty()) {
      throw new IllegalArgumentException("no streams to subscribe");
    }
    boolean needsKeys = wanted.stream().anyMatch(BackpackWs::isPrivate);
    if (needsKeys && signer == null) {
      throw new AuthenticationException(J.VENUE, null,
          "backpack: private streams need API keys: set " + BackpackConfig.ENV_SECRET, null);
    }
    EventDispatcher dispatcher = new EventDispatcher(handler, config.listenerQueueCapacity());
    List<String> added = new ArrayList<>();
    synchronized (this) {
      if (closed) {
        dispatcher.close();
        throw new IllegalStateException("the exchange is closed");
      }
      dispatchers.add(dispatcher);
      for (String s : wanted) {
        CopyOnWriteArrayList<EventDispatcher> list = routes.computeIfAbsent(s, k -> new CopyOnWriteArrayList<>());
        if (list.isEmpty()) {
          added.add(s);
        }
        list.add(dispatcher);
      }
      if (socket != null) {
        sendSubscribe(socket, added);
      }
    }
    connection.start(); // no-op while running; otherwise connects, and the open socket subscribes every route
    return new Subscription() {
      private boolean done;

      @Override
      public void close() {
        synchronized (BackpackWs.this) {
          if (done) {
            return;
          }
          done = true;
          unsubscribe(wanted, dispatcher);
        }
      }
    };
  }

  private void unsubscribe(Set<String> streams, EventDispatcher dispatcher) {
    dispatcher.close();
    dispatchers.remove(dispatcher);
    List<String> removed = new ArrayList<>();
    for (String s : streams) {
      List<EventDispatcher> list = routes.get(s);
      if (list != null) {
        list.remove(dispatcher);
        if (list.isEmpty()) {
          routes.remove(s);
          latest.remove(s);
          removed.add(s);
        }
      }
    }
    if (routes.isEmpty()) {
      socket = null;
      connection.stop("no subscriptions left");
    } else if (socket != null && !removed.isEmpty()) {
      socket.send(message("UNSUBSCRIBE", removed, false));
    }
  }

  /**
   * The last payload of a stream and its age.
   *
   * @param stream the stream name
   * @param maxAge the oldest acceptable
   * @return the payload, or {@code null} when none or older than {@code maxAge}
   */
  public JsonNode latest(String stream, Duration maxAge) {
    Latest l = latest.get(stream);
    if (l == null || nanoTime.getAsLong() - l.nanos() > maxAge.toNanos()) {
      return null;
    }
    return l.data();
  }

  /**
   * @param stream the stream name
   * @return the age of its last payload, or {@code null} when none
   */
  public Duration age(String stream) {
    Latest l = latest.get(stream);
    return l == null ? null : Duration.ofNanos(nanoTime.getAsLong() - l.nanos());
  }

  /** @return the counters */
  public synchronized StreamStats stats() {
    Map<String, Duration> ages = new LinkedHashMap<>();
    for (String s : routes.keySet()) {
      Duration a = age(s);
      if (a != null) {
        ages.put(s, a);
      }
    }
    long dropped = dispatchers.stream().mapToLong(EventDispatcher::dropped).sum();
    return new StreamStats(socket != null, messages.get(), connection.reconnects(), dropped, ages);
  }

  private void sendSubscribe(WebSocket ws, List<String> streams) {
    List<String> pub = streams.stream().filter(s -> !isPrivate(s)).toList();
    List<String> priv = streams.stream().filter(BackpackWs::isPrivate).toList();
    if (!pub.isEmpty()) {
      ws.send(message("SUBSCRIBE", pub, false));
    }
    if (!priv.isEmpty()) {
      ws.send(message("SUBSCRIBE", priv, true));
    }
  }

  private String message(String method, List<String> streams, boolean signed) {
    ObjectNode m = mapper.createObjectNode();
    m.put("method", method);
    ArrayNode params = m.putArray("params");
    streams.forEach(params::add);
    if (signed) {
      long ts = venueMillis.getAsLong();
      long window = config.window().toMillis();
      ArrayNode sig = m.putArray("signature");
      sig.add(signer.apiKey());
      sig.add(signer.sign("subscribe", null, ts, window));
      sig.add(Long.toString(ts));
      sig.add(Long.toString(window));
    }
    return m.toString();
  }

  /**
   * @param stream a stream name
   * @return whether it needs a signed subscription
   */
  public static boolean isPrivate(String stream) {
    return stream.startsWith("account.");
  }

  @Override
  public void close() {
    List<EventDispatcher> all;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      socket = null;
      all = new ArrayList<>(dispatchers);
      dispatchers.clear();
      routes.clear();
    }
    connection.close();
    all.forEach(EventDispatcher::close);
  }

  /** The connection's callbacks: subscribe on open, route messages, report losses. */
  private final class Handler implements ReconnectingWebSocket.Handler {
    @Override
    public void onOpen(WebSocket ws, boolean reconnect) {
      synchronized (BackpackWs.this) {
        if (closed || routes.isEmpty()) {
          return;
        }
        socket = ws;
        sendSubscribe(ws, new ArrayList<>(routes.keySet()));
        if (reconnect) {
          log.info("backpack: {} streams restored", routes.size());
          for (EventDispatcher d : dispatchers) {
            d.resync();
          }
        }
      }
    }

    @Override
    public void onText(String text) {
      JsonNode n;
      try {
        n = mapper.readTree(text);
      } catch (Exception e) {
        log.warn("backpack: unreadable WebSocket message: {}", text.length() > 200 ? text.substring(0, 200) : text);
        return;
      }
      JsonNode stream = n.get("stream");
      JsonNode data = n.get("data");
      if (stream != null && data != null && !data.isNull()) {
        messages.incrementAndGet();
        String name = stream.asText();
        latest.put(name, new Latest(data, nanoTime.getAsLong()));
        List<EventDispatcher> targets = routes.get(name);
        if (targets != null) {
          for (EventDispatcher d : targets) {
            d.data(name, data);
          }
        }
      } else if (n.has("error")) {
        JsonNode err = n.get("error");
        ExchangeException e = new ExchangeException(J.VENUE, err.path("code").asText(null),
            "backpack: WebSocket error: " + err.path("message").asText(err.toString()), null);
        log.warn("{}", e.getMessage());
        for (EventDispatcher d : dispatchers) {
          d.error(e);
        }
      }
    }

    @Override
    public void onLost(WebSocket lost, Throwable cause, Duration retryIn) {
      synchronized (BackpackWs.this) {
        if (socket == lost) {
          socket = null;
        }
      }
      for (EventDispatcher d : dispatchers) {
        d.error(cause);
      }
    }

    @Override
    public boolean watchSilence() {
      // private-only connections can be quiet for hours: ping/pong watches them
      return routes.keySet().stream().anyMatch(s -> !isPrivate(s));
    }
  }
}
