package dev.nanpin.exchange.backpack;

import dev.nanpin.ConfigException;
import dev.nanpin.http.RetryPolicy;
import dev.nanpin.ratelimit.RateLimiter;
import dev.nanpin.ratelimit.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;

/**
 * Settings of a {@link BackpackExchange}. Build with {@link #builder()}; every setting has a
 * default, so {@code BackpackConfig.builder().build()} is a working public-data connector.
 *
 * <p>Keys: {@link Builder#apiSecret} (the base64 Ed25519 seed) and optionally {@link
 * Builder#apiKey} (the base64 public key, checked against the one derived from the secret), or
 * from the environment with {@link Builder#credentialsFromEnvironment(Map)} ({@code
 * BACKPACK_API_SECRET}, {@code BACKPACK_API_KEY}). {@link #toString()} never shows the secret.
 *
 * <p>Immutable and thread-safe.
 */
public final class BackpackConfig {
  /** The production REST base URL. */
  public static final String DEFAULT_BASE_URL = "https://api.backpack.exchange";
  /** The production WebSocket URL. */
  public static final String DEFAULT_WS_URL = "wss://ws.backpack.exchange";
  /** The environment variable holding the API secret. */
  public static final String ENV_SECRET = "BACKPACK_API_SECRET";
  /** The environment variable holding the API (public) key, optional. */
  public static final String ENV_KEY = "BACKPACK_API_KEY";

  private final HttpUrl baseUrl;
  private final String wsUrl;
  private final BackpackSigner signer;
  private final Duration window;
  private final double rateLimitFraction;
  private final int restLimitPerMinute;
  private final int historyLimitPerMinute;
  private final RetryPolicy retry;
  private final OkHttpClient httpClient;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final ClientIdSource clientIds;
  private final Duration wsSilenceTimeout;
  private final Duration wsPingInterval;
  private final Duration wsBackoffBase;
  private final Duration wsBackoffMax;
  private final int listenerQueueCapacity;
  private final Duration priceFreshness;
  private final Duration orderLookupDelay;
  private final Duration orderResolveDeadline;

  private BackpackConfig(Builder b) {
    this.baseUrl = b.baseUrl;
    this.wsUrl = b.wsUrl;
    this.window = b.window;
    this.rateLimitFraction = b.rateLimitFraction;
    this.restLimitPerMinute = b.restLimitPerMinute;
    this.historyLimitPerMinute = b.historyLimitPerMinute;
    this.retry = b.retry;
    this.httpClient = b.httpClient;
    this.clock = b.clock;
    this.nanoTime = b.nanoTime;
    this.sleeper = b.sleeper;
    this.clientIds = b.clientIds != null ? b.clientIds : ClientIdSource.processWide();
    this.wsSilenceTimeout = b.wsSilenceTimeout;
    this.wsPingInterval = b.wsPingInterval;
    this.wsBackoffBase = b.wsBackoffBase;
    this.wsBackoffMax = b.wsBackoffMax;
    this.listenerQueueCapacity = b.listenerQueueCapacity;
    this.priceFreshness = b.priceFreshness;
    this.orderLookupDelay = b.orderLookupDelay;
    this.orderResolveDeadline = b.orderResolveDeadline != null ? b.orderResolveDeadline
        : b.window.plus(Duration.ofSeconds(25));
    if (b.apiSecret != null && !b.apiSecret.isBlank()) {
      BackpackSigner s = BackpackSigner.fromSecret(b.apiSecret);
      if (b.apiKey != null && !b.apiKey.isBlank() && !b.apiKey.strip().equals(s.apiKey())) {
        throw new ConfigException("apiKey", "the Backpack API key " + b.apiKey.strip()
            + " is not the public key of the configured secret (derived: " + s.apiKey() + ")");
      }
      this.signer = s;
    } else {
      if (b.apiKey != null && !b.apiKey.isBlank()) {
        throw new ConfigException("apiSecret", "a Backpack API key is set but no secret: set "
            + ENV_SECRET + " or apiSecret as well");
      }
      this.signer = null;
    }
  }

