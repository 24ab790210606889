package dev.nanpin.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.DataQuery;
import dev.nanpin.DataSource;
import dev.nanpin.Sentiment;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.PluginProvider;
import dev.nanpin.spi.Plugins;
import java.util.Map;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class ProvidersTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void sixSourcesAreFoundByServiceLoader() {
    Plugins plugins = Plugins.load();
    assertThat(plugins.providers(PluginFamily.DATA_SOURCE)).extracting(PluginProvider::id)
        .contains("coingecko", "coinmarketcap", "fred", "polymarket", "coinglass", "feargreed");
    assertThat(plugins.problems()).isEmpty();
  }

  @Test
  void createdByIdWithSettings() {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(Fixtures.text("feargreed-latest.json")).build());
    try (DataSource s = Plugins.load().dataSource("feargreed", Map.of("baseUrl", server.url("/").toString(), "cooldown", "30s"))) {
      assertThat(s.fetch(new DataQuery.SentimentHistory(Sentiment.FEAR_GREED, 1)).value()).hasSize(1);
    }
    assertThatThrownBy(() -> Plugins.load().dataSource("fred", Map.of("apikey2", "x")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("apikey2");
    assertThatThrownBy(() -> Plugins.load().dataSource("coingecko", Map.of("plan", "gold")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("demo or pro");
  }

  @Test
  void aKeyEchoedByTheServerIsScrubbedFromErrors() {
    String key = "feedbeef0123456789abcdef01234567";
    server.enqueue(new MockResponse.Builder().code(400).addHeader("Content-Type", "application/json")
        .body("{\"error_code\":400,\"error_message\":\"Bad Request.  Variable series_id is not valid for api_key=" + key + ".\"}")
        .build());
    FredSource s = new FredSource(new FakeTime(java.time.Instant.parse("2026-06-15T12:00:00Z")).config().apiKey(key)
        .baseUrl(server.url("/fred").toString()).build());
    assertThatThrownBy(() -> s.fetch(new DataQuery.Series("NOPE", null, null)))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(key).contains("****"));
  }
}
