package dev.nanpin.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.VenueUnavailableException;
import java.time.Duration;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.SocketEffect;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.junit.jupiter.api.Test;

/**
 * A non-idempotent call reaches the server at most once even when the caller's client has
 * OkHttp's {@code retryOnConnectionFailure} on (its default) and the reused keep-alive connection
 * is reset after the server read the request.
 */
class TransportRetryTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  /** OkHttp's defaults: retryOnConnectionFailure is true. */
  private final OkHttpClient userClient = new OkHttpClient.Builder().readTimeout(Duration.ofSeconds(5)).build();

  private HttpJson http() {
    return HttpJson.builder("venue").client(userClient).retry(RetryPolicy.NONE).sleeper(d -> { }).build();
  }

  private static MockResponse ok(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  private Request post() {
    return new Request.Builder().url(server.url("/api/v1/order"))
        .post(RequestBody.create("{\"clientId\":1}", HttpJson.JSON)).build();
  }

  @Test
  void postOnResetKeepAliveConnectionIsSentExactlyOnce() throws Exception {
    HttpJson http = http();
    assertThat(userClient.retryOnConnectionFailure()).isTrue();
    server.enqueue(ok("{}"));   // warms a pooled keep-alive connection
    // the server reads the POST, then closes the socket without answering
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build());
    server.enqueue(ok("{\"id\":\"second\"}")); // what a transport re-send would receive
    http.executeJson(HttpCall.get(server.url("/warm")));
    assertThatThrownBy(() -> http.executeJson(HttpCall.once(this::post)))
        .isInstanceOf(VenueUnavailableException.class);
    assertThat(server.getRequestCount()).isEqualTo(2);
    assertThat(server.takeRequest().getMethod()).isEqualTo("GET");
    assertThat(server.takeRequest().getMethod()).isEqualTo("POST");
  }

  @Test
  void idempotentCallsKeepTheCallersClient() {
    HttpJson http = http();
    assertThat(http.client()).isSameAs(userClient);
  }
}
