package dev.nanpin.data;

import static java.util.Objects.requireNonNull;

import dev.nanpin.http.RetryPolicy;
import dev.nanpin.ratelimit.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import okhttp3.OkHttpClient;

/**
 * The settings every data source shares: key, base URL, rate limit, cool-down, caching, and the
 * injected time and HTTP client. Built with {@link #builder()}; each setting may be set once.
 *
 * <p>Defaults: the source's public base URL; the source's published (or assumed) rate limit,
 * used at 95 %; a 65 s cool-down after a 429; callers wait at most 10 s for a permit and get a
 * {@link dev.nanpin.RateLimitedException} beyond that (so a cooling source fails fast and the
 * last good answer is served stale); a time-to-live per query kind; last good answers kept 24 h.
 *
 * <p>{@link #toString()} never shows the key. Immutable and thread-safe.
 */
public final class SourceConfig {
  /** The default monotonic clock; sources on it share one rate limiter per source in the process. */
  public static final LongSupplier SYSTEM_NANO_TIME = System::nanoTime;

  private final String apiKey;
  private final String baseUrl;
  private final String secondBaseUrl;
  private final int publishedLimit;
  private final Duration window;
  private final double limitFraction;
  private final Duration cooldown;
  private final Duration maxWait;
  private final Duration staleLimit;
  private final Map<String, Duration> ttl;
  private final Map<String, String> options;
  private final OkHttpClient client;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final RetryPolicy retry;

  private SourceConfig(Builder b) {
    this.apiKey = b.apiKey;
    this.baseUrl = b.baseUrl;
    this.secondBaseUrl = b.secondBaseUrl;
    this.publishedLimit = b.publishedLimit;
    this.window = b.window;
    this.limitFraction = b.limitFraction;
    this.cooldown = b.cooldown;
    this.maxWait = b.maxWait;
    this.staleLimit = b.staleLimit;
    this.ttl = Map.copyOf(b.ttl);
    this.options = Map.copyOf(b.options);
    this.client = b.client;
    this.clock = b.clock;
    this.nanoTime = b.nanoTime;
    this.sleeper = b.sleeper;
    this.retry = b.retry;
  }

  /** @return a new builder with every default */
  public static Builder builder() {
    return new Builder();
  }

  /** @return the default settings (keys then come from the environment) */
  public static SourceConfig defaults() {
    return builder().build();
  }

  /** @return the API key, or {@code null} to read the source's environment variable */
  public String apiKey() {
    return apiKey;
  }

  /** @return the base URL override, or {@code null} for the source's public one */
  public String baseUrl() {
    return baseUrl;
  }

  /** @return the second base URL override (Polymarket CLOB), or {@code null} */
  public String secondBaseUrl() {
    return secondBaseUrl;
  }

  /** @return the published limit override (requests per {@link #window()}), or 0 for the source's default */
  public int publishedLimit() {
    return publishedLimit;
  }

  /** @return the window of {@link #publishedLimit()}, or {@code null} for the source's default */
  public Duration window() {
    return window;
  }

  /** @return the share of the published limit used, in (0, 1]; default 0.95 */
  public double limitFraction() {
    return limitFraction;
  }

  /** @return the pause after a 429 without {@code Retry-After}; default 65 s */
  public Duration cooldown() {
    return cooldown;
  }

  /** @return the longest wait for a rate-limit permit before failing; default 10 s */
  public Duration maxWait() {
    return maxWait;
  }

  /** @return how long a last good answer may be served stale; default 24 h */
  public Duration staleLimit() {
    return staleLimit;
  }

  /**
   * @param kind a query kind
   * @param fallback the source's default
   * @return the time-to-live of answers of that kind
   */
  public Duration ttl(String kind, Duration fallback) {
    return ttl.getOrDefault(kind, fallback);
  }

  /**
   * @param name a source-specific option (e.g. {@code plan}, {@code cmcIds}, {@code markets})
   * @return its value, or {@code null}
   */
  public String option(String name) {
    return options.get(name);
  }

  /** @return the HTTP client, or {@code null} for the shared one */
  public OkHttpClient client() {
    return client;
  }

  /** @return the wall clock */
  public Clock clock() {
    return clock;
  }

  /** @return the monotonic clock in nanoseconds */
  public LongSupplier nanoTime() {
    return nanoTime;
  }

  /** @return how waits happen */
  public Sleeper sleeper() {
    return sleeper;
  }

  /** @return the retry policy of idempotent reads */
  public RetryPolicy retry() {
    return retry;
  }

  @Override
  public String toString() {
    return "SourceConfig[apiKey=%s, baseUrl=%s, limit=%s/%s at %s, cooldown=%s, ttl=%s, options=%s]".formatted(
        apiKey == null ? "(env)" : "****", baseUrl, publishedLimit == 0 ? "default" : publishedLimit, window,
        limitFraction, cooldown, ttl, options);
  }

