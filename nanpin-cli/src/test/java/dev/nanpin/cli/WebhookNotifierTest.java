package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.live.Notifier;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class WebhookNotifierTest {
  @StartStop private final MockWebServer hook = new MockWebServer();

  @Test
  void subscribedEventsArePostedAsJsonAndOthersAreNot() throws Exception {
    hook.enqueue(new MockResponse.Builder().code(204).build());
    Clock clock = Clock.fixed(Instant.parse("2025-01-02T00:00:00Z"), ZoneOffset.UTC);
    try (WebhookNotifier n = new WebhookNotifier(hook.url("/hook?token=synthetic").toString(), "sol-ladder",
        Set.of(Notifier.FILL), Duration.ofSeconds(5), clock)) {
      n.notify(Notifier.RECONNECT_STORM, Map.of("reconnects", "3")); // not subscribed
      Map<String, String> fields = new LinkedHashMap<>();
      fields.put("side", "BUY");
      fields.put("price", "101.5");
      n.notify(Notifier.FILL, fields);

      RecordedRequest r = hook.takeRequest(5, TimeUnit.SECONDS);
      assertThat(r).isNotNull();
      assertThat(r.getMethod()).isEqualTo("POST");
      assertThat(r.getHeaders().get("Content-Type")).startsWith("application/json");
      assertThat(r.getBody().utf8()).isEqualTo(
          "{\"bot\":\"sol-ladder\",\"event\":\"fill\",\"time\":\"2025-01-02T00:00:00Z\","
              + "\"fields\":{\"side\":\"BUY\",\"price\":\"101.5\"}}");
      assertThat(hook.getRequestCount()).isEqualTo(1);
    }
  }
}