  /** @return a builder with the defaults */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the REST base URL */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** @return the WebSocket URL */
  public String wsUrl() {
    return wsUrl;
  }

  /** @return the signer, or {@code null} when no keys are configured (public data only) */
  public BackpackSigner signer() {
    return signer;
  }

  /** @return whether keys are configured */
  public boolean hasCredentials() {
    return signer != null;
  }

  /** @return the signature validity window; default 5 s, at most 60 s */
  public Duration window() {
    return window;
  }

  /** @return the share of the published rate limits used; default 0.95 */
  public double rateLimitFraction() {
    return rateLimitFraction;
  }

  /** @return the published limit of standard requests per minute; default 2000 */
  public int restLimitPerMinute() {
    return restLimitPerMinute;
  }

  /** @return the published limit of historical-data requests (klines) per minute; default 30 */
  public int historyLimitPerMinute() {
    return historyLimitPerMinute;
  }

  /** @return the retry policy of idempotent calls */
  public RetryPolicy retry() {
    return retry;
  }

  /** @return the OkHttp client, or {@code null} for the shared default */
  public OkHttpClient httpClient() {
    return httpClient;
  }

  /** @return the wall clock */
  public Clock clock() {
    return clock;
  }

  /** @return the monotonic clock in nanoseconds */
  public LongSupplier nanoTime() {
    return nanoTime;
  }

  /** @return how waits are done */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** @return where order client ids come from */
  public ClientIdSource clientIds() {
    return clientIds;
  }

  /** @return reconnect when a connection with public streams got no message for this long */
  public Duration wsSilenceTimeout() {
    return wsSilenceTimeout;
  }

  /** @return the interval of client pings (a missed pong fails the connection) */
  public Duration wsPingInterval() {
    return wsPingInterval;
  }

  /** @return the first reconnect backoff ceiling */
  public Duration wsBackoffBase() {
    return wsBackoffBase;
  }

  /** @return the largest reconnect backoff */
  public Duration wsBackoffMax() {
    return wsBackoffMax;
  }

  /**
   * @return the capacity of each subscription's event queue; when it is full, new events are
   *     dropped, counted, and followed by a re-sync (see {@link BackpackExchange})
   */
  public int listenerQueueCapacity() {
    return listenerQueueCapacity;
  }

  /** @return how old a WebSocket price may be and still be preferred to a REST ticker */
  public Duration priceFreshness() {
    return priceFreshness;
  }

  /**
   * @return the first pause between lookups of an order whose placement outcome is unknown; it
   *     doubles after each lookup, up to 5 s
   */
  public Duration orderLookupDelay() {
    return orderLookupDelay;
  }

  /**
   * @return how long an order whose placement outcome is unknown is looked up by client id before
   *     {@link dev.nanpin.OrderOutcomeUnknownException}; longer than the signing window, so that
   *     an order absent from the venue after the window can be called "not placed"
   */
  public Duration orderResolveDeadline() {
    return orderResolveDeadline;
  }

  @Override
  public String toString() {
    return "BackpackConfig[baseUrl=%s, wsUrl=%s, apiKey=%s, window=%s, rateLimitFraction=%s]"
        .formatted(baseUrl, wsUrl, signer == null ? "(none)" : signer.apiKey(), window, rateLimitFraction);
  }

