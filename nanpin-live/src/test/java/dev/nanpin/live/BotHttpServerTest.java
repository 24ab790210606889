package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.Bar;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.testkit.HeadlessChromium;
import dev.nanpin.testkit.PrometheusText;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot served over HTTP on loopback, queried with a real HTTP client. */
class BotHttpServerTest {
  static final String BTC = BotTest.BTC;
  static final Instant T0 = BotTest.T0;
  static final String TOKEN = "test-token-0123456789abcdef";

  @TempDir Path dir;
  LiveEngineTest.MutableClock clock;
  ScriptedExchange venue;
  Bot bot;
  BotHttpServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final List<String> refusals = new ArrayList<>();

  /** Buys at market on the first bar, then rests a limit buy 2 % lower on every later bar. */
  final class Buyer implements Strategy {
    @Override
    public void onBar(StrategyContext ctx) {
      if (ctx.account().positionQuantity() == 0) {
        ctx.submit(OrderIntent.buyQuote(1000));
      } else {
        ctx.submit(OrderIntent.limit(Side.BUY, ctx.price() * 0.98, Sizing.QUOTE, 1000));
      }
    }

    @Override
    public void onOrderRejected(StrategyContext ctx, int orderId, String reason) {
      refusals.add(reason);
    }
  }

  @BeforeEach
  void setUp() {
    clock = new LiveEngineTest.MutableClock(T0);
    venue = BotTest.venue(clock);
  }

  @AfterEach
  void tearDown() {
    if (server != null) {
      server.close();
    }
    if (bot != null) {
      bot.close();
    }
  }

  void startBot(String token) {
    bot = Bot.builder().engine(EngineConfig.defaults("ops-test", BTC).withBars(Duration.ofHours(1), 10))
        .exchange(venue).strategy(new Buyer()).store(dir.resolve("bot.db")).clock(clock).build();
    bot.start();
    server = BotHttpServer.builder(bot).bind(new InetSocketAddress("127.0.0.1", 0)).token(token).build();
    server.start();
    for (int h = 1; h <= 3; h++) {
      clock.set(T0.plus(Duration.ofHours(h)));
      venue.pushBar(BTC, Bar.of(T0.plus(Duration.ofHours(h - 1)), 100_000, 100_010, 99_990, 100_000, 1));
      bot.status();
      if (h == 1) {
        // the venue fills the market buy
        venue.fake.fill(bot.store().openOrders().get(0).exchangeOrderId(), new BigDecimal("0.01"), new BigDecimal("100000"));
        bot.status();
      }
    }
  }

  HttpResponse<String> get(String path) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  HttpResponse<String> post(String path, String bearer, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  URI uri(String path) {
    InetSocketAddress a = server.address();
    return URI.create("http://127.0.0.1:" + a.getPort() + path);
  }

  @Test
  void servesHealthReadinessStatusOrdersFillsAndMetricsOnLoopbackOnly() throws Exception {
    startBot(null);
    assertThat(server.address().getAddress().isLoopbackAddress()).isTrue();
    HttpResponse<String> health = get("/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).contains("\"status\":\"UP\"");
    HttpResponse<String> ready = get("/ready");
    assertThat(ready.body()).contains("\"ready\":");
    assertThat(ready.statusCode()).isIn(200, 503);

    HttpResponse<String> status = get("/api/status");
    assertThat(status.statusCode()).isEqualTo(200);
    assertThat(status.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    assertThat(status.body()).contains("\"bot\":\"ops-test\"", "\"paused\":false", "\"state\":\"running\"");
    assertThat(get("/api/orders?limit=10").body()).contains("\"side\":\"BUY\"", "\"state\":");
    String fills = get("/api/fills?page=0&size=5").body();
    assertThat(fills).contains("\"total\":1", "\"price\":100000");
    assertThat(get("/api/audit").statusCode()).isEqualTo(200);
    assertThat(get("/api/orders?limit=0").statusCode()).isEqualTo(400);
    assertThat(get("/api/nothing").statusCode()).isEqualTo(404);
    assertThat(post("/api/status", null, "").statusCode()).isEqualTo(405);

    HttpResponse<String> metrics = get("/metrics");
    assertThat(metrics.statusCode()).isEqualTo(200);
    PrometheusText.assertParses(metrics.body());
    assertThat(metrics.body()).contains("nanpin_position_base{bot=\"ops-test\",symbol=\"BTC_USDC\"}",
        "nanpin_fills_total{", "nanpin_orders{bot=\"ops-test\",state=\"filled\"", "nanpin_event_loop_lag_seconds{",
        "nanpin_stream_healthy{");
  }

  @Test
  void controlEndpointsDoNotExistWithoutAToken() throws Exception {
    startBot(null);
    assertThat(post("/api/pause", TOKEN, "").statusCode()).isEqualTo(404);
    assertThat(bot.paused()).isFalse();
  }

  @Test
  void controlEndpointsRefuseAWrongTokenAndWorkWithTheRightOne() throws Exception {
    startBot(TOKEN);
    assertThat(post("/api/pause", null, "").statusCode()).isEqualTo(401);
    assertThat(post("/api/pause", TOKEN + "x", "").statusCode()).isEqualTo(401);
    assertThat(post("/api/pause", "x".repeat(TOKEN.length()), "").statusCode()).isEqualTo(401);
    assertThat(bot.paused()).isFalse();
    assertThat(get("/api/pause").statusCode()).isEqualTo(405);
    assertThat(post("/api/pause", TOKEN, "x".repeat(5000)).statusCode()).isEqualTo(413);

    HttpResponse<String> paused = post("/api/pause", TOKEN, "");
    assertThat(paused.statusCode()).isEqualTo(200);
    assertThat(paused.body()).doesNotContain(TOKEN);
    assertThat(bot.paused()).isTrue();
    clock.set(T0.plus(Duration.ofHours(4)));
    venue.pushBar(BTC, Bar.of(T0.plus(Duration.ofHours(3)), 100_000, 100_010, 99_990, 100_000, 1));
    bot.status();
    assertThat(refusals).contains("paused by the operator");
    assertThat(get("/ready").body()).contains("paused by the operator");

    HttpResponse<String> cancelled = post("/api/cancel-all", TOKEN, "");
    assertThat(cancelled.statusCode()).isEqualTo(200);
    assertThat(cancelled.body()).contains("\"cancelled\":");
    assertThat(bot.store().openOrders()).isEmpty();
    assertThat(post("/api/resume", TOKEN, "").statusCode()).isEqualTo(200);
    assertThat(bot.paused()).isFalse();
    assertThat(get("/api/audit?limit=10").body()).contains("pause", "resume", "cancel-all");
    assertThat(server.toString()).doesNotContain(TOKEN);
  }

  @Test
  void theStatusPageRendersInAHeadlessBrowserWithTheBotsNameAndPosition() throws Exception {
    Optional<HeadlessChromium> chromium = HeadlessChromium.find();
    assumeTrue(chromium.isPresent(), "no headless Chromium on this machine (install Debian's chromium); skipped");
    startBot(null);
    String dom = chromium.get().dumpDom("http://127.0.0.1:" + server.address().getPort() + "/", dir);
    assertThat(dom).contains("ops-test");
    assertThat(dom).containsPattern(Pattern.compile("position</td><td>0\\.0\\d+"));
    assertThat(dom).contains("id=\"price-chart\"", "id=\"equity-chart\"", "<polyline")
        .contains("<span id=\"state\" class=\"pill ok\">running</span>");
  }
}
