package dev.nanpin.data;

import dev.nanpin.DataException;
import dev.nanpin.ExchangeListener;
import dev.nanpin.Liquidation;
import dev.nanpin.data.internal.BinanceForceOrderParser;
import dev.nanpin.http.HttpJson;
import dev.nanpin.http.ReconnectingWebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.LongSupplier;
import okhttp3.OkHttpClient;
import okhttp3.WebSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Binance USD-M futures' public liquidation stream ({@code forceOrder}), keyless.
 *
 * <p><b>Endpoint.</b> Binance split its futures WebSocket hosts in 2026: regular market streams,
 * this one included, are served under {@code wss://fstream.binance.com/market} (announced
 * 2026-03-06), and the legacy URLs ({@code wss://fstream.binance.com/ws/...}) were retired on
 * 2026-04-23. The default here is {@value #DEFAULT_BASE_URL} followed by {@value #ALL_SYMBOLS}
 * (every symbol) or {@code <symbol>@forceOrder} (one symbol, lower case); the base URL is
 * configurable for the next move.
 *
 * <p><b>Limits.</b> The stream is a snapshot: for each symbol at most the latest liquidation of
 * every 1000 ms is pushed, so any total built from it is a <em>lower bound</em> of what was
 * liquidated. It carries no liquidation price (only the fill), and there is no public history
 * to fill a gap after a reconnect: events during a drop are lost.
 *
 * <p><b>Connection.</b> Reconnects with backoff and jitter after a close, failure or long
 * silence; sends pings (OkHttp answers the server's); replaces the connection before Binance's
 * 24-hour cut ({@link Settings#maxConnectionAge()}, 23 h 30 min by default). Events reach the
 * listener's {@link ExchangeListener#onLiquidation} on the connection's reader thread, so the
 * listener must be quick (a {@link LiquidationAggregator} is); an unusable message reaches
 * {@link ExchangeListener#onStreamError} as a {@link DataException}, a reconnect {@link
 * ExchangeListener#onReconnected}.
 *
 * <p>Thread-safe.
 */
public final class BinanceLiquidationStream implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(BinanceLiquidationStream.class);

  /** The plugin and source id. */
  public static final String ID = "binance-liquidations";
  /** The market-stream base of USD-M futures since the 2026 move. */
  public static final String DEFAULT_BASE_URL = "wss://fstream.binance.com/market/ws/";
  /** The all-symbols stream name. */
  public static final String ALL_SYMBOLS = "!forceOrder@arr";

  /**
   * Settings.
   *
   * @param baseUrl the WebSocket base ending in {@code /ws/} (ws mode), e.g. {@value #DEFAULT_BASE_URL}
   * @param symbol one Binance symbol such as {@code BTCUSDT}, or {@code null} for every symbol
   * @param pingInterval client ping interval
   * @param silenceTimeout reconnect after this long without a message (liquidations can be quiet
   *     for minutes; pings detect a dead connection sooner)
   * @param maxConnectionAge replace the connection after this long (Binance cuts at 24 h)
   * @param backoffBase first reconnect wait ceiling
   * @param backoffMax longest reconnect wait
   * @param client the HTTP client, or {@code null} for the shared one
   * @param nanoTime the monotonic clock
   */
  public record Settings(String baseUrl, String symbol, Duration pingInterval, Duration silenceTimeout,
      Duration maxConnectionAge, Duration backoffBase, Duration backoffMax, OkHttpClient client, LongSupplier nanoTime) {
    /** Validates. */
    public Settings {
      Objects.requireNonNull(baseUrl, "baseUrl");
      Objects.requireNonNull(nanoTime, "nanoTime");
    }

    /**
     * The defaults for one symbol or all.
     *
     * @param symbol a Binance symbol, or {@code null} for all
     * @return the settings
     */
    public static Settings defaults(String symbol) {
      return new Settings(DEFAULT_BASE_URL, symbol, Duration.ofSeconds(30), Duration.ofMinutes(30),
          Duration.ofHours(23).plusMinutes(30), Duration.ofSeconds(1), Duration.ofMinutes(1), null, System::nanoTime);
    }

    /**
     * @param url another base URL (tests, a proxy, Binance's next move)
     * @return a copy
     */
    public Settings withBaseUrl(String url) {
      return new Settings(url, symbol, pingInterval, silenceTimeout, maxConnectionAge, backoffBase, backoffMax, client,
          nanoTime);
    }

    /** @return the full stream URL */
    public String url() {
      String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
      return base + (symbol == null ? ALL_SYMBOLS : symbol.toLowerCase(Locale.ROOT) + "@forceOrder");
    }
  }

  private final ReconnectingWebSocket socket;

  /**
   * Creates the stream; nothing connects until {@link #start()}.
   *
   * @param settings the settings
   * @param listener receives liquidations, reconnects and errors
   */
  public BinanceLiquidationStream(Settings settings, ExchangeListener listener) {
    Objects.requireNonNull(listener, "listener");
    ReconnectingWebSocket.Handler handler = new ReconnectingWebSocket.Handler() {
      @Override
      public void onOpen(WebSocket ws, boolean reconnect) {
        if (reconnect) {
          listener.onReconnected();
        }
      }

      @Override
      public void onText(String text) {
        List<Liquidation> events;
        try {
          events = BinanceForceOrderParser.parse(text);
        } catch (DataException e) {
          log.warn("{}", e.getMessage());
          listener.onStreamError(e);
          return;
        }
        events.forEach(listener::onLiquidation);
      }

      @Override
      public void onLost(WebSocket lost, Throwable cause, Duration retryIn) {
        listener.onStreamError(cause);
      }
    };
    this.socket = new ReconnectingWebSocket(new ReconnectingWebSocket.Settings(ID, settings.url(),
        settings.pingInterval(), settings.silenceTimeout(), settings.maxConnectionAge(), settings.backoffBase(),
        settings.backoffMax()), settings.client() != null ? settings.client() : HttpJson.sharedClient(), handler,
        settings.nanoTime());
  }

  /** Connects; idempotent. */
  public void start() {
    socket.start();
  }

  /** @return whether connected now */
  public boolean isOpen() {
    return socket.isOpen();
  }

  /** @return reconnections so far */
  public long reconnects() {
    return socket.reconnects();
  }

  @Override
  public void close() {
    socket.close();
  }
}
