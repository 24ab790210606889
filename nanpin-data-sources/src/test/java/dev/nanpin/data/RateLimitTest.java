package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.DataQuery;
import dev.nanpin.RateLimitedException;
import dev.nanpin.Sentiment;
import dev.nanpin.http.RetryPolicy;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  /** Records the monotonic time at which each request leaves the client (after admission). */
  private static OkHttpClient recording(LongSupplier clock, List<Long> sent) {
    return new OkHttpClient.Builder().retryOnConnectionFailure(false).addInterceptor(chain -> {
      sent.add(clock.getAsLong());
      return chain.proceed(chain.request());
    }).build();
  }

  private static int maxInAnyWindow(List<Long> times, Duration window) {
    List<Long> sorted = new ArrayList<>(times);
    Collections.sort(sorted);
    int max = 0;
    for (int i = 0, j = 0; i < sorted.size(); i++) {
      while (sorted.get(i) - sorted.get(j) >= window.toNanos()) {
        j++;
      }
      max = Math.max(max, i - j + 1);
    }
    return max;
  }

  private void serveFearGreed(int failEvery) {
    AtomicInteger n = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (failEvery > 0 && n.incrementAndGet() % failEvery == 0) {
          return new MockResponse.Builder().code(503).body("").build();
        }
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(Fixtures.text("feargreed.json")).build();
      }
    });
  }

  @Test
  void everyAttemptIsAdmittedAndInstancesShareOneBudget() {
    FakeTime time = new FakeTime(Instant.parse("2026-06-15T12:00:00Z"));
    List<Long> sent = Collections.synchronizedList(new ArrayList<>());
    OkHttpClient client = recording(time.nanoTime(), sent);
    serveFearGreed(3); // every third attempt fails with 503 and is retried
    java.util.function.Supplier<FearGreedSource> make = () -> new FearGreedSource(time.config()
        .baseUrl(server.url("/").toString()).client(client).publishedLimit(5, Duration.ofMinutes(1)).limitFraction(1.0)
        .maxWait(Duration.ofMinutes(5)).retry(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1))).build());
    FearGreedSource one = make.get();
    FearGreedSource two = make.get();
    for (int i = 1; i <= 10; i++) {
      FearGreedSource s = i % 2 == 0 ? one : two;
      assertThat(s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, i)).value()).isNotEmpty();
    }
    long attempts = one.attempts() + two.attempts();
    assertThat(attempts).isEqualTo(server.getRequestCount()).isEqualTo(sent.size()).isGreaterThan(10);
    assertThat(maxInAnyWindow(sent, Duration.ofMinutes(1))).isEqualTo(5);
  }

  @Test
  void aCoolingSourceFailsFastInsteadOfBlocking() {
    FakeTime time = new FakeTime(Instant.parse("2026-06-15T12:00:00Z"));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Content-Type", "application/json")
        .body("{\"metadata\":{\"error\":\"Too many requests\"}}").build());
    FearGreedSource s = new FearGreedSource(time.config().baseUrl(server.url("/").toString()).retry(RetryPolicy.NONE).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1)))
        .isInstanceOf(RateLimitedException.class);
    time.advance(Duration.ofSeconds(30));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 2)))
        .isInstanceOf(RateLimitedException.class).hasMessageContaining("local rate limit");
    assertThat(server.getRequestCount()).isEqualTo(1);
    time.advance(Duration.ofSeconds(36)); // the 65 s default cool-down is over
    serveFearGreed(0);
    assertThat(s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 2)).value()).hasSize(2);
  }

  @Test
  void aSourceHonoursTheRetryAfterValueInsteadOfItsLongerDefault() {
    FakeTime time = new FakeTime(Instant.parse("2026-06-15T12:00:00Z"));
    server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "30")
        .addHeader("Content-Type", "application/json").body("{\"metadata\":{\"error\":\"Too many requests\"}}").build());
    FearGreedSource s = new FearGreedSource(time.config().baseUrl(server.url("/").toString()).retry(RetryPolicy.NONE).build());
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1)))
        .isInstanceOf(RateLimitedException.class);
    time.advance(Duration.ofSeconds(30)); // the header said 30 s, not the 65 s default
    serveFearGreed(0);
    assertThat(s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 2)).value()).hasSize(2);
  }

  @Test
  void twoConcurrentCallersNeverExceedTheLimit() throws Exception {
    // Real time here: fake time cannot order two threads' sleeps. Small windows keep it short.
    List<Long> sent = Collections.synchronizedList(new ArrayList<>());
    serveFearGreed(0);
    SourceConfig config = SourceConfig.builder().baseUrl(server.url("/").toString())
        .client(recording(System::nanoTime, sent)).publishedLimit(4, Duration.ofMillis(400)).limitFraction(1.0)
        .nanoTime(System::nanoTime).build();
    FearGreedSource a = new FearGreedSource(config);
    FearGreedSource b = new FearGreedSource(config);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (FearGreedSource s : List.of(a, b)) {
        int offset = s == a ? 0 : 100;
        done.add(pool.submit(() -> {
          for (int i = 1; i <= 6; i++) {
            s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, offset + i));
          }
          return null;
        }));
      }
      for (Future<?> f : done) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(sent).hasSize(12);
    // recorded just after admission, so allow scheduling slack on the window: a loaded CI machine
    // can delay a thread by tens of milliseconds between admission and the interceptor
    assertThat(maxInAnyWindow(sent, Duration.ofMillis(250))).isLessThanOrEqualTo(4);
  }
}
