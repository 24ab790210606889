package dev.nanpin.data.internal;

import dev.nanpin.AuthenticationException;
import dev.nanpin.ConfigException;
import dev.nanpin.DataException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataResult;
import dev.nanpin.ExchangeException;
import dev.nanpin.NanpinException;
import dev.nanpin.NotFoundException;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.data.PlanRestrictedException;
import dev.nanpin.data.QuotaExhaustedException;
import dev.nanpin.data.SourceConfig;
import dev.nanpin.http.HttpCall;
import dev.nanpin.http.CircuitBreaker;
import dev.nanpin.http.HttpJson;
import dev.nanpin.http.Secrets;
import dev.nanpin.http.HttpResult;
import dev.nanpin.http.StaleIfErrorCache;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every source does around its own requests and parsing: rate-limit admission of every
 * real HTTP attempt (retries included), the 429 cool-down, the TTL cache and stale-if-error, key
 * redaction in every error that leaves, and the "this source does not answer that" error.
 *
 * <p>Admission happens inside the request factory that {@link HttpJson} calls once per attempt,
 * with a bounded wait, so a source that is cooling down fails fast instead of blocking; the
 * error mapper cools every limiter of the source down on a 429 from the server.
 *
 * <p>Thread-safe.
 */
public final class SourceEngine {
  private static final Logger log = LoggerFactory.getLogger(SourceEngine.class);

  private final String id;
  private final SourceConfig config;
  private final Function<Reply, Json> check;
  private final HttpJson http;
  private final List<String> secrets;
  private final StaleIfErrorCache<DataQuery<?>, DataResult<?>> cache;
  private final Set<Class<?>> supported;
  private final AtomicLong attempts = new AtomicLong();
  private final Map<String, List<RateLimiter>> limitersByHost = new java.util.concurrent.ConcurrentHashMap<>();

  /**
   * Creates the engine.
   *
   * @param id the source id
   * @param config the settings
   * @param check the source's reply check: returns the JSON or throws its typed error
   * @param defaultTtl the source's time-to-live per query kind
   * @param supported the query classes the source answers
   * @param secrets the secrets that must never appear in a message (the key)
   */
  public SourceEngine(String id, SourceConfig config, Function<Reply, Json> check, Map<String, Duration> defaultTtl,
      Set<Class<?>> supported, List<String> secrets) {
    this.id = Objects.requireNonNull(id, "id");
    this.config = Objects.requireNonNull(config, "config");
    this.check = Objects.requireNonNull(check, "check");
    this.supported = Set.copyOf(supported);
    List<String> s = new ArrayList<>();
    for (String secret : secrets) {
      if (secret != null && secret.length() >= 4) {
        s.add(secret);
      }
    }
    this.secrets = List.copyOf(s);
    HttpJson.Builder b = HttpJson.builder(id).retry(config.retry()).nanoTime(config.nanoTime())
        .sleeper(config.sleeper()).errorMapper(this::mapResult).secrets(secrets)
        .circuitBreaker(CircuitBreaker.withDefaults(id, config.nanoTime()));
    if (config.client() != null) {
      b.client(config.client());
    }
    this.http = b.build();
    this.cache = new StaleIfErrorCache<>(q -> config.ttl(q.kind(), defaultTtl.getOrDefault(q.kind(), Duration.ofMinutes(1))),
        config.staleLimit(), 10_000, config.nanoTime());
  }

  /** @return the source id */
  public String id() {
    return id;
  }

  /** @return the wall clock */
  public Clock clock() {
    return config.clock();
  }

  /** @return the number of HTTP attempts sent so far, retries included */
  public long attempts() {
    return attempts.get();
  }

  /**
   * @param queryType a query class
   * @return whether the source answers it
   */
  public boolean supports(Class<?> queryType) {
    return supported.contains(queryType);
  }

  /**
   * Answers a query from the cache, or fresh, or stale after a failure.
   *
   * @param query the query
   * @param answer computes a fresh answer (sends requests)
   * @param <T> the answer type
   * @return the result
   */
  @SuppressWarnings("unchecked")
  public <T> DataResult<T> fetch(DataQuery<T> query, Function<DataQuery<T>, T> answer) {
    Objects.requireNonNull(query, "query");
    if (!supports(query.getClass())) {
      throw new DataException(id, "query", "%s does not answer %s queries (%s); it answers %s".formatted(id, query.kind(),
          query.getClass().getSimpleName(), supported.stream().map(Class::getSimpleName).sorted().toList()), null);
    }
    var hit = cache.fresh(query);
    if (hit.isPresent()) {
      return (DataResult<T>) hit.get();
    }
    try {
      T value = answer.apply(query);
      DataResult<T> result = DataResult.fresh(value, id, config.clock().instant());
      cache.put(query, result);
      return result;
    } catch (NanpinException e) {
      NanpinException safe = redact(e);
      if (safe instanceof ConfigException) {
        throw safe; // a setup error is not a transient failure: never hide it behind a stale value
      }
      var last = cache.lastGood(query);
      if (last.isPresent()) {
        DataResult<T> stale = (DataResult<T>) last.get();
        Duration age = stale.age(config.clock().instant());
        log.warn("{}: serving a stale {} answer ({} old) because the fresh fetch failed: {}", id, query.kind(), age,
            safe.getMessage());
        return stale.asStale(safe.getClass().getSimpleName() + ": " + safe.getMessage());
      }
      throw safe;
    }
  }

