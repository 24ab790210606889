package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;

/** --timeout is a total deadline; unknown source names and streams that never connect fail with one line. */
class DeadlinesTest {
  @StartStop private final MockWebServer stalled = new MockWebServer();

  private void stall() {
    // headers only after 30 s: a stalled server
    stalled.enqueue(new MockResponse.Builder().code(200).headersDelay(30, TimeUnit.SECONDS).body("{}").build());
  }

  @Test
  void dataHistoryHonoursTheTimeout() {
    stall();
    long start = System.nanoTime();
    CliRunner r = CliRunner.run("data", "history", "bitcoin", "--days", "2", "--timeout", "1s",
        "--base-url", "coingecko=" + stalled.url("/api/v3"), "--set", "coingecko.apiKey=test-key-gecko");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nanpin: data history: no answer within --timeout 1s" + System.lineSeparator());
    assertThat(took).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void backpackKlinesHonoursTheTimeout() {
    stall();
    CliRunner r = CliRunner.run("backpack", "klines", "SOL_USDC", "--from", "2025-01-01", "--to", "2025-01-02",
        "--timeout", "1s", "--base-url", stalled.url("/").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nanpin: backpack klines: no answer within --timeout 1s" + System.lineSeparator());
  }

  @Test
  void unknownSourceNamesAreErrors() {
    CliRunner r = CliRunner.run("data", "price", "bitcoin", "--sources", "coingecko",
        "--base-url", "coingeko=http://127.0.0.1:9");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("nanpin: --base-url coingeko=...: unknown source 'coingeko' (did you mean 'coingecko'?); "
        + "known sources: ").contains("coingecko, coinglass, coinmarketcap");
    assertThat(stalled.getRequestCount()).isZero();
  }

  @Test
  void streamThatNeverConnectsFails() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    CliRunner r = CliRunner.run("backpack", "stream", "ticker.SOL_USDC", "--duration", "30s", "--timeout", "1s",
        "--ws-url", "ws://127.0.0.1:" + port + "/");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).endsWith("nanpin: backpack stream: could not connect to ws://127.0.0.1:" + port
        + "/ within --timeout 1s" + System.lineSeparator());
  }
}
