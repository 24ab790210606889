package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataCommandTest {
  @StartStop private final MockWebServer gecko = new MockWebServer();
  @StartStop private final MockWebServer other = new MockWebServer();

  static String fixture(String name) throws IOException {
    try (InputStream in = DataCommandTest.class.getResourceAsStream("/datasources/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  static MockResponse json(String body) {
    return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json").body(body).build();
  }

  @Test
  void priceAcrossTwoSourcesAsTableAndJson() throws Exception {
    // 67187 vs 6602: far apart, so no consensus: the first source by --sources order is used and the other rejected
    gecko.enqueue(json(fixture("coingecko-simple-price.json")));
    other.enqueue(json(fixture("cmc-quotes-latest.json")));
    CliRunner r = CliRunner.run("data", "price", "bitcoin", "--sources", "coingecko,coinmarketcap",
        "--base-url", "coingecko=" + gecko.url("/api/v3"), "--base-url", "coinmarketcap=" + other.url("/"),
        "--set", "coingecko.apiKey=test-key-gecko", "--set", "coinmarketcap.apiKey=test-key-cmc");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("67187.3358936566").contains("NO CONSENSUS").contains("rejected coinmarketcap");
    RecordedRequest cmc = other.takeRequest();
    assertThat(cmc.getUrl().queryParameter("id")).isEqualTo("1"); // bitcoin -> BTC -> id 1
    assertThat(r.out()).doesNotContain("test-key");

    gecko.enqueue(json(fixture("coingecko-simple-price.json")));
    CliRunner j = CliRunner.run("data", "price", "bitcoin", "--sources", "coingecko", "--json",
        "--base-url", "coingecko=" + gecko.url("/api/v3"), "--set", "coingecko.apiKey=test-key-gecko");
    assertThat(j.code()).as(j.err()).isZero();
    assertThat(j.out()).contains("\"price\" : \"67187.3358936566\"").contains("\"consensus\" : false");
  }

  @Test
  void historyToCsv(@TempDir Path dir) throws Exception {
    long t1 = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.DAYS).toEpochMilli();
    long t2 = t1 + 86_400_000L;
    gecko.enqueue(json("{\"prices\":[[" + t1 + ",65000.5],[" + t2 + ",66000.25]],\"market_caps\":[],\"total_volumes\":[]}"));
    Path csv = dir.resolve("btc.csv");
    CliRunner r = CliRunner.run("data", "history", "bitcoin", "--days", "90", "--out", csv.toString(),
        "--base-url", "coingecko=" + gecko.url("/api/v3"), "--set", "coingecko.apiKey=test-key-gecko");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote 2 bars");
    assertThat(Files.readAllLines(csv)).containsExactly("timestamp,open,high,low,close,volume",
        Instant.ofEpochMilli(t1) + ",65000.5,65000.5,65000.5,65000.5,0",
        Instant.ofEpochMilli(t2) + ",66000.25,66000.25,66000.25,66000.25,0");
    assertThat(gecko.takeRequest().getUrl().encodedPath()).isEqualTo("/api/v3/coins/bitcoin/market_chart/range");
  }

  @Test
  void downloadThenBacktestReadsTheSameFormat(@TempDir Path dir) throws Exception {
    // 300 hourly points of a deterministic wave, served as CoinGecko's market_chart/range answer
    long t0 = Instant.now().minus(19, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS).toEpochMilli();
    StringBuilder prices = new StringBuilder();
    for (int i = 0; i < 300; i++) {
      double p = 60_000 * (1 + 0.08 * Math.sin(i / 15.0));
      prices.append(i == 0 ? "" : ",").append('[').append(t0 + i * 3_600_000L).append(',')
          .append(String.format(java.util.Locale.ROOT, "%.2f", p)).append(']');
    }
    gecko.enqueue(json("{\"prices\":[" + prices + "],\"market_caps\":[],\"total_volumes\":[]}"));
    Path csv = dir.resolve("btc.csv");
    CliRunner download = CliRunner.run("data", "history", "bitcoin", "--days", "20", "--out", csv.toString(),
        "--base-url", "coingecko=" + gecko.url("/api/v3"), "--set", "coingecko.apiKey=test-key-gecko");
    assertThat(download.code()).as(download.err()).isZero();
    assertThat(download.out()).contains("wrote 300 bars to " + csv.toAbsolutePath());

    CliRunner backtest = CliRunner.run("backtest", "--data", csv.toString(), "--strategy", "nanpin",
        "--out", dir.resolve("run").toString());
    assertThat(backtest.code()).as(backtest.err()).isZero();
    assertThat(backtest.out()).contains("300 bars").contains("Total return");

    // an existing file is never overwritten, and the check comes before the download
    CliRunner again = CliRunner.run("data", "history", "bitcoin", "--days", "20", "--out", csv.toString(),
        "--base-url", "coingecko=" + gecko.url("/api/v3"), "--set", "coingecko.apiKey=test-key-gecko");
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("nanpin: --out " + csv + " already exists; not overwritten" + System.lineSeparator());
    assertThat(gecko.getRequestCount()).isEqualTo(1);
  }

  @Test
  void fredSeriesShowsMissingValues() throws Exception {
    other.enqueue(json(fixture("fred-series-observations-missing-values.json")));
    CliRunner r = CliRunner.run("data", "fred", "DGS10", "--from", "2024-01-11", "--base-url", "fred=" + other.url("/fred"),
        "--set", "fred.apiKey=abcdef0123456789abcdef0123456789");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2024-01-15   missing").contains("2024-01-16   4.07").contains("5 observations");
    assertThat(other.takeRequest().getUrl().queryParameter("observation_start")).isEqualTo("2024-01-11");
  }

  @Test
  void macroWithTooLittleDataFailsClearly() {
    for (int i = 0; i < 7; i++) {
      other.enqueue(json("{\"count\":0,\"offset\":0,\"limit\":100000,\"observations\":[]}"));
    }
    CliRunner r = CliRunner.run("data", "macro", "--base-url", "fred=" + other.url("/fred"),
        "--set", "fred.apiKey=abcdef0123456789abcdef0123456789");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("macro regime needs at least 4").doesNotContain("abcdef0123456789abcdef0123456789");
  }

  @Test
  void sentimentAndLiquidations() throws Exception {
    other.enqueue(json(fixture("feargreed-latest.json")));
    CliRunner s = CliRunner.run("data", "sentiment", "--base-url", "feargreed=" + other.url("/"));
    assertThat(s.code()).as(s.err()).isZero();
    assertThat(s.out()).contains("sentiment 54.0 / 100");

    gecko.enqueue(json(fixture("coinglass-heatmap-consistent.json")));
    CliRunner l = CliRunner.run("data", "liquidations", "BTC", "--json", "--base-url", "coinglass=" + gecko.url("/"),
        "--set", "coinglass.apiKey=test-key-glass");
    assertThat(l.code()).as(l.err()).isZero();
    assertThat(l.out()).contains("\"symbol\" : \"BTC\"").contains("\"referencePrice\" : 61590.5").contains("\"positions\"");
    assertThat(gecko.takeRequest().getHeaders().get("CG-API-KEY")).isEqualTo("test-key-glass");
  }
}
