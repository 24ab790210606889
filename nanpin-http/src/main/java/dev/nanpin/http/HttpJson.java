package dev.nanpin.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.nanpin.NanpinException;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.ratelimit.RateLimiter;
import dev.nanpin.ratelimit.Sleeper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link HttpCall}s and reads JSON: for each attempt, waits for every rate limiter, builds
 * the request (so signing happens after admission), sends it, and maps the response with the
 * {@link ErrorMapper}. Transport failures become {@link VenueUnavailableException}; a {@link
 * RateLimitedException} cools the call's limiters down. Idempotent calls are retried under the
 * {@link RetryPolicy} with backoff and jitter, waiting on an injected {@link Sleeper} and timed
 * with a monotonic clock; other calls are attempted exactly once, and the transport never
 * re-sends them either: they run on a client derived with {@code retryOnConnectionFailure(false)},
 * whatever client was configured.
 *
 * <p>JSON floats are read as {@link java.math.BigDecimal} and unknown fields are ignored.
 *
 * <p>Logs request lines (without query) and timings at DEBUG, never headers; every message about
 * a response is built from a copy whose body has lost the request's secrets ({@link Secrets}) and
 * the configured ones, so keys and signatures never reach an exception or a log at any level. Immutable and thread-safe; share one per venue.
 */
public final class HttpJson {
  private static final Logger log = LoggerFactory.getLogger(HttpJson.class);

  /** {@code application/json; charset=utf-8}. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final String venue;
  private final OkHttpClient client;
  private final OkHttpClient onceClient;
  private final ObjectMapper mapper;
  private final ErrorMapper errors;
  private final RetryPolicy retry;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final DoubleSupplier random;
  private final Set<String> secrets;
  private final CircuitBreaker breaker;

  private HttpJson(Builder b) {
    this.venue = b.venue;
    this.client = b.client != null ? b.client : sharedClient();
    // OkHttp silently re-sends a request whose reused connection was reset; for a call that must
    // reach the venue at most once (an order) that would be a second order. Whatever client the
    // caller passed, non-idempotent calls go through a derived client with that retry off.
    this.onceClient = client.retryOnConnectionFailure() ? client.newBuilder().retryOnConnectionFailure(false).build()
        : client;
    this.mapper = b.mapper != null ? b.mapper : newMapper();
    this.errors = b.errors != null ? b.errors : new StandardErrorMapper(b.venue);
    this.retry = b.retry;
    this.nanoTime = b.nanoTime;
    this.sleeper = b.sleeper;
    this.random = b.random;
    this.secrets = Set.copyOf(b.secrets);
    this.breaker = b.breaker;
  }

  /** @return the circuit breaker of this venue, or {@code null} without one */
  public CircuitBreaker circuitBreaker() {
    return breaker;
  }

  /**
   * Starts a builder.
   *
   * @param venue the venue or data source id, used in exceptions
   * @return the builder
   */
  public static Builder builder(String venue) {
    return new Builder(venue);
  }

  /**
   * The process-wide default client (connect 10 s, read and write 30 s), created on first use.
   * Derive variants with {@link OkHttpClient#newBuilder()} so they share its connection pool.
   *
   * @return the shared client
   */
  public static OkHttpClient sharedClient() {
    return SharedClient.INSTANCE;
  }

  /**
   * A new mapper configured as nanpin reads venue JSON: floats as {@link java.math.BigDecimal}
   * with their scale kept, unknown properties ignored.
   *
   * @return the mapper
   */
  public static ObjectMapper newMapper() {
    return JsonMapper.builder()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        // keep "0.50" as 0.50 in trees: a decimal's scale is information (tick sizes)
        .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
        .build();
  }

  /** @return the venue id */
  public String venue() {
    return venue;
  }

  /** @return the OkHttp client in use */
  public OkHttpClient client() {
    return client;
  }

  /** @return the Jackson mapper in use */
  public ObjectMapper mapper() {
    return mapper;
  }

  /**
   * Serialises a value as a JSON request body.
   *
   * @param value the value (a map, a list, a record)
   * @return the body
   * @throws IllegalArgumentException if the value cannot be serialised
   */
  public RequestBody jsonBody(Object value) {
    return RequestBody.create(toJson(value), JSON);
  }

