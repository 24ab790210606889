package dev.nanpin.http;

import dev.nanpin.VenueUnavailableException;
import java.time.Duration;
import java.util.Objects;
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
 * One WebSocket connection that stays up: reconnects after a close frame, a failure or silence
 * with exponential backoff and jitter, answers the server's pings and sends its own (a missing
 * pong fails the connection, which then reconnects), and replaces the connection before a
 * venue's maximum connection age (Binance cuts every connection after 24 hours) so the planned
 * cut never surprises the reader.
 *
 * <p>The {@link Handler} is told each time a connection opens (subscribe there: there is no
 * resume across connections), gets every text message on OkHttp's reader thread (hand the work
 * off; never block it), and is told when a connection is lost. Callbacks of a connection already
 * given up are dropped, so a handler never sees two connections interleaved. Callbacks never
 * run while this object holds its lock, so a handler may take its own locks and call back in.
 *
 * <p>Thread-safe. Nothing happens until {@link #start()}; {@link #stop(String)} closes the
 * connection until the next {@code start()}; {@link #close()} stops for good.
 */
public final class ReconnectingWebSocket implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReconnectingWebSocket.class);

  /** What the owner of the connection does with it. */
  public interface Handler {
    /**
     * A connection opened; send subscriptions here.
     *
     * @param socket the open socket
     * @param reconnect whether an earlier connection existed (events may have been missed)
     */
    void onOpen(WebSocket socket, boolean reconnect);

    /**
     * A text message, on the reader thread.
     *
     * @param text the message
     */
    void onText(String text);

    /**
     * A connection was lost or replaced; a new one follows after {@code retryIn}.
     *
     * @param lost the socket given up (the one {@link #onOpen} was given), or {@code null} when
     *     it never opened
     * @param cause what happened
     * @param retryIn the wait before the next attempt
     */
    default void onLost(WebSocket lost, Throwable cause, Duration retryIn) {}

    /**
     * Whether silence means a dead connection right now (a feed that may legitimately be quiet,
     * such as private account streams, says no and relies on pings). Called on the watcher
     * thread; must be quick and take no lock.
     *
     * @return {@code true} to reconnect after {@link Settings#silenceTimeout()} without a message
     */
    default boolean watchSilence() {
      return true;
    }
  }

  /**
   * The connection's settings.
   *
   * @param name a short name for logs and errors, e.g. {@code binance-liquidations}
   * @param url the {@code ws://} or {@code wss://} URL
   * @param pingInterval how often a client ping is sent, {@code > 0}
   * @param silenceTimeout reconnect when no message came for this long, {@code > 0}; a feed
   *     that may be quiet for long (liquidations) sets it well above its quietest stretch
   * @param maxConnectionAge replace the connection after this long, {@code > 0} (a little
   *     under the venue's limit), or {@code null} for no limit
   * @param backoffBase the first reconnect wait ceiling
   * @param backoffMax the longest reconnect wait
   */
  public record Settings(String name, String url, Duration pingInterval, Duration silenceTimeout,
      Duration maxConnectionAge, Duration backoffBase, Duration backoffMax) {
    /** Validates. */
    public Settings {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("ws://") && !url.startsWith("wss://")) {
        throw new IllegalArgumentException(name + ": not a WebSocket URL: " + url);
      }
      for (Duration d : new Duration[] {pingInterval, silenceTimeout, maxConnectionAge}) {
        if (d == maxConnectionAge && d == null) {
          continue;
        }
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException(name + ": ping interval, silence timeout and connection age must be > 0");
        }
      }
      new RetryPolicy(1, backoffBase, backoffMax); // validates the backoff pair
    }
  }

  private final Settings settings;
  private final OkHttpClient client;
  private final Handler handler;
  private final LongSupplier nanoTime;
  private final RetryPolicy backoff;
  private final AtomicLong messages = new AtomicLong();
  private final AtomicLong reconnects = new AtomicLong();

  private ScheduledThreadPoolExecutor scheduler;
  private WebSocket socket;
  private boolean open;
  private boolean running;
  private int generation;
  private int failures;
  private boolean everConnected;
  private boolean closed;
  private long openedNanos;
  private volatile long lastMessageNanos;

  /**
   * @param settings the settings
   * @param client the HTTP client to derive the WebSocket client from
   * @param handler the owner's callbacks
   * @param nanoTime the monotonic clock for silence and connection age
   */
  public ReconnectingWebSocket(Settings settings, OkHttpClient client, Handler handler, LongSupplier nanoTime) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.client = client.newBuilder().pingInterval(settings.pingInterval()).readTimeout(Duration.ZERO).build();
    this.handler = Objects.requireNonNull(handler, "handler");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.backoff = new RetryPolicy(Integer.MAX_VALUE, settings.backoffBase(), settings.backoffMax());
  }

  /** Connects; does nothing while already running (connected, connecting or waiting to reconnect). */
  public synchronized void start() {
    if (closed) {
      throw new IllegalStateException(settings.name() + ": closed");
    }
    if (running) {
      return;
    }
    running = true;
    if (scheduler == null) {
      scheduler = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, settings.name() + "-ws-scheduler");
        t.setDaemon(true);
        return t;
      });
      scheduler.setRemoveOnCancelPolicy(true);
      long shortest = settings.maxConnectionAge() == null ? settings.silenceTimeout().toMillis()
          : Math.min(settings.silenceTimeout().toMillis(), settings.maxConnectionAge().toMillis());
      // at least once a second: cheap, and a fake clock in tests is seen soon
      long period = Math.max(10, Math.min(1000, shortest / 4));
      scheduler.scheduleAtFixedRate(this::watch, period, period, TimeUnit.MILLISECONDS);
    }
    if (socket == null) {
      connect();
    }
  }

  /**
   * Closes the connection (a normal close frame) and does not reconnect until the next {@link
   * #start()}; the handler is not told (the caller knows).
   *
   * @param why the reason, for the log and the close frame
   */
  public synchronized void stop(String why) {
    running = false;
    generation++; // callbacks of the old socket are ignored from now on
    if (socket != null) {
      log.info("{}: closing the WebSocket ({})", settings.name(), why);
      socket.close(1000, why);
      socket = null;
    }
    open = false;
  }

  /** @return whether a connection is open now */
  public synchronized boolean isOpen() {
    return open;
  }

  /** @return text messages received over all connections */
  public long messages() {
    return messages.get();
  }

  /** @return connections made after a loss or a planned replacement (not a {@link #start()} after {@link #stop}) */
  public long reconnects() {
    return reconnects.get();
  }

  private void connect() {
    generation++;
    int gen = generation;
    open = false;
    openedNanos = nanoTime.getAsLong();
    lastMessageNanos = openedNanos;
    log.info("{}: connecting to {}", settings.name(), settings.url());
    socket = client.newWebSocket(new Request.Builder().url(settings.url()).build(), new Listener(gen));
  }

  private void watch() {
    WebSocket replaced;
    Throwable why;
    synchronized (this) {
      if (closed || socket == null || !open) {
        return;
      }
      long now = nanoTime.getAsLong();
      Duration maxAge = settings.maxConnectionAge();
      long silent = now - lastMessageNanos;
      if (maxAge != null && now - openedNanos > maxAge.toNanos()) {
        // a planned replacement before the venue's cut: no failure, no backoff
        log.info("{}: connection is {} old; replacing it", settings.name(), Duration.ofNanos(now - openedNanos));
        replaced = socket;
        generation++;
        replaced.close(1000, "connection age");
        reconnects.incrementAndGet();
        connect();
        why = new VenueUnavailableException(settings.name(), "AGE", settings.name() + ": connection replaced at "
            + maxAge + " of age", null);
      } else if (silent > settings.silenceTimeout().toNanos() && handler.watchSilence()) {
        WebSocket s = socket;
        lost(generation, new VenueUnavailableException(settings.name(), "SILENCE",
            settings.name() + ": WebSocket silent for " + silent / 1_000_000L + " ms", null), false);
        s.cancel();
        return;
      } else {
        return;
      }
    }
    notifyLost(replaced, why, Duration.ZERO);
  }

  private void lost(int gen, Throwable cause) {
    lost(gen, cause, true);
  }

  /** Gives the socket of {@code gen} up and schedules a reconnect; tells the handler when {@code tell}. */
  private void lost(int gen, Throwable cause, boolean tell) {
    WebSocket given;
    Duration delay;
    synchronized (this) {
      if (gen != generation || closed || !running) {
        return;
      }
      generation++; // further callbacks of the lost socket are ignored
      given = open ? socket : null;
      socket = null;
      open = false;
      failures++;
      delay = backoff.backoff(failures, ThreadLocalRandom.current().nextDouble());
      log.warn("{}: WebSocket lost ({}); reconnect {} in {} ms", settings.name(), cause.getMessage(), failures,
          delay.toMillis());
      scheduler.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }
    if (tell) {
      notifyLost(given, cause, delay);
    } else {
      // called under the lock by the watcher: tell the handler from the scheduler thread instead
      WebSocket g = given;
      Duration d = delay;
      scheduler.execute(() -> notifyLost(g, cause, d));
    }
  }

  private void notifyLost(WebSocket given, Throwable cause, Duration delay) {
    try {
      handler.onLost(given, cause, delay);
    } catch (RuntimeException e) {
      log.warn("{}: handler threw on a lost connection", settings.name(), e);
    }
  }

  private synchronized void reconnect() {
    if (closed || !running || socket != null) {
      return;
    }
    reconnects.incrementAndGet();
    connect();
  }

  private void opened(int gen, WebSocket ws) {
    boolean again;
    synchronized (this) {
      if (gen != generation) {
        return;
      }
      open = true;
      failures = 0;
      lastMessageNanos = nanoTime.getAsLong();
      again = everConnected;
      everConnected = true;
    }
    log.info("{}: WebSocket {}", settings.name(), again ? "reconnected" : "connected");
    handler.onOpen(ws, again);
  }

  private void text(int gen, String text) {
    synchronized (this) {
      if (gen != generation) {
        return; // a message of a socket already given up
      }
      lastMessageNanos = nanoTime.getAsLong();
    }
    messages.incrementAndGet();
    try {
      handler.onText(text);
    } catch (RuntimeException e) {
      log.warn("{}: handler threw on a message; continuing", settings.name(), e);
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      running = false;
      generation++;
      if (socket != null) {
        socket.close(1000, "closed");
        socket = null;
      }
      open = false;
      if (scheduler != null) {
        scheduler.shutdownNow();
      }
    }
  }

  private final class Listener extends WebSocketListener {
    private final int gen;

    Listener(int gen) {
      this.gen = gen;
    }

    @Override
    public void onOpen(WebSocket webSocket, Response response) {
      opened(gen, webSocket);
    }

    @Override
    public void onMessage(WebSocket webSocket, String text) {
      text(gen, text);
    }

    @Override
    public void onClosing(WebSocket webSocket, int code, String reason) {
      webSocket.close(1000, null);
      lost(gen, new VenueUnavailableException(settings.name(), Integer.toString(code),
          settings.name() + ": server closed the WebSocket: " + code + " " + reason, null));
    }

    @Override
    public void onClosed(WebSocket webSocket, int code, String reason) {
      lost(gen, new VenueUnavailableException(settings.name(), Integer.toString(code),
          settings.name() + ": WebSocket closed: " + code + " " + reason, null));
    }

    @Override
    public void onFailure(WebSocket webSocket, Throwable t, Response response) {
      lost(gen, new VenueUnavailableException(settings.name(), null,
          settings.name() + ": WebSocket failed: " + NetworkErrors.describe(t), t));
    }
  }
}
