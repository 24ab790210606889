package dev.nanpin.exchange.backpack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.Exchange;
import dev.nanpin.OrderRequest;
import dev.nanpin.spi.Plugins;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

class BackpackConfigTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  @Test
  void keysAreCheckedAndNeverPrinted() {
    BackpackConfig c = BackpackConfig.builder().apiSecret(BackpackSignerTest.SEED1).apiKey(BackpackSignerTest.PUB1).build();
    assertThat(c.hasCredentials()).isTrue();
    assertThat(c.toString()).contains(BackpackSignerTest.PUB1).doesNotContain(BackpackSignerTest.SEED1);
    assertThatThrownBy(() -> BackpackConfig.builder().apiSecret(BackpackSignerTest.SEED1)
        .apiKey("j9SOP08JKojzqA0sHEK24gLAXNUpx/sKS3DhgXlFRcg=").build())
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("apiKey"))
        .hasMessageNotContaining(BackpackSignerTest.SEED1);
    assertThatThrownBy(() -> BackpackConfig.builder().apiKey(BackpackSignerTest.PUB1).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining(BackpackConfig.ENV_SECRET);
    assertThat(BackpackConfig.builder().build().hasCredentials()).isFalse();
  }

  @Test
  void environmentSuppliesKeysUnlessSetExplicitly() {
    BackpackConfig c = BackpackConfig.builder()
        .credentialsFromEnvironment(Map.of(BackpackConfig.ENV_SECRET, BackpackSignerTest.SEED1)).build();
    assertThat(c.signer().apiKey()).isEqualTo(BackpackSignerTest.PUB1);
  }

  @Test
  void windowAndLimitsAreValidated() {
    assertThatThrownBy(() -> BackpackConfig.builder().window(Duration.ofSeconds(61)))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("window"));
    assertThatThrownBy(() -> BackpackConfig.builder().rateLimitFraction(0)).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> BackpackConfig.builder().baseUrl("not a url")).isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> BackpackConfig.builder().wsUrl("ftp://x")).isInstanceOf(ConfigException.class);
    assertThat(BackpackConfig.builder().window(Duration.ofSeconds(60)).build().window()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void providerIsFoundByIdAndHonoursItsSettings() {
    server.setDispatcher(new FakeBackpackVenue(BackpackSignerTest.PUB1));
    try (Exchange ex = Plugins.load().exchange("backpack",
        Map.of("baseUrl", server.url("/").toString(), "apiSecret", BackpackSignerTest.SEED1, "window", "10s"))) {
      assertThat(ex).isInstanceOf(BackpackExchange.class);
      assertThat(ex.id()).isEqualTo("backpack");
      BackpackConfig c = ((BackpackExchange) ex).config();
      assertThat(c.window()).isEqualTo(Duration.ofSeconds(10));
      assertThat(c.signer().apiKey()).isEqualTo(BackpackSignerTest.PUB1);
      assertThat(ex.ticker("SOL_USDC_PERP").last()).isEqualByComparingTo("150");
    }
  }

  @Test
  void clientIdsAreUniqueUnsigned32BitAndNeverWrap() {
    ClientIdSource ids = ClientIdSource.inMemory(Clock.fixed(Instant.parse("2026-11-21T00:00:00Z"), ZoneOffset.UTC));
    Set<Long> seen = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      long id = ids.next();
      assertThat(id).isBetween(1L, OrderRequest.MAX_CLIENT_ID);
      assertThat(seen.add(id)).isTrue();
    }
    // two connectors with default settings draw from one sequence
    long a = BackpackConfig.builder().build().clientIds().next();
    long b = BackpackConfig.builder().build().clientIds().next();
    assertThat(b).isGreaterThan(a);
    ClientIdSource last = ClientIdSource.startingAt(OrderRequest.MAX_CLIENT_ID);
    assertThat(last.next()).isEqualTo(OrderRequest.MAX_CLIENT_ID);
    assertThatThrownBy(last::next).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(last::next).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ClientIdSource.startingAt(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