  /**
   * Serialises a value to JSON text.
   *
   * @param value the value
   * @return the JSON text
   * @throws IllegalArgumentException if the value cannot be serialised
   */
  public String toJson(Object value) {
    try {
      return mapper.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot serialise " + value.getClass().getName() + " as JSON", e);
    }
  }

  /**
   * Runs a call and returns its successful response.
   *
   * @param call the call
   * @return the response, accepted by the error mapper
   * @throws NanpinException as mapped by the error mapper, or {@link VenueUnavailableException}
   *     for a transport failure after the last attempt
   */
  public HttpResult execute(HttpCall call) {
    Objects.requireNonNull(call, "call");
    for (int attempt = 1; ; attempt++) {
      if (breaker != null) {
        // fails fast while open; an order is never a half-open probe
        breaker.acquirePermission(call.idempotent());
      }
      Request request;
      try {
        for (RateLimiter limiter : call.limiters()) {
          // bounded: a long cool-down fails here at once with RateLimitedException(retryAfter)
          limiter.acquire(call.priority(), call.maxWait());
        }
        request = call.requestFactory().get();
      } catch (RuntimeException notSent) {
        if (breaker != null) {
          breaker.cancelProbe();
        }
        throw notSent;
      }
      NanpinException failure;
      HttpResult result = null;
      long start = nanoTime.getAsLong();
      OkHttpClient transport = call.idempotent() ? client : onceClient;
      // The one place where messages about a response are built: the mapper sees a copy whose
      // body has lost every secret of the request and of the configuration (an echoing server).
      Set<String> hidden = new HashSet<>(secrets);
      hidden.addAll(Secrets.of(request));
      try (Response response = transport.newCall(request).execute()) {
        ResponseBody body = response.body();
        result = new HttpResult(request.method(), request.url(), response.code(), response.headers(),
            body == null ? "" : body.string());
        failure = errors.map(Secrets.redact(result, hidden));
      } catch (InterruptedIOException e) {
        failure = new VenueUnavailableException(venue, "TIMEOUT", "%s: %s timed out or was interrupted: %s"
            .formatted(venue, line(request), Secrets.redact(e.getMessage(), hidden)), e);
      } catch (IOException e) {
        failure = new VenueUnavailableException(venue, null, "%s: %s failed: %s".formatted(venue, line(request),
            Secrets.redact(NetworkErrors.describe(e), hidden)), e);
      }
      long tookMs = TimeUnit.NANOSECONDS.toMillis(nanoTime.getAsLong() - start);
      if (breaker != null) {
        if (failure instanceof VenueUnavailableException) {
          breaker.onFailure();
        } else {
          breaker.onSuccess();
        }
      }
      if (failure == null) {
        log.debug("{} {} -> {} in {} ms", venue, line(request), result.code(), tookMs);
        return result;
      }
      log.debug("{} {} failed in {} ms (attempt {}): {}", venue, line(request), tookMs, attempt, failure.getMessage());
      Duration wait = Duration.ZERO;
      if (failure instanceof RateLimitedException limited) {
        for (RateLimiter limiter : call.limiters()) {
          limiter.coolDown(limited.retryAfter());
        }
        wait = limited.retryAfter();
      }
      boolean retryable = failure instanceof VenueUnavailableException || failure instanceof RateLimitedException;
      if (!call.idempotent() || !retryable || attempt >= retry.maxAttempts()
          || wait.compareTo(retry.maxDelay()) > 0) {
        throw failure;
      }
      Duration backoff = retry.backoff(attempt, random.getAsDouble());
      Duration sleep = backoff.compareTo(wait) >= 0 ? backoff : wait;
      log.warn("{}: {} failed ({}), retry {} of {} in {} ms", venue, line(request),
          failure.getClass().getSimpleName(), attempt, retry.maxAttempts() - 1, sleep.toMillis());
      try {
        sleeper.sleep(sleep);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failure.addSuppressed(e);
        throw failure;
      }
    }
  }

  /**
   * Runs a call and parses its body as a JSON tree.
   *
   * @param call the call
   * @return the parsed body ({@code MissingNode} for an empty body)
   * @throws NanpinException as for {@link #execute(HttpCall)}, or the error mapper's {@link
   *     ErrorMapper#malformed malformed} exception if the body is not JSON
   */
  public JsonNode executeJson(HttpCall call) {
    return parse(execute(call));
  }

