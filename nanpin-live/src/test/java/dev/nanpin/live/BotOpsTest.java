package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ConfigException;
import dev.nanpin.Position;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.risk.MaintenanceMargin;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.store.StateStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Bot.Builder#http} and {@link Bot.Builder#telegram}: what a bot serves and sends once built. */
class BotOpsTest {
  static final String BTC = BotTest.BTC;
  static final String PERP = BotTest.PERP;
  static final Instant T0 = BotTest.T0;
  static final String TOKEN = "ops-token-0123456789abcdef";
  static final String TG_TOKEN = "123456:SYNTHETIC-telegram-token";

  @TempDir Path dir;
  @StartStop private final MockWebServer telegramApi = new MockWebServer();
  final List<String> messages = new CopyOnWriteArrayList<>();
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  LiveEngineTest.MutableClock clock;
  ScriptedExchange venue;

  static final class Idle implements Strategy {
    @Override
    public void onBar(StrategyContext ctx) {}
  }

  @BeforeEach
  void setUp() {
    clock = new LiveEngineTest.MutableClock(T0);
    venue = BotTest.venue(clock);
    telegramApi.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        String body = URLDecoder.decode(r.getBody().utf8(), StandardCharsets.UTF_8);
        messages.add(body.substring(body.indexOf("&text=") + 6, body.indexOf("&disable_web_page_preview")));
        return new MockResponse.Builder().code(200).body("{\"ok\":true,\"result\":{}}").build();
      }
    });
  }

  Bot.Builder builder(String symbol) {
    return Bot.builder()
        .engine(EngineConfig.defaults("ops-bot", symbol).withBars(Duration.ofHours(1), 10))
        .exchange(venue)
        .strategy(new Idle())
        .store(dir.resolve("bot.db"))
        .clock(clock);
  }

  TelegramNotifier.Settings telegram() {
    return new TelegramNotifier.Settings(TG_TOKEN, "-100777", URI.create(telegramApi.url("/").toString()),
        TelegramNotifier.Settings.EVENTS, Duration.ofDays(1));
  }

  HttpResponse<String> get(Bot bot, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + bot.httpAddress().orElseThrow().getPort() + path);
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Waits (at most 10 s) until a message containing {@code text} reached the stand-in. */
  String awaitMessage(String text) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      for (String m : messages) {
        if (m.contains(text)) {
          return m;
        }
      }
      TimeUnit.MILLISECONDS.sleep(5);
    }
    throw new AssertionError("no message with '" + text + "' in " + messages);
  }

  @Test
  void aBotWithHttpServesOnLoopbackFromStartUntilClose() throws Exception {
    Bot bot = builder(BTC).http(new InetSocketAddress("127.0.0.1", 0), null).build();
    InetSocketAddress at = bot.httpAddress().orElseThrow();
    assertThat(at.getAddress().isLoopbackAddress()).isTrue();
    assertThat(at.getPort()).isPositive();
    try {
      bot.start();
      assertThat(get(bot, "/health").statusCode()).isEqualTo(200);
      dev.nanpin.ratelimit.RateLimiter limiter = dev.nanpin.ratelimit.RateLimiter.builder("ops-scrape")
          .capacity(5).window(Duration.ofSeconds(1)).build();
      limiter.acquire();
      HttpResponse<String> metrics = get(bot, "/metrics");
      // the Prometheus names the README's table lists
      assertThat(metrics.body()).contains("nanpin_position_base{bot=\"ops-bot\"",
          "nanpin_reconciliations_total{bot=\"ops-bot\",outcome=\"ok\"", "nanpin_reconcile_corrections_total{",
          "nanpin_reconciled{", "nanpin_liquidation_distance_ratio{", "nanpin_tick_to_order_seconds_bucket{",
          "nanpin_tick_to_order_seconds_count{", "nanpin_ratelimit_usage_ratio{limiter=\"ops-scrape\"}",
          "nanpin_ratelimit_wait_seconds_count{limiter=\"ops-scrape\",priority=\"critical\"}",
          "nanpin_stream_reconnects_total{", "nanpin_stream_healthy{", "nanpin_event_loop_lag_seconds{");
      dev.nanpin.testkit.PrometheusText.assertParses(metrics.body());
      assertThat(get(bot, "/api/status").body()).contains("\"bot\":\"ops-bot\"");
    } finally {
      bot.close();
    }
    assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + at.getPort() + "/health"))
        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void theEnginesEventsAreCountedInTheBotsRegistry() throws Exception {
    try (Bot bot = builder(BTC).http(new InetSocketAddress("127.0.0.1", 0), null).build()) {
      bot.start();
      for (int i = 0; i < 3; i++) {
        venue.reconnect();
      }
      bot.status();
      assertThat(get(bot, "/metrics").body()).contains("nanpin_notifications_total{bot=\"ops-bot\",event=\"reconnect-storm\"");
    }
  }

  @Test
  void aShortTokenOrATakenPortIsAConfigErrorNamingTheSettingAndLeavesTheStoreClosed() throws IOException {
    assertThatThrownBy(() -> builder(BTC).http(new InetSocketAddress("127.0.0.1", 0), "short"))
        .isInstanceOf(ConfigException.class).hasMessageContaining("at least 16")
        .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("http.token"));
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> builder(BTC).http(new InetSocketAddress("127.0.0.1", taken.getLocalPort()), TOKEN).build())
          .isInstanceOf(ConfigException.class).hasMessageContaining("cannot serve HTTP at")
          .satisfies(e -> assertThat(((ConfigException) e).key()).isEqualTo("http.bind"));
    }
    // the store the failed build opened was closed again: it opens (and closes) cleanly
    try (StateStore s = StateStore.open(dir.resolve("bot.db"))) {
      assertThat(s.openOrders()).isEmpty();
    }
  }

  @Test
  void telegramGetsReconnectStormsFromTheEngine() throws Exception {
    try (Bot bot = builder(BTC).telegram(telegram()).build()) {
      bot.start();
      for (int i = 0; i < 3; i++) {
        venue.reconnect();
      }
      bot.status();
      assertThat(awaitMessage("reconnect-storm")).isEqualTo("ops-bot: reconnect-storm\nreconnects: 3");
    }
  }

  @Test
  void telegramGetsLiquidationDistanceWarningsFromTheEngine() throws Exception {
    // a long perp 5 % above its liquidation price, under a limit of 20 %
    venue.positions = List.of(new Position(PERP, new BigDecimal("0.01"), new BigDecimal("100000"),
        new BigDecimal("100000"), BigDecimal.ZERO, new BigDecimal("95000"), T0));
    venue.baseOverride = new BigDecimal("0.01");
    try (Bot bot = builder(PERP).risk(RiskLimits.none().withMinLiquidationDistance(new BigDecimal("0.2")))
        .marginModel(MaintenanceMargin.sqrt(0.0125, 0.0000765)).telegram(telegram()).build()) {
      bot.start();
      String m = awaitMessage("liquidation-warning");
      assertThat(m).startsWith("ops-bot: liquidation-warning\n").contains("symbol: " + PERP, "distance: 0.05",
          "liquidationPrice: 95000");
      assertThat(m).doesNotContain(TG_TOKEN);
    }
  }
}
