package dev.nanpin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.nanpin.AuthenticationException;
import dev.nanpin.DataException;
import dev.nanpin.ExchangeException;
import dev.nanpin.NanpinException;
import dev.nanpin.NotFoundException;
import dev.nanpin.RateLimitedException;
import dev.nanpin.VenueUnavailableException;
import dev.nanpin.ratelimit.RateLimiter;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

class HttpJsonTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private final AtomicLong now = new AtomicLong(5_000_000_000L);
  private final List<Duration> sleeps = new ArrayList<>();
  private final OkHttpClient client = new OkHttpClient.Builder()
      .readTimeout(Duration.ofMillis(300)).retryOnConnectionFailure(false).build();

  private HttpJson http(RetryPolicy retry) {
    return HttpJson.builder("venue").client(client).retry(retry).nanoTime(now::get)
        .sleeper(d -> {
          sleeps.add(d);
          now.addAndGet(d.toNanos());
        })
        .random(() -> 0.5).build();
  }

  private static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void parsesFloatsAsBigDecimalAndAcceptsUnknownFields() {
    server.enqueue(json(200, "{\"price\": 0.1000, \"qty\": \"2.50\", \"extra\": true}"));
    record Quote(BigDecimal price, BigDecimal qty) {}
    Quote q = http(RetryPolicy.NONE).execute(HttpCall.get(server.url("/q")), Quote.class);
    assertThat(q.price()).isEqualTo(new BigDecimal("0.1000"));
    assertThat(q.qty()).isEqualTo(new BigDecimal("2.50"));
  }

  @Test
  void anUnresolvableHostIsReportedInWordsAsVenueUnavailable() {
    OkHttpClient noDns = client.newBuilder().dns(host -> {
      throw new java.net.UnknownHostException(host + ": no such host (test resolver)");
    }).build();
    HttpJson http = HttpJson.builder("venue").client(noDns).retry(RetryPolicy.NONE).nanoTime(now::get)
        .sleeper(d -> { }).random(() -> 0.5).build();
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(okhttp3.HttpUrl.get("https://nowhere.test/a"))))
        .isInstanceOf(VenueUnavailableException.class)
        .hasMessageContaining("failed: host not found (nowhere.test: no such host (test resolver))")
        .hasMessageNotContaining("UnknownHostException");
  }

  @Test
  void statusCodesMapToTypedExceptions() {
    HttpJson http = http(RetryPolicy.NONE);
    server.enqueue(json(401, "{\"code\":\"UNAUTHORIZED\"}"));
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(server.url("/a"))))
        .isInstanceOf(AuthenticationException.class).hasMessageContaining("HTTP 401");
    server.enqueue(json(403, "nope"));
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(server.url("/a")))).isInstanceOf(AuthenticationException.class);
    server.enqueue(json(404, ""));
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(server.url("/a")))).isInstanceOf(NotFoundException.class);
    server.enqueue(json(400, "Bad Request parse request payload error"));
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(server.url("/a"))))
        .isExactlyInstanceOf(ExchangeException.class)
        .hasMessageContaining("Bad Request parse request payload error");
    server.enqueue(new MockResponse.Builder().code(503).body("<html><body>Maintenance</body></html>").build());
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(server.url("/a"))))
        .isInstanceOf(VenueUnavailableException.class).hasMessageContaining("Maintenance");
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(server.url("/a"))))
        .isInstanceOf(RateLimitedException.class)
        .extracting(e -> ((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(7));
  }

  @Test
  void htmlOn200IsADataExceptionNotAValue() {
    server.enqueue(new MockResponse.Builder().code(200).body("<!DOCTYPE html><html>Just a moment...</html>").build());
    assertThatThrownBy(() -> http(RetryPolicy.NONE).executeJson(HttpCall.get(server.url("/p"))))
        .isInstanceOf(DataException.class).hasMessageContaining("Just a moment");
  }

  @Test
  void venueHookMapsErrorsInside200Bodies() {
    StandardErrorMapper standard = new StandardErrorMapper("venue");
    ErrorMapper mapper = r -> r.body().contains("\"error\"")
        ? new ExchangeException("venue", "E42", "error in body", null) : standard.map(r);
    HttpJson http = HttpJson.builder("venue").client(client).errorMapper(mapper).build();
    server.enqueue(json(200, "{\"error\":\"bad symbol\"}"));
    assertThatThrownBy(() -> http.executeJson(HttpCall.get(server.url("/x"))))
        .isInstanceOfSatisfying(ExchangeException.class, e -> assertThat(e.venueCode()).isEqualTo("E42"));
  }

  @Test
  void idempotentCallsRetry5xxWithJitteredBackoffThenSucceed() {
    server.enqueue(json(502, "bad gateway"));
    server.enqueue(json(500, "oops"));
    server.enqueue(json(200, "{\"ok\":1}"));
    RetryPolicy policy = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5));
    JsonNode node = http(policy).executeJson(HttpCall.get(server.url("/r")));
    assertThat(node.get("ok").asInt()).isEqualTo(1);
    assertThat(server.getRequestCount()).isEqualTo(3);
    // equal jitter with random = 0.5: ceiling/2 + 0.5 * ceiling/2
    assertThat(sleeps).containsExactly(Duration.ofMillis(75), Duration.ofMillis(150));
  }

  @Test
  void nonIdempotentCallsAreAttemptedOnce() {
    server.enqueue(json(500, "oops"));
    server.enqueue(json(200, "{}"));
    HttpJson http = http(RetryPolicy.DEFAULT);
    HttpCall post = HttpCall.once(() -> new Request.Builder().url(server.url("/order"))
        .post(http.jsonBody(Map.of("a", "1"))).build());
    assertThatThrownBy(() -> http.executeJson(post)).isInstanceOf(VenueUnavailableException.class);
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void timeoutIsVenueUnavailableWithTimeoutCode() {
    server.enqueue(new MockResponse.Builder().body("{}").headersDelay(2, TimeUnit.SECONDS).build());
    assertThatThrownBy(() -> http(RetryPolicy.NONE).executeJson(HttpCall.get(server.url("/slow"))))
        .isInstanceOfSatisfying(VenueUnavailableException.class, e -> assertThat(e.venueCode()).isEqualTo("TIMEOUT"));
  }

  @Test
  void brokenConnectionIsVenueUnavailableAndRetried() {
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(json(200, "[1]"));
    JsonNode node = http(RetryPolicy.DEFAULT).executeJson(HttpCall.get(server.url("/flaky")));
    assertThat(node.get(0).asInt()).isEqualTo(1);
  }

  @Test
  void rateLimitedCoolsTheLimiterAndWaitsRetryAfter() {
    RateLimiter limiter = RateLimiter.builder("l").capacity(100).window(Duration.ofSeconds(60))
        .nanoTime(now::get).sleeper(d -> {
          sleeps.add(d);
          now.addAndGet(d.toNanos());
        }).build();
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "2").build());
    server.enqueue(json(200, "{}"));
    http(RetryPolicy.DEFAULT).executeJson(HttpCall.get(server.url("/l"), limiter));
    // the call waits Retry-After; the limiter's cool-down has then already passed
    assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    assertThat(limiter.tryAcquire()).isTrue();
  }

  @Test
  void retryAfterLongerThanMaxDelayGoesToTheCaller() {
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "120").build());
    assertThatThrownBy(() -> http(RetryPolicy.DEFAULT).executeJson(HttpCall.get(server.url("/l"))))
        .isInstanceOf(RateLimitedException.class);
    assertThat(sleeps).isEmpty();
  }

  @Test
  void requestFactoryRunsAfterAdmissionOnEveryAttempt() {
    AtomicInteger built = new AtomicInteger();
    List<Long> admittedAt = new ArrayList<>();
    RateLimiter limiter = RateLimiter.builder("l").capacity(1).window(Duration.ofSeconds(1))
        .nanoTime(now::get).sleeper(d -> now.addAndGet(d.toNanos())).build();
    limiter.acquire(); // the only permit of this window is gone: the call must wait for the next
    server.enqueue(json(500, ""));
    server.enqueue(json(200, "{}"));
    HttpCall call = HttpCall.idempotent(() -> {
      built.incrementAndGet();
      admittedAt.add(now.get());
      return new Request.Builder().url(server.url("/s")).build();
    }, limiter);
    http(RetryPolicy.DEFAULT).executeJson(call);
    assertThat(built.get()).isEqualTo(2);
    assertThat(admittedAt.get(0)).isGreaterThanOrEqualTo(5_000_000_000L + 1_000_000_000L);
  }

  @Test
  void retryPolicyBackoffIsCappedAndJittered() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));
    assertThat(p.backoff(1, 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(p.backoff(1, 0.999999)).isLessThanOrEqualTo(Duration.ofMillis(100));
    assertThat(p.backoff(3, 0.0)).isEqualTo(Duration.ofMillis(200));
    assertThat(p.backoff(40, 1.0)).isEqualTo(Duration.ofSeconds(1));
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void exceptionsAreNanpinExceptions() {
    server.enqueue(json(418, "teapot"));
    assertThatThrownBy(() -> http(RetryPolicy.NONE).executeJson(HttpCall.get(server.url("/t"))))
        .isInstanceOf(NanpinException.class);
  }
}
