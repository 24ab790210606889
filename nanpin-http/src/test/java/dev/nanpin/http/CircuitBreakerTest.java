package dev.nanpin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.VenueUnavailableException;
import dev.nanpin.http.CircuitBreaker.State;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  private CircuitBreaker breaker() {
    return new CircuitBreaker("venue", 3, 0.5, 10, Duration.ofSeconds(30), now::get);
  }

  private static void refused(CircuitBreaker b, boolean idempotent) {
    assertThatThrownBy(() -> b.acquirePermission(idempotent))
        .isInstanceOfSatisfying(VenueUnavailableException.class,
            e -> assertThat(e.venueCode()).isEqualTo(CircuitBreaker.OPEN_CODE));
  }

  @Test
  void opensAfterConsecutiveFailuresProbesAfterTheWaitAndClosesOnSuccess() {
    CircuitBreaker b = breaker();
    b.onFailure();
    b.onFailure();
    assertThat(b.state()).isEqualTo(State.CLOSED);
    b.onFailure();
    assertThat(b.state()).isEqualTo(State.OPEN);
    refused(b, true);
    refused(b, false);
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(b.state()).isEqualTo(State.HALF_OPEN);
    refused(b, false);     // an order is never a probe
    b.acquirePermission(true);
    refused(b, true);      // one probe at a time
    b.onSuccess();
    assertThat(b.state()).isEqualTo(State.CLOSED);
    b.acquirePermission(false);
  }

  @Test
  void aFailedProbeOpensItAgain() {
    CircuitBreaker b = breaker();
    for (int i = 0; i < 3; i++) {
      b.onFailure();
    }
    now.addAndGet(Duration.ofSeconds(31).toNanos());
    b.acquirePermission(true);
    b.onFailure();
    assertThat(b.state()).isEqualTo(State.OPEN);
    now.addAndGet(Duration.ofSeconds(29).toNanos());
    refused(b, true);
  }

  @Test
  void opensOnTheFailureRateOverTheWindowWithoutARun() {
    CircuitBreaker b = breaker();
    for (int i = 0; i < 11; i++) {
      if (i % 2 == 0) {
        b.onFailure();
      } else {
        b.onSuccess();
      }
    }
    assertThat(b.state()).isEqualTo(State.OPEN); // 5 of the last 10 failed, never 3 in a row
  }

  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void httpJsonFailsFastWhileOpenAndNeverSendsAnOrderThroughIt() {
    CircuitBreaker b = breaker();
    HttpJson http = HttpJson.builder("venue").retry(RetryPolicy.NONE).nanoTime(now::get).sleeper(d -> { })
        .client(new OkHttpClient.Builder().build()).circuitBreaker(b).build();
    for (int i = 0; i < 3; i++) {
      server.enqueue(new MockResponse.Builder().code(503).body("down").build());
      assertThatThrownBy(() -> http.execute(HttpCall.get(server.url("/x")))).isInstanceOf(VenueUnavailableException.class);
    }
    assertThat(b.state()).isEqualTo(State.OPEN);
    HttpCall order = HttpCall.once(() -> new Request.Builder().url(server.url("/order"))
        .post(RequestBody.create("{}", HttpJson.JSON)).build());
    assertThatThrownBy(() -> http.execute(order)).hasMessageContaining("circuit breaker open");
    assertThatThrownBy(() -> http.execute(HttpCall.get(server.url("/x")))).hasMessageContaining("circuit breaker");
    assertThat(server.getRequestCount()).isEqualTo(3);

    now.addAndGet(Duration.ofSeconds(30).toNanos());
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    http.execute(HttpCall.get(server.url("/probe")));
    assertThat(b.state()).isEqualTo(State.CLOSED);
    server.enqueue(new MockResponse.Builder().code(200).body("{}").build());
    http.execute(order);
    assertThat(server.getRequestCount()).isEqualTo(5);
  }
}