  /**
   * Runs a call and binds its JSON body to a type.
   *
   * @param call the call
   * @param type the target type (a record, a list type via arrays)
   * @param <T> the target type
   * @return the bound value
   * @throws NanpinException as for {@link #executeJson(HttpCall)}, also when binding fails
   */
  public <T> T execute(HttpCall call, Class<T> type) {
    HttpResult result = execute(call);
    JsonNode tree = parse(result);
    try {
      return mapper.treeToValue(tree, type);
    } catch (JsonProcessingException | IllegalArgumentException e) {
      throw errors.malformed(Secrets.redact(result, secrets), e);
    }
  }

  /**
   * Parses a response body as JSON.
   *
   * @param result the response
   * @return the tree ({@code MissingNode} for an empty body)
   * @throws NanpinException the error mapper's {@link ErrorMapper#malformed malformed}
   *     exception if the body is not JSON
   */
  public JsonNode parse(HttpResult result) {
    if (result.body().isBlank()) {
      return mapper.missingNode();
    }
    try {
      return mapper.readTree(result.body());
    } catch (JsonProcessingException e) {
      throw errors.malformed(Secrets.redact(result, secrets), e);
    }
  }

  private static String line(Request r) {
    return r.method() + " " + r.url().newBuilder().query(null).build();
  }

  private static final class SharedClient {
    static final OkHttpClient INSTANCE = new OkHttpClient.Builder()
        .connectTimeout(Duration.ofSeconds(10))
        .readTimeout(Duration.ofSeconds(30))
        .writeTimeout(Duration.ofSeconds(30))
        .build();
  }

  /** Builds an {@link HttpJson}. */
  public static final class Builder {
    private final String venue;
    private OkHttpClient client;
    private ObjectMapper mapper;
    private ErrorMapper errors;
    private RetryPolicy retry = RetryPolicy.DEFAULT;
    private LongSupplier nanoTime = System::nanoTime;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
    private final Set<String> secrets = new HashSet<>();
    private CircuitBreaker breaker;

    private Builder(String venue) {
      this.venue = Objects.requireNonNull(venue, "venue");
    }

    /**
     * @param client the OkHttp client; default {@link #sharedClient()}
     * @return this builder
     */
    public Builder client(OkHttpClient client) {
      this.client = Objects.requireNonNull(client, "client");
      return this;
    }

    /**
     * @param mapper the Jackson mapper; default {@link #newMapper()}
     * @return this builder
     */
    public Builder mapper(ObjectMapper mapper) {
      this.mapper = Objects.requireNonNull(mapper, "mapper");
      return this;
    }

    /**
     * @param errors the venue's error mapper; default {@link StandardErrorMapper}
     * @return this builder
     */
    public Builder errorMapper(ErrorMapper errors) {
      this.errors = Objects.requireNonNull(errors, "errors");
      return this;
    }

    /**
     * @param retry the retry policy for idempotent calls; default {@link RetryPolicy#DEFAULT}
     * @return this builder
     */
    public Builder retry(RetryPolicy retry) {
      this.retry = Objects.requireNonNull(retry, "retry");
      return this;
    }

    /**
     * @param nanoTime the monotonic clock for timings; default {@link System#nanoTime()}
     * @return this builder
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * @param sleeper how backoff waits; default {@link Sleeper#SYSTEM}
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @param random uniform numbers in {@code [0, 1)} for jitter; default thread-local random
     * @return this builder
     */
    public Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Adds secrets (API keys) that must never appear in a message or a log line, in addition to
     * those found in each request ({@link Secrets#of}).
     *
     * @param values the secrets; {@code null} and blank values are ignored
     * @return this builder
     */
    public Builder secrets(Collection<String> values) {
      for (String v : values) {
        if (v != null && !v.isBlank()) {
          secrets.add(v.strip());
        }
      }
      return this;
    }

    /**
     * @param breaker the venue's circuit breaker, shared by every client of the venue; default none
     * @return this builder
     */
    public Builder circuitBreaker(CircuitBreaker breaker) {
      this.breaker = Objects.requireNonNull(breaker, "breaker");
      return this;
    }

    /** @return the configured instance */
    public HttpJson build() {
      return new HttpJson(this);
    }
  }
}