  /** Builds a {@link BackpackConfig}. Not thread-safe. */
  public static final class Builder {
    private HttpUrl baseUrl = HttpUrl.get(DEFAULT_BASE_URL);
    private String wsUrl = DEFAULT_WS_URL;
    private String apiSecret;
    private String apiKey;
    private Duration window = Duration.ofSeconds(5);
    private double rateLimitFraction = RateLimiter.DEFAULT_SAFETY_FRACTION;
    private int restLimitPerMinute = 2000;
    private int historyLimitPerMinute = 30;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private OkHttpClient httpClient;
    private Clock clock = Clock.systemUTC();
    private LongSupplier nanoTime = System::nanoTime;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private ClientIdSource clientIds;
    private Duration wsSilenceTimeout = Duration.ofSeconds(30);
    private Duration wsPingInterval = Duration.ofSeconds(30);
    private Duration wsBackoffBase = Duration.ofMillis(500);
    private Duration wsBackoffMax = Duration.ofSeconds(30);
    private int listenerQueueCapacity = 10_000;
    private Duration priceFreshness = Duration.ofSeconds(5);
    private Duration orderLookupDelay = Duration.ofMillis(500);
    private Duration orderResolveDeadline;

    private Builder() {}

    /**
     * @param url the REST base URL (for tests and proxies); default {@value #DEFAULT_BASE_URL}
     * @return this builder
     */
    public Builder baseUrl(String url) {
      HttpUrl parsed = HttpUrl.parse(Objects.requireNonNull(url, "url"));
      if (parsed == null) {
        throw new ConfigException("baseUrl", "not an http(s) URL: " + url);
      }
      this.baseUrl = parsed;
      return this;
    }

    /**
     * @param url the WebSocket URL ({@code ws://} or {@code wss://}); default {@value #DEFAULT_WS_URL}
     * @return this builder
     */
    public Builder wsUrl(String url) {
      Objects.requireNonNull(url, "url");
      if (!url.startsWith("ws://") && !url.startsWith("wss://") && !url.startsWith("http://")
          && !url.startsWith("https://")) {
        throw new ConfigException("wsUrl", "not a ws(s) URL: " + url);
      }
      this.wsUrl = url;
      return this;
    }

    /**
     * @param secretBase64 the base64 Ed25519 seed (32 bytes) or seed plus public key (64 bytes)
     * @return this builder
     */
    public Builder apiSecret(String secretBase64) {
      this.apiSecret = secretBase64;
      return this;
    }

    /**
     * @param apiKeyBase64 the base64 public key; optional, checked against the secret
     * @return this builder
     */
    public Builder apiKey(String apiKeyBase64) {
      this.apiKey = apiKeyBase64;
      return this;
    }

    /**
     * Takes the keys from {@value #ENV_SECRET} and {@value #ENV_KEY} when set there and not set
     * on this builder.
     *
     * @param env the environment, usually {@code System.getenv()}
     * @return this builder
     */
    public Builder credentialsFromEnvironment(Map<String, String> env) {
      if (apiSecret == null) {
        apiSecret = env.get(ENV_SECRET);
      }
      if (apiKey == null) {
        apiKey = env.get(ENV_KEY);
      }
      return this;
    }

    /**
     * @param window the signature validity window, {@code 1 ms..60 s}; default 5 s
     * @return this builder
     */
    public Builder window(Duration window) {
      if (window == null || window.toMillis() < 1 || window.toMillis() > BackpackSigner.MAX_WINDOW_MILLIS) {
        throw new ConfigException("window", "window must be between 1 ms and 60 s: " + window);
      }
      this.window = window;
      return this;
    }

    /**
     * @param fraction the share of the published rate limits used, in {@code (0, 1]}; default 0.95
     * @return this builder
     */
    public Builder rateLimitFraction(double fraction) {
      if (!(fraction > 0 && fraction <= 1)) {
        throw new ConfigException("rateLimitFraction", "rateLimitFraction must be in (0, 1]: " + fraction);
      }
      this.rateLimitFraction = fraction;
      return this;
    }

    /**
     * @param perMinute the published standard limit; default 2000
     * @return this builder
     */
    public Builder restLimitPerMinute(int perMinute) {
      if (perMinute < 1) {
        throw new ConfigException("restLimitPerMinute", "must be >= 1: " + perMinute);
      }
      this.restLimitPerMinute = perMinute;
      return this;
    }

    /**
     * @param perMinute the published historical-data limit; default 30
     * @return this builder
     */
    public Builder historyLimitPerMinute(int perMinute) {
      if (perMinute < 1) {
        throw new ConfigException("historyLimitPerMinute", "must be >= 1: " + perMinute);
      }
      this.historyLimitPerMinute = perMinute;
      return this;
    }

