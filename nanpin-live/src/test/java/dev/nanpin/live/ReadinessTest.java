package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.ExchangeListener;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code GET /ready}: each condition of readiness, broken and mended, asked over HTTP. */
class ReadinessTest {
  static final String BTC = BotTest.BTC;

  @TempDir Path dir;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final BarDriver driver = new BarDriver();
  final ScriptedExchange venue = driver.venue;
  Bot bot;

  @BeforeEach
  void setUp() {
    bot = Bot.builder().engine(EngineConfig.defaults("ready-bot", BTC).withBars(Duration.ofHours(1), 10))
        .exchange(venue).strategy(driver.strategy()).store(dir.resolve("bot.db")).clock(driver.clock)
        .http(new InetSocketAddress("127.0.0.1", 0), null).build();
    bot.start();
  }

  @AfterEach
  void tearDown() {
    bot.close();
  }

  void bar() {
    driver.bar(bot, BTC);
  }

  HttpResponse<String> ready() throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + bot.httpAddress().orElseThrow().getPort() + "/ready");
    return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  void assertReady() throws Exception {
    HttpResponse<String> r = ready();
    assertThat(r.body()).isEqualTo("{\"ready\":true,\"reasons\":[]}");
    assertThat(r.statusCode()).isEqualTo(200);
  }

  void assertNotReady(String reason) throws Exception {
    HttpResponse<String> r = ready();
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"ready\":false").contains(reason);
  }

  @Test
  void readyWhenRunningConnectedReconciledClosedAndNothingUnknown() throws Exception {
    assertReady();
  }

  @Test
  void notReadyWhileTheStreamsAreDown() throws Exception {
    venue.account.forEach(l -> l.onStreamError(new java.io.IOException("connection reset")));
    bot.status();
    assertNotReady("streams are not connected");
    venue.account.forEach(ExchangeListener::onReconnected);
    bot.status();
    assertReady();
  }

  @Test
  void notReadyAfterAFailedReconciliationUntilOneSucceeds() throws Exception {
    venue.failFills = true;
    bar();
    assertNotReady("the last reconciliation with the venue failed");
    venue.failFills = false;
    bar();
    assertReady();
  }

  @Test
  void notReadyWhileTheVenuesCircuitBreakerIsNotClosed() throws Exception {
    venue.circuit = "OPEN";
    assertNotReady("the venue's circuit breaker is open");
    venue.circuit = "HALF_OPEN";
    assertNotReady("the venue's circuit breaker is half_open");
    venue.circuit = "CLOSED";
    assertReady();
  }

  @Test
  void notReadyWhileAnOrderIsOfUnknownOutcome() throws Exception {
    venue.outcomeUnknownAfterAccept = true;
    venue.lookupsFail = true;
    driver.buyNextBar();
    bar();
    assertNotReady("1 order(s) of unknown outcome");
    // the venue answers again: reconciliation finds the order by its client id
    venue.outcomeUnknownAfterAccept = false;
    venue.lookupsFail = false;
    bar();
    assertReady();
  }

  @Test
  void notReadyWhilePaused() throws Exception {
    bot.pause();
    assertNotReady("paused by the operator");
    bot.resume();
    assertReady();
  }
}
