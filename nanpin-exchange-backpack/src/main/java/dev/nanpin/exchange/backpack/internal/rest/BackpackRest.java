package dev.nanpin.exchange.backpack.internal.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.AuthenticationException;
import dev.nanpin.NanpinException;
import dev.nanpin.exchange.backpack.BackpackConfig;
import dev.nanpin.exchange.backpack.BackpackSigner;
import dev.nanpin.exchange.backpack.internal.J;
import dev.nanpin.exchange.backpack.internal.Render;
import dev.nanpin.http.CircuitBreaker;
import dev.nanpin.http.HttpCall;
import dev.nanpin.http.HttpJson;
import dev.nanpin.http.HttpResult;
import dev.nanpin.http.RetryPolicy;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Backpack REST transport: builds public and signed requests for the {@link Endpoint}
 * table, admits them through the rate limiters before they are timestamped and signed, keeps
 * the offset to the venue's clock, and re-syncs and retries once (reads only) when the venue
 * says "Request has expired".
 *
 * <p>Thread-safe.
 */
public final class BackpackRest {
  private static final Logger log = LoggerFactory.getLogger(BackpackRest.class);
  private static final long RESYNC_NANOS = Duration.ofMinutes(15).toNanos();
  private static final Duration HISTORY_MAX_WAIT = Duration.ofSeconds(65);

  private final BackpackConfig config;
  private final HttpJson http;
  private final HttpJson httpOnce;
  private final RateLimiter restLimiter;
  private final RateLimiter historyLimiter;
  private final BackpackSigner signer;
  private final long windowMillis;

  private final Object clockLock = new Object();
  private volatile long offsetMillis;
  private volatile long lastSyncNanos;
  private volatile boolean synced;

  /**
   * @param config the connector settings
   */
  public BackpackRest(BackpackConfig config) {
    this.config = config;
    HttpJson.Builder b = HttpJson.builder(J.VENUE).nanoTime(config.nanoTime()).sleeper(config.sleeper())
        .retry(config.retry()).circuitBreaker(CircuitBreaker.withDefaults(J.VENUE, config.nanoTime()));
    if (config.httpClient() != null) {
      b.client(config.httpClient());
    }
    HttpJson base = b.build();
    BackpackErrorMapper errors = new BackpackErrorMapper(config.clock(), base.mapper());
    this.http = b.errorMapper(errors).build();
    this.httpOnce = b.retry(RetryPolicy.NONE).build();
    this.restLimiter = RateLimiter.builder("backpack-rest")
        .publishedLimit(config.restLimitPerMinute(), config.rateLimitFraction())
        .window(Duration.ofMinutes(1)).nanoTime(config.nanoTime()).sleeper(config.sleeper()).build();
    this.historyLimiter = RateLimiter.builder("backpack-history")
        .publishedLimit(config.historyLimitPerMinute(), config.rateLimitFraction())
        .window(Duration.ofMinutes(1)).cooldown(Duration.ofSeconds(5))
        .nanoTime(config.nanoTime()).sleeper(config.sleeper()).build();
    this.signer = config.signer();
    this.windowMillis = config.window().toMillis();
  }

  /** @return the JSON layer (mapper, body serialisation) */
  public HttpJson http() {
    return http;
  }

  /** @return the limiter of standard requests */
  public RateLimiter restLimiter() {
    return restLimiter;
  }

  /** @return the limiter of historical-data requests */
  public RateLimiter historyLimiter() {
    return historyLimiter;
  }

  /** @return the signer, or {@code null} without keys */
  public BackpackSigner signer() {
    return signer;
  }

  /** @return the current estimate of venue time minus local time, in ms */
  public long clockOffsetMillis() {
    return offsetMillis;
  }

  /**
   * Calls a public endpoint.
   *
   * @param endpoint the endpoint
   * @param query query parameters (nulls skipped)
   * @return the JSON body
   */
  public JsonNode get(Endpoint endpoint, Map<String, ?> query) {
    return http.executeJson(publicCall(endpoint, query));
  }

  /**
   * Calls a public endpoint that answers text/plain.
   *
   * @param endpoint the endpoint
   * @return the body text
   */
  public String getText(Endpoint endpoint) {
    return http.execute(publicCall(endpoint, Map.of())).body().strip();
  }

  private HttpCall publicCall(Endpoint endpoint, Map<String, ?> query) {
    if (endpoint.instruction() != null) {
      throw new IllegalArgumentException(endpoint + " is a private endpoint; call signed()");
    }
    HttpUrl url = url(endpoint, query);
    Supplier<Request> factory = () -> new Request.Builder().url(url).get().build();
    return endpoint.historical()
        // a backfill pages through a 30/min limit: its pages may wait a window, never longer
        ? HttpCall.idempotent(factory, restLimiter, historyLimiter).withPriority(endpoint.priority())
            .withMaxWait(HISTORY_MAX_WAIT)
        : HttpCall.idempotent(factory, restLimiter).withPriority(endpoint.priority());
  }