    /**
     * @param retry the retry policy of idempotent calls; default {@link RetryPolicy#DEFAULT}
     * @return this builder
     */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * @param client the OkHttp client to use (share one across connectors); default the shared one
     * @return this builder
     */
    public Builder httpClient(OkHttpClient client) {
      this.httpClient = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * @param clock the wall clock for request timestamps; default UTC system clock
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param nanoTime the monotonic clock for rate limits, ages and backoff
     * @return this builder
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * @param sleeper how rate-limit and retry waits are done
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @param ids the client id source; default {@link ClientIdSource#processWide()}
     * @return this builder
     */
    public Builder clientIds(ClientIdSource ids) {
      this.clientIds = Objects.requireNonNull(ids, "ids");
      return this;
    }

    /**
     * @param timeout reconnect after this long without a message while public streams are
     *     subscribed; default 30 s
     * @return this builder
     */
    public Builder wsSilenceTimeout(Duration timeout) {
      this.wsSilenceTimeout = positive(timeout, "wsSilenceTimeout");
      return this;
    }

    /**
     * @param interval client ping interval; default 30 s
     * @return this builder
     */
    public Builder wsPingInterval(Duration interval) {
      this.wsPingInterval = positive(interval, "wsPingInterval");
      return this;
    }

    /**
     * @param base first reconnect backoff ceiling; default 500 ms
     * @param max largest reconnect backoff; default 30 s
     * @return this builder
     */
    public Builder wsBackoff(Duration base, Duration max) {
      this.wsBackoffBase = positive(base, "wsBackoffBase");
      this.wsBackoffMax = positive(max, "wsBackoffMax");
      if (max.compareTo(base) < 0) {
        throw new ConfigException("wsBackoffMax", "wsBackoffMax must be >= wsBackoffBase");
      }
      return this;
    }

    /**
     * @param capacity events buffered per subscription before the overflow policy applies;
     *     default 10000
     * @return this builder
     */
    public Builder listenerQueueCapacity(int capacity) {
      if (capacity < 1) {
        throw new ConfigException("listenerQueueCapacity", "must be >= 1: " + capacity);
      }
      this.listenerQueueCapacity = capacity;
      return this;
    }

    /**
     * @param freshness how old a WebSocket price may be and still win over REST; default 5 s
     * @return this builder
     */
    public Builder priceFreshness(Duration freshness) {
      this.priceFreshness = positive(freshness, "priceFreshness");
      return this;
    }

    /**
     * How an order whose placement outcome is unknown is resolved by its client id.
     *
     * @param firstDelay the first pause between lookups, doubling up to 5 s; default 500 ms
     * @param deadline how long to keep looking before {@link dev.nanpin.OrderOutcomeUnknownException};
     *     default the signing window plus 25 s (30 s); must exceed the signing window (checked at {@link #build()})
     * @return this builder
     */
    public Builder orderLookup(Duration firstDelay, Duration deadline) {
      if (firstDelay == null || firstDelay.isNegative() || deadline == null || deadline.isNegative()
          || deadline.isZero()) {
        throw new ConfigException("orderLookup", "need a first delay >= 0 and a deadline > 0");
      }
      this.orderLookupDelay = firstDelay;
      this.orderResolveDeadline = deadline;
      return this;
    }

    /**
     * @return the configuration
     * @throws ConfigException if the keys are invalid or do not match
     */
    public BackpackConfig build() {
      if (orderResolveDeadline != null && orderResolveDeadline.compareTo(window) <= 0) {
        throw new ConfigException("orderLookup", "the order resolve deadline " + orderResolveDeadline
            + " must exceed the signing window " + window + ": only then can an absent order be called not placed");
      }
      return new BackpackConfig(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new ConfigException(name, name + " must be > 0: " + d);
      }
      return d;
    }
  }
}