  /** Builds a {@link SourceConfig}. Not thread-safe. */
  public static final class Builder {
    private String apiKey;
    private String baseUrl;
    private String secondBaseUrl;
    private int publishedLimit;
    private Duration window;
    private double limitFraction = 0.95;
    private Duration cooldown = Duration.ofSeconds(65);
    private Duration maxWait = Duration.ofSeconds(10);
    private Duration staleLimit = Duration.ofHours(24);
    private final Map<String, Duration> ttl = new LinkedHashMap<>();
    private final Map<String, String> options = new LinkedHashMap<>();
    private OkHttpClient client;
    private Clock clock = Clock.systemUTC();
    private LongSupplier nanoTime = SYSTEM_NANO_TIME;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private final java.util.Set<String> set = new java.util.HashSet<>();

    private Builder() {}

    private void once(String name) {
      if (!set.add(name)) {
        throw new IllegalStateException(name + " was already set");
      }
    }

    /**
     * @param apiKey the key; {@code null} or blank reads the environment
     * @return this builder
     */
    public Builder apiKey(String apiKey) {
      once("apiKey");
      this.apiKey = apiKey == null || apiKey.isBlank() ? null : apiKey.trim();
      return this;
    }

    /**
     * @param baseUrl the base URL (tests, proxies), e.g. {@code http://localhost:8080/api/v3}
     * @return this builder
     */
    public Builder baseUrl(String baseUrl) {
      once("baseUrl");
      this.baseUrl = requireNonNull(baseUrl, "baseUrl");
      return this;
    }

    /**
     * @param url the second base URL of a two-host source (Polymarket CLOB)
     * @return this builder
     */
    public Builder secondBaseUrl(String url) {
      once("secondBaseUrl");
      this.secondBaseUrl = requireNonNull(url, "url");
      return this;
    }

    /**
     * @param requests the published limit, {@code >= 1}
     * @param window its window
     * @return this builder
     */
    public Builder publishedLimit(int requests, Duration window) {
      once("publishedLimit");
      if (requests < 1 || window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("need requests >= 1 and a positive window");
      }
      this.publishedLimit = requests;
      this.window = window;
      return this;
    }

    /**
     * @param fraction the share of the published limit used, in (0, 1]
     * @return this builder
     */
    public Builder limitFraction(double fraction) {
      once("limitFraction");
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("limitFraction must be in (0, 1]: " + fraction);
      }
      this.limitFraction = fraction;
      return this;
    }

    /**
     * @param cooldown the pause after a 429 without {@code Retry-After}
     * @return this builder
     */
    public Builder cooldown(Duration cooldown) {
      once("cooldown");
      this.cooldown = nonNegative(cooldown, "cooldown");
      return this;
    }

    /**
     * @param maxWait the longest wait for a permit
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      once("maxWait");
      this.maxWait = nonNegative(maxWait, "maxWait");
      return this;
    }

    /**
     * @param staleLimit how long a last good answer may be served stale ({@code 0} disables stale-if-error)
     * @return this builder
     */
    public Builder staleLimit(Duration staleLimit) {
      once("staleLimit");
      this.staleLimit = nonNegative(staleLimit, "staleLimit");
      return this;
    }

    /**
     * @param kind a query kind, e.g. {@code price}
     * @param ttl its time-to-live ({@code 0} disables caching of that kind)
     * @return this builder
     */
    public Builder ttl(String kind, Duration ttl) {
      if (this.ttl.put(requireNonNull(kind, "kind"), nonNegative(ttl, "ttl")) != null) {
        throw new IllegalStateException("ttl of " + kind + " was already set");
      }
      return this;
    }

    /**
     * @param name a source-specific option
     * @param value its value
     * @return this builder
     */
    public Builder option(String name, String value) {
      if (options.put(requireNonNull(name, "name"), requireNonNull(value, "value")) != null) {
        throw new IllegalStateException("option " + name + " was already set");
      }
      return this;
    }

    /**
     * @param client the OkHttp client (derive it from a shared one with {@code newBuilder()})
     * @return this builder
     */
    public Builder client(OkHttpClient client) {
      once("client");
      this.client = requireNonNull(client, "client");
      return this;
    }

    /**
     * @param clock the wall clock for answer times and ages
     * @return this builder
     */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = requireNonNull(clock, "clock");
      return this;
    }

    /**
     * @param nanoTime the monotonic clock for rate limits and cache expiry
     * @return this builder
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      once("nanoTime");
      this.nanoTime = requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * @param sleeper how rate-limit and retry waits happen
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      once("sleeper");
      this.sleeper = requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @param retry the retry policy of reads
     * @return this builder
     */
    public Builder retry(RetryPolicy retry) {
      once("retry");
      this.retry = requireNonNull(retry, "retry");
      return this;
    }

    /** @return the settings */
    public SourceConfig build() {
      return new SourceConfig(this);
    }

    private static Duration nonNegative(Duration d, String name) {
      if (requireNonNull(d, name).isNegative()) {
        throw new IllegalArgumentException(name + " must be >= 0: " + d);
      }
      return d;
    }
  }
}
