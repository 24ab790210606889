package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackpackCommandTest {
  @StartStop private final MockWebServer server = new MockWebServer();

  private static MockResponse json(String body) {
    return new MockResponse.Builder().addHeader("Content-Type", "application/json").body(body).build();
  }

  private String base() {
    return server.url("/").toString();
  }

  @Test
  void marketsAndTickerPrintTheVenueData() throws Exception {
    server.enqueue(json("[{\"symbol\":\"SOL_USDC\",\"baseSymbol\":\"SOL\",\"quoteSymbol\":\"USDC\",\"marketType\":\"SPOT\","
        + "\"filters\":{\"price\":{\"tickSize\":\"0.01\"},\"quantity\":{\"stepSize\":\"0.01\",\"minQuantity\":\"0.01\"}}}]"));
    CliRunner r = CliRunner.run("backpack", "markets", "--base-url", base());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("SOL_USDC").contains("SPOT").contains("0.01");

    server.enqueue(json("{\"symbol\":\"SOL_USDC\",\"lastPrice\":\"151.25\"}"));
    r = CliRunner.run("backpack", "ticker", "SOL_USDC", "--base-url", base());
    assertThat(r.out().strip()).isEqualTo("SOL_USDC 151.25");
    server.takeRequest();
    assertThat(server.takeRequest().getUrl().queryParameter("symbol")).isEqualTo("SOL_USDC");
  }

  @Test
  void klinesOutWritesTheBacktesterCsv(@TempDir Path dir) throws Exception {
    server.enqueue(json("[{\"start\":\"2025-01-01 00:00:00\",\"end\":\"2025-01-01 01:00:00\",\"open\":\"100.50\","
        + "\"high\":\"102\",\"low\":\"99.5\",\"close\":\"101\",\"volume\":\"12.300\"},"
        + "{\"start\":\"2025-01-01 01:00:00\",\"end\":\"2025-01-01 02:00:00\",\"open\":\"101\",\"high\":\"101\","
        + "\"low\":\"100\",\"close\":\"100\",\"volume\":\"0\"}]"));
    Path csv = dir.resolve("sol.csv");
    CliRunner r = CliRunner.run("backpack", "klines", "SOL_USDC", "--interval", "1h", "--from", "2025-01-01",
        "--to", "2025-01-01T02:00:00Z", "--out", csv.toString(), "--base-url", base());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote 2 bars");
    assertThat(Files.readAllLines(csv)).containsExactly("timestamp,open,high,low,close,volume",
        "2025-01-01T00:00:00Z,100.5,102,99.5,101,12.3", "2025-01-01T01:00:00Z,101,101,100,100,0");
    RecordedRequest req = server.takeRequest();
    assertThat(req.getUrl().queryParameter("startTime")).isEqualTo("1735689600");
    assertThat(req.getUrl().queryParameter("interval")).isEqualTo("1h");
  }

  @Test
  void badDateIsAClearError() {
    CliRunner r = CliRunner.run("backpack", "klines", "SOL_USDC", "--from", "yesterday", "--base-url", base());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("--from 'yesterday' is not a date");
  }

  @Test
  void streamPrintsRawMessages() {
    server.enqueue(new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
      @Override
      public void onMessage(WebSocket ws, String text) {
        ws.send("{\"stream\":\"ticker.SOL_USDC\",\"data\":{\"e\":\"ticker\",\"s\":\"SOL_USDC\",\"c\":\"151.5\"}}");
      }

      @Override
      public void onClosing(WebSocket ws, int code, String reason) {
        ws.close(1000, null);
      }
    }).build());
    CliRunner r = CliRunner.run("backpack", "stream", "ticker.SOL_USDC", "--count", "1", "--duration", "10s",
        "--ws-url", server.url("/").toString().replace("http", "ws"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("ticker.SOL_USDC {\"e\":\"ticker\",\"s\":\"SOL_USDC\",\"c\":\"151.5\"}");
  }

  @Test
  void helpListsTheSubcommands() {
    assertThat(CliRunner.run("backpack", "--help").out()).contains("markets", "ticker", "depth", "klines", "funding",
        "balances", "collateral", "positions", "orders", "stream");
    assertThat(List.of(CliRunner.run("--help").out())).anySatisfy(s -> assertThat(s).contains("backpack"));
  }
}
