package dev.nanpin.exchange.backpack.internal.ws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nanpin.AuthenticationException;
import dev.nanpin.ExchangeException;
import dev.nanpin.Subscription;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.exchange.backpack.BackpackConfig;
import dev.nanpin.exchange.backpack.BackpackSigner;
import dev.nanpin.exchange.backpack.StreamStats;
import dev.nanpin.exchange.backpack.internal.J;
import dev.nanpin.http.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket connection to Backpack, shared by every subscription of an exchange.
 *
 * <p>Keeps the set of subscribed streams and restores it after every reconnect: public streams
 * in one {@code SUBSCRIBE}, private ({@code account.*}) streams in a second one signed afresh
 * ({@code instruction=subscribe&timestamp=..&window=..}). Reconnects on a close frame, a
 * failure, or silence (no message for the configured time while public streams are
 * subscribed; private-only connections can be quiet for hours and rely on ping/pong instead),
 * with exponential backoff and jitter. OkHttp answers the server's pings and sends its own;
 * a missing pong fails the connection, which then reconnects.
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
  private final OkHttpClient client;
  private final ObjectMapper mapper;
  private final BackpackSigner signer;
  private final LongSupplier venueMillis;
  private final LongSupplier nanoTime;
  private final RetryPolicy backoff;

  private final Map<String, CopyOnWriteArrayList<EventDispatcher>> routes = new ConcurrentHashMap<>();
  private final Map<String, Latest> latest = new ConcurrentHashMap<>();
  private final List<EventDispatcher> dispatchers = new CopyOnWriteArrayList<>();
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();

  private ScheduledExecutorService scheduler;
  private WebSocket socket;
  private boolean open;
  private volatile int generation;
  private int failures;
  private boolean everConnected;
  private boolean reconnectPending;
  private boolean closed;
  private volatile long lastMessageNanos;

  /**
   * @param config the connector settings (URL, backoff, silence, queue capacity)
   * @param client the HTTP client to derive the WebSocket client from
   * @param mapper the JSON mapper
   * @param venueMillis the venue-corrected wall clock for signing subscriptions
   */
  public BackpackWs(BackpackConfig config, OkHttpClient client, ObjectMapper mapper, LongSupplier venueMillis) {
    this.config = config;
    this.client = client.newBuilder().pingInterval(config.wsPingInterval()).readTimeout(Duration.ZERO).build();
    this.mapper = mapper;
    this.signer = config.signer();
    this.venueMillis = venueMillis;
    this.nanoTime = config.nanoTime();
    this.backoff = new RetryPolicy(Integer.MAX_VALUE, config.wsBackoffBase(), config.wsBackoffMax());
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
      if (scheduler == null) {
        startScheduler();
      }
      if (socket == null && !reconnectPending) {
        connect();
      } else if (open) {
        sendSubscribe(socket, added);
      }
    }
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
      disconnect("no subscriptions left");
    } else if (open && !removed.isEmpty()) {
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
    return new StreamStats(open, messages.get(), reconnects.get(), dropped, ages);
  }

  private void startScheduler() {
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "backpack-ws-scheduler");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    long period = Math.max(10, config.wsSilenceTimeout().toMillis() / 4);
    s.scheduleAtFixedRate(this::checkSilence, period, period, TimeUnit.MILLISECONDS);
    scheduler = s;
  }

  private void connect() {
    generation++;
    int gen = generation;
    open = false;
    lastMessageNanos = nanoTime.getAsLong();
    log.info("backpack: connecting to {}", config.wsUrl());
    socket = client.newWebSocket(new Request.Builder().url(config.wsUrl()).build(), new Listener(gen));
  }

  private synchronized void disconnect(String why) {
    if (socket != null) {
      log.info("backpack: closing the WebSocket ({})", why);
      generation++; // callbacks of the old socket are ignored from now on
      socket.close(1000, why);
      socket = null;
      open = false;
    }
  }

  private synchronized void checkSilence() {
    if (!open || socket == null) {
      return;
    }
    boolean anyPublic = routes.keySet().stream().anyMatch(s -> !isPrivate(s));
    long silentNanos = nanoTime.getAsLong() - lastMessageNanos;
    if (anyPublic && silentNanos > config.wsSilenceTimeout().toNanos()) {
      log.warn("backpack: no message for {} ms; reconnecting", silentNanos / 1_000_000L);
      WebSocket s = socket;
      connectionLost(generation, new VenueUnavailableException(J.VENUE, "SILENCE",
          "backpack: WebSocket silent for " + silentNanos / 1_000_000L + " ms", null));
      s.cancel();
    }
  }

  private synchronized void connectionLost(int gen, Throwable cause) {
    if (gen != generation || closed) {
      return;
    }
    generation++; // ignore any further callback of the lost socket
    socket = null;
    open = false;
    if (routes.isEmpty()) {
      return;
    }
    failures++;
    Duration delay = backoff.backoff(failures, ThreadLocalRandom.current().nextDouble());
    log.warn("backpack: WebSocket lost ({}); reconnect {} in {} ms", cause.getMessage(), failures, delay.toMillis());
    for (EventDispatcher d : dispatchers) {
      d.error(cause);
    }
    reconnectPending = true;
    scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
  }

  private synchronized void reconnect() {
    reconnectPending = false;
    if (closed || routes.isEmpty() || socket != null) {
      return;
    }
    reconnects.incrementAndGet();
    connect();
  }

  private synchronized void onOpen(int gen, WebSocket ws) {
    if (gen != generation) {
      return;
    }
    open = true;
    failures = 0;
    lastMessageNanos = nanoTime.getAsLong();
    sendSubscribe(ws, new ArrayList<>(routes.keySet()));
    if (everConnected) {
      log.info("backpack: WebSocket reconnected; {} streams restored", routes.size());
      for (EventDispatcher d : dispatchers) {
        d.resync();
      }
    } else {
      log.info("backpack: WebSocket connected");
    }
    everConnected = true;
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

  private void onText(int gen, String text) {
    if (gen != generation) {
      return; // a message of a socket already given up
    }
    lastMessageNanos = nanoTime.getAsLong();
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
      latest.put(name, new Latest(data, lastMessageNanos));
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
      disconnect("closed");
      closed = true;
      all = new ArrayList<>(dispatchers);
      dispatchers.clear();
      routes.clear();
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
    all.forEach(EventDispatcher::close);
  }

  private final class Listener extends WebSocketListener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      BackpackWs.this.onOpen(gen, webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      onText(gen, text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      connectionLost(gen, new VenueUnavailableException(J.VENUE, Integer.toString(code),
          "backpack: server closed the WebSocket: " + code + " " + reason, null));
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      connectionLost(gen, new VenueUnavailableException(J.VENUE, Integer.toString(code),
          "backpack: WebSocket closed: " + code + " " + reason, null));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      connectionLost(gen, new VenueUnavailableException(J.VENUE, null,
          "backpack: WebSocket failed: " + t.getClass().getSimpleName() + ": " + t.getMessage(), t));
    }
  }
}