  /**
   * Calls a private endpoint, signed.
   *
   * @param endpoint the endpoint
   * @param params for GET: the query; otherwise the JSON body (a map or, for a batch, a list of
   *     maps); values String / Number / Boolean; nulls skipped
   * @return the successful response
   * @throws AuthenticationException without keys, or as the venue answers
   */
  public HttpResult signed(Endpoint endpoint, Object params) {
    if (endpoint.instruction() == null) {
      throw new IllegalArgumentException(endpoint + " is public; call get()");
    }
    if (signer == null) {
      throw new AuthenticationException(J.VENUE, null, "backpack: " + endpoint.path()
          + " needs API keys: set " + BackpackConfig.ENV_SECRET + " or apiSecret", null);
    }
    ensureClockSynced();
    Object clean = clean(params);
    HttpCall call = signedCall(endpoint, clean);
    HttpJson client = endpoint.idempotent() ? http : httpOnce;
    try {
      return client.execute(call);
    } catch (AuthenticationException e) {
      if (!BackpackErrorMapper.isExpired(e) || !endpoint.idempotent()) {
        throw e;
      }
      log.warn("backpack: request expired ({}); re-syncing the clock and retrying once", endpoint.path());
      syncClock();
      return client.execute(signedCall(endpoint, clean));
    }
  }

  /**
   * Calls a private endpoint and parses the JSON body.
   *
   * @param endpoint the endpoint
   * @param params as for {@link #signed}
   * @return the body ({@code MissingNode} when empty)
   */
  public JsonNode signedJson(Endpoint endpoint, Object params) {
    return http.parse(signed(endpoint, params));
  }

  private HttpCall signedCall(Endpoint endpoint, Object params) {
    boolean query = endpoint.method().equals("GET");
    @SuppressWarnings("unchecked")
    HttpUrl url = query ? url(endpoint, (Map<String, ?>) params) : url(endpoint, Map.of());
    String json = query || params == null ? null : http.toJson(params);
    // Runs after the limiters admitted the attempt: the timestamp is taken here, per attempt.
    Supplier<Request> factory = () -> {
      long ts = nowMillis();
      String signature = signer.sign(endpoint.instruction(), params, ts, windowMillis);
      Request.Builder rb = new Request.Builder().url(url)
          .header("X-API-Key", signer.apiKey())
          .header("X-Signature", signature)
          .header("X-Timestamp", Long.toString(ts))
          .header("X-Window", Long.toString(windowMillis));
      RequestBody body = json == null ? null : RequestBody.create(json, HttpJson.JSON);
      if (query) {
        rb.get();
      } else {
        rb.method(endpoint.method(), body == null ? RequestBody.create("", HttpJson.JSON) : body);
      }
      return rb.build();
    };
    HttpCall call = endpoint.idempotent() ? HttpCall.idempotent(factory, restLimiter) : HttpCall.once(factory, restLimiter);
    return call.withPriority(endpoint.priority());
  }

  /** @return the venue's time estimate: local wall clock plus the measured offset, in ms */
  public long nowMillis() {
    return config.clock().millis() + offsetMillis;
  }

  /**
   * Measures the offset to the venue's clock from {@code GET /api/v1/time}.
   *
   * @return the venue's time in ms
   */
  public long syncClock() {
    synchronized (clockLock) {
      long before = config.clock().millis();
      String text = getText(Endpoint.TIME);
      long after = config.clock().millis();
      long server;
      try {
        server = Long.parseLong(text);
      } catch (NumberFormatException e) {
        throw J.malformed("server time is not a number: " + (text.length() > 60 ? text.substring(0, 60) : text));
      }
      offsetMillis = server - (before + after) / 2;
      lastSyncNanos = config.nanoTime().getAsLong();
      synced = true;
      if (Math.abs(offsetMillis) > 1000) {
        log.warn("backpack: local clock is {} ms off the venue's; timestamps are corrected", -offsetMillis);
      }
      return server;
    }
  }

  /** Measures the clock offset if it was never measured or is older than 15 minutes. */
  public void ensureClockSynced() {
    if (synced && config.nanoTime().getAsLong() - lastSyncNanos < RESYNC_NANOS) {
      return;
    }
    try {
      syncClock();
    } catch (NanpinException e) {
      // the signed call itself will report an unreachable venue; an unsynced clock is only
      // a risk of "Request has expired", which is handled by a re-sync
      log.warn("backpack: clock sync failed, signing with the local clock: {}", e.getMessage());
      lastSyncNanos = config.nanoTime().getAsLong();
      synced = true;
    }
  }

  private HttpUrl url(Endpoint endpoint, Map<String, ?> query) {
    HttpUrl base = config.baseUrl();
    HttpUrl.Builder ub = base.newBuilder();
    String basePath = base.encodedPath().endsWith("/") ? base.encodedPath().substring(0, base.encodedPath().length() - 1)
        : base.encodedPath();
    ub.encodedPath(basePath + endpoint.path());
    if (query != null) {
      for (Map.Entry<String, ?> e : query.entrySet()) {
        if (e.getValue() != null) {
          ub.addQueryParameter(e.getKey(), Render.value(e.getKey(), e.getValue()));
        }
      }
    }
    return ub.build();
  }

  /** Drops null values, keeps order; lists of maps are cleaned element-wise. */
  private static Object clean(Object params) {
    if (params == null) {
      return null;
    }
    if (params instanceof Map<?, ?> m) {
      Map<String, Object> out = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : m.entrySet()) {
        if (e.getValue() != null) {
          out.put((String) e.getKey(), e.getValue());
        }
      }
      return out;
    }
    if (params instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(clean(Objects.requireNonNull(o, "batch element")));
      }
      return out;
    }
    throw new IllegalArgumentException("params must be a Map or a List of Maps");
  }
}
