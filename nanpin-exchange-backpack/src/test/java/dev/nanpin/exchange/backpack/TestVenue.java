package dev.nanpin.exchange.backpack;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.MockWebServer;
import okhttp3.OkHttpClient;

/** Shared wiring of an exchange to a MockWebServer, with a fake monotonic clock and sleeper. */
final class TestVenue {
  /** The local clock runs 1234 ms behind the venue: signed timestamps must be corrected. */
  static final Clock LOCAL_CLOCK = Clock.fixed(Instant.ofEpochMilli(FakeBackpackVenue.VENUE_TIME - 1234), ZoneOffset.UTC);

  final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  BackpackConfig.Builder config(MockWebServer server) {
    OkHttpClient client = new OkHttpClient.Builder().readTimeout(Duration.ofMillis(400))
        .retryOnConnectionFailure(false).build();
    return BackpackConfig.builder()
        .baseUrl(server.url("/").toString())
        .wsUrl(server.url("/ws").toString().replace("http://", "ws://"))
        .apiSecret(BackpackSignerTest.SEED1)
        .httpClient(client)
        .clock(LOCAL_CLOCK)
        .nanoTime(nanos::get)
        .sleeper(d -> {
          sleeps.add(d);
          nanos.addAndGet(d.toNanos());
        })
        .clientIds(ClientIdSource.startingAt(7_000));
  }
}