  /**
   * Sends a GET and returns the checked JSON.
   *
   * @param url the URL (query parameters included; never logged with them)
   * @param headers request headers (auth headers included; never logged)
   * @param limiters the limiters that must admit every attempt
   * @return the JSON body
   */
  public Json get(HttpUrl url, Map<String, String> headers, List<RateLimiter> limiters) {
    return check.apply(getReply(url, headers, limiters));
  }

  /**
   * Sends a GET and returns the reply once the source's check accepted it (for its headers).
   *
   * @param url the URL
   * @param headers request headers
   * @param limiters the limiters that must admit every attempt
   * @return the reply
   */
  public Reply getReply(HttpUrl url, Map<String, String> headers, List<RateLimiter> limiters) {
    HttpResult result = http.execute(HttpCall.idempotent(() -> {
      for (RateLimiter limiter : limiters) {
        limiter.acquire(config.maxWait());
      }
      attempts.incrementAndGet();
      Request.Builder rb = new Request.Builder().url(url).get();
      headers.forEach(rb::header);
      rb.header("Accept", "application/json");
      return rb.build();
    }));
    return reply(result);
  }

  /**
   * Registers the limiters of a base URL's host, so that a 429 from that host cools them down.
   *
   * @param baseUrl the base URL
   * @param limiters its limiters
   */
  public void limitersOf(HttpUrl baseUrl, List<RateLimiter> limiters) {
    limitersByHost.put(baseUrl.host() + ":" + baseUrl.port(), List.copyOf(limiters));
  }

  private Reply reply(HttpResult r) {
    return new Reply(r.code(), r.headers().toMultimap(), r.body(), config.clock().instant());
  }

  private NanpinException mapResult(HttpResult result) {
    try {
      check.apply(reply(result));
      return null;
    } catch (NanpinException e) {
      if (e instanceof RateLimitedException limited && !(e instanceof QuotaExhaustedException)) {
        Duration pause = Duration.ZERO;
        for (RateLimiter limiter : limitersFor(result)) {
          // the header's value as sent (capped by the limiter), the default only without one
          Duration applied = limiter.coolDown(limited.retryAfter());
          pause = applied.compareTo(pause) > 0 ? applied : pause;
        }
        log.warn("{}: throttled by the server, cooling down for {}", id, pause);
      }
      return e;
    }
  }

  private List<RateLimiter> limitersFor(HttpResult result) {
    List<RateLimiter> l = limitersByHost.get(result.url().host() + ":" + result.url().port());
    if (l != null) {
      return l;
    }
    List<RateLimiter> all = new ArrayList<>();
    limitersByHost.values().forEach(all::addAll);
    return all;
  }

  /**
   * Returns the exception with any secret removed from its message; rebuilds it when needed.
   *
   * @param e the exception
   * @return a safe exception of the same kind
   */
  public NanpinException redact(NanpinException e) {
    String m = e.getMessage();
    if (m == null || secrets.stream().noneMatch(m::contains)) {
      return e;
    }
    String safe = Secrets.redact(m, secrets);
    String code = e instanceof ExchangeException x ? x.venueCode() : null;
    if (e instanceof QuotaExhaustedException) {
      return new QuotaExhaustedException(id, code, safe);
    }
    if (e instanceof RateLimitedException r) {
      return new RateLimitedException(id, code, safe, r.retryAfter());
    }
    if (e instanceof AuthenticationException) {
      return new AuthenticationException(id, code, safe, null);
    }
    if (e instanceof PlanRestrictedException) {
      return new PlanRestrictedException(id, code, safe);
    }
    if (e instanceof NotFoundException) {
      return new NotFoundException(id, code, safe, null);
    }
    if (e instanceof VenueUnavailableException) {
      return new VenueUnavailableException(id, code, safe, null);
    }
    if (e instanceof ExchangeException) {
      return new ExchangeException(id, code, safe, null);
    }
    if (e instanceof DataException d) {
      return new DataException(id, d.field(), safe, null);
    }
    if (e instanceof ConfigException c) {
      return new ConfigException(c.key(), safe);
    }
    return new NanpinException(safe);
  }
}
