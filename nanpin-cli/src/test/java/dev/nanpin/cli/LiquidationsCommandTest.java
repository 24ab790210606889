package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.data.LiquidationCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nanpin data liquidations --live --record} against local streams, and {@code backtest --liquidations}. */
class LiquidationsCommandTest {
  @TempDir Path dir;
  @StartStop private final MockWebServer server = new MockWebServer();
  private final BlockingQueue<String> subscriptions = new LinkedBlockingQueue<>();

  @Test
  void liveMergesBinanceAndBackpackPrintsLowerBoundBandsAndRecordsTheCsv() throws Exception {
    long now = System.currentTimeMillis();
    String binance = ("{\"e\":\"forceOrder\",\"E\":%d,\"o\":{\"s\":\"BTCUSDT\",\"S\":\"SELL\",\"o\":\"LIMIT\",\"f\":\"IOC\","
        + "\"q\":\"2\",\"p\":\"89000\",\"ap\":\"89210\",\"X\":\"FILLED\",\"l\":\"2\",\"z\":\"2\",\"T\":%d}}").formatted(now, now);
    String eth = binance.replace("BTCUSDT", "ETHUSDT");
    String backpack = ("{\"stream\":\"liquidation\",\"data\":{\"e\":\"liquidation\",\"E\":%d,\"q\":\"1\",\"p\":\"89400\","
        + "\"S\":\"Ask\",\"s\":\"BTC_USDC_PERP\",\"T\":%d}}").formatted(now * 1000, now * 1000);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        boolean isBinance = r.getUrl().encodedPath().startsWith("/market/ws/");
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
          @Override
          public void onOpen(WebSocket ws, Response response) {
            if (isBinance) {
              ws.send(eth);
              ws.send(binance);
            }
          }

          @Override
          public void onMessage(WebSocket ws, String text) {
            subscriptions.add(text);
            ws.send(backpack);
          }

          @Override
          public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
          }
        }).build();
      }
    });
    Path rec = dir.resolve("liq.csv");
    CliRunner r = CliRunner.run("data", "liquidations", "BTC", "--live", "1500ms", "--record", rec.toString(),
        "--sources", "binance,backpack", "--binance-url", "ws://127.0.0.1:" + server.getPort() + "/market/ws/",
        "--backpack-ws-url", "ws://127.0.0.1:" + server.getPort() + "/ws");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(subscriptions.poll()).contains("SUBSCRIBE").contains("liquidation");
    // 2 x 89210 + 1 x 89400 of longs, both in the band [89000, 89500) of width 500
    assertThat(r.out()).contains("BTC around").contains("2 live events").contains("89000.00").contains("89500.00")
        .contains("LOWER BOUND").contains("backpack=1").contains("binance=1");
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("89500\\.00\\s+(\\d+)\\s").matcher(r.out());
    assertThat(m.find()).isTrue();
    // 2 x 89210 + 89400 = 267 820, decayed by a few seconds of a 4 h half-life
    assertThat(Double.parseDouble(m.group(1))).isBetween(267_700.0, 267_820.0);
    List<String> lines = Files.readAllLines(rec);
    assertThat(lines.get(0)).isEqualTo(LiquidationCsv.HEADER);
    assertThat(lines).hasSize(3).noneMatch(l -> l.contains("ETH"));
    assertThat(LiquidationCsv.read(rec)).hasSize(2);
  }

  @Test
  void aRecordedFileReplayedInABacktestMovesALadderLevel() throws Exception {
    Path bars = dir.resolve("bars.csv");
    Files.writeString(bars, """
        timestamp,open,high,low,close,volume
        2024-01-01T00:00:00Z,100,100.5,99.5,100,1
        2024-01-01T01:00:00Z,100,100.5,99.5,100,1
        2024-01-01T02:00:00Z,100,100,97.5,97.8,1
        2024-01-01T03:00:00Z,97.8,98,97.5,97.9,1
        """);
    Path liq = dir.resolve("liq.csv");
    // 30 000 units of longs liquidated at 97.7: 2.93 M notional; the hourly pictures decay it with the 4 h
    // half-life (1.79 M at 01:00, when the ladder is built), still above the cluster rule's 1 M minimum
    Files.writeString(liq, LiquidationCsv.HEADER + "\n2023-12-31T22:10:00Z,BTCUSDT,SELL,97.7,30000,binance\n");
    Path plain = dir.resolve("plain.csv");
    Path magnet = dir.resolve("magnet.csv");
    CliRunner a = CliRunner.run("backtest", "--data", bars.toString(), "--strategy", "nanpin", "--trades", plain.toString());
    assertThat(a.code()).as(a.err()).isZero();
    CliRunner b = CliRunner.run("backtest", "--data", bars.toString(), "--strategy", "nanpin", "--trades",
        magnet.toString(), "--liquidations", liq.toString());
    assertThat(b.code()).as(b.err()).isZero();
    List<String> without = Files.readAllLines(plain);
    List<String> with = Files.readAllLines(magnet);
    // the first level below the entry (100 x 0.98 = 98) fills at 98 without the file; with it the level
    // moves to just above the cluster band [97.5, 98.0): 98.0 x 1.001 = 98.098
    assertThat(without).anyMatch(l -> l.contains(",BUY,98.0,"));
    assertThat(with).anyMatch(l -> l.matches(".*,BUY,98\\.09(8|79+\\d*),.*")); // 98.098 in doubles
    assertThat(with).noneMatch(l -> l.contains(",BUY,98.0,"));
  }

  @Test
  void aBotPollingBinanceLiquidationsFeedsTheLadderClustersOfItsBaseAsset() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {
          @Override
          public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(1000, null);
          }
        }).build();
      }
    });
    java.util.Map<String, Object> params = java.util.Map.of("baseUrl", "ws://127.0.0.1:" + server.getPort() + "/market/ws/");
    try (dev.nanpin.DataSource ds = dev.nanpin.spi.Plugins.load().dataSource("binance-liquidations", params)) {
      var poll = ((dev.nanpin.SignalFeed.Polled) dev.nanpin.data.SignalQueries.feed(ds,
          dev.nanpin.data.SignalQueries.LIQUIDATIONS, java.time.Duration.ofMinutes(1), params, "BTC",
          java.time.Clock.systemUTC())).poll();
      assertThat(poll).as("the run command polls it").isNotNull();
      ((dev.nanpin.data.BinanceLiquidationSource) ds).accept(new dev.nanpin.Liquidation("binance", "BTCUSDT",
          dev.nanpin.Side.SELL, new java.math.BigDecimal("89210"), new java.math.BigDecimal("20"), java.time.Instant.now()));
      dev.nanpin.LiquidationClusters c = (dev.nanpin.LiquidationClusters) poll.get();
      assertThat(c.symbol()).isEqualTo("BTC"); // what the ladder's cluster rule matches against the instrument's base
      assertThat(c.clusters()).singleElement().satisfies(k -> {
        assertThat(k.side()).isEqualTo(dev.nanpin.Side.BUY);
        assertThat(k.priceLow()).isEqualTo(89_000.0);
        assertThat(k.notional()).isCloseTo(1_784_200.0, org.assertj.core.api.Assertions.within(100.0));
      });
    }
  }
}
