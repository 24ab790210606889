package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortfolioBacktestCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path csv(String name, String... rows) throws Exception {
    Path f = dir.resolve(name);
    Files.writeString(f, "timestamp,open,high,low,close,volume\n" + String.join("\n", rows) + "\n");
    return f;
  }

  @Test
  void twoFilesShareTheCapitalAndAreNamedByTheirFiles() throws Exception {
    Path a = csv("aaa.csv", "2024-01-01T00:00:00Z,100,100,100,100,1", "2024-01-02T00:00:00Z,100,110,100,110,1",
        "2024-01-03T00:00:00Z,110,120,110,120,1");
    Path b = csv("bbb.csv", "2024-01-01T00:00:00Z,10,10,10,10,1", "2024-01-03T00:00:00Z,12,12,12,12,1",
        "2024-01-04T00:00:00Z,15,15,15,15,1");
    Path report = dir.resolve("report.json");
    int code = run("backtest", "--data", a.toString(), "--data", b.toString(), "--strategy", "test-buy-then-sell",
        "--set", "exitAt=2", "--sizer-quote", "400", "--fill", "signal-close", "--fee-bps", "10", "--capital", "1000",
        "--report", report.toString(), "--out", dir.resolve("run").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Portfolio backtest of test-buy-then-sell on aaa, bbb", "Correlation of returns");
    JsonNode json = new ObjectMapper().readTree(report.toFile());
    // Each buys 400 quote (+0.4 fee) on its first bar and sells on its third: aaa 4 at 120, bbb 40 at 15.
    double expected = 1_000 - 2 * 400.4 + (480 - 0.48) + (600 - 0.6);
    assertThat(json.get("finalEquity").asDouble()).isCloseTo(expected, org.assertj.core.api.Assertions.within(1e-9));
    assertThat(json.get("symbols").get(1).get("symbol").asText()).isEqualTo("bbb");
    assertThat(json.get("symbols").get(1).get("idleTimestamps").asInt()).isEqualTo(1);
    assertThat(json.get("cagr").isNull()).isTrue();
    assertThat(json.get("annualised").asBoolean()).isFalse();
    assertThat(json.get("assumptions").get("aaa.data").asText()).isEqualTo(a.toString());
    assertThat(json.get("assumptions").get("strategy").asText()).isEqualTo("test-buy-then-sell");
    assertThat(Files.readString(dir.resolve("run/fills.csv"))).startsWith("symbol,index,time,side,")
        .contains("bbb,2,2024-01-04T00:00:00Z,SELL,15.0");
    // the HTML report: the portfolio's charts, both symbols' fills and the command that repeats the run
    String html = Files.readString(dir.resolve("run/report.html"));
    assertThat(html).contains("<title>Portfolio backtest: test-buy-then-sell</title>", "data-chart=\"equity\"",
        "data-chart=\"capital-in-use\"", "data-chart=\"symbol-pnl\"", "data-chart=\"symbol-exposure\"",
        "data-chart=\"correlation\"", "<h2>Fills of aaa (2)</h2>", "<h2>Fills of bbb (2)</h2>",
        "<span class=\"k\">aaa.data</span>");
    assertThat(html).containsPattern("<span class=\"k\">command</span> <span class=\"v\">nanpin backtest --data "
        + "[^<]*aaa.csv --data [^<]*bbb.csv");
    assertThat(out.toString()).contains("report.html");
  }

  @Test
  void aPortfolioLimitRefusesWithItsNumbers() throws Exception {
    Path a = csv("aaa.csv", "2024-01-01T00:00:00Z,100,100,100,100,1", "2024-01-02T00:00:00Z,100,100,100,100,1");
    int code = run("backtest", "--data", a.toString(), "--data", a.toString(), "--symbol", "A", "--symbol", "B",
        "--strategy", "test-buy-then-sell", "--set", "exitAt=5", "--sizer-quote", "500", "--fill", "signal-close",
        "--max-active-ladders", "1", "--out", dir.resolve("run").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Fills / refused").contains("1 / 1");
    assertThat(Files.readString(dir.resolve("run/fills.csv"))).contains("A,").doesNotContain("B,");
  }

  @Test
  void signalFeedsReachEverySymbolsStrategy() throws Exception {
    Path a = csv("aaa.csv", "2024-01-01T00:00:00Z,100,100,100,100,1", "2024-01-02T00:00:00Z,100,110,100,110,1",
        "2024-01-03T00:00:00Z,110,120,110,120,1");
    Path sentiment = dir.resolve("fg.csv");
    Files.writeString(sentiment, "timestamp,value\n2024-01-01T12:00:00Z,20\n2024-01-02T12:00:00Z,80\n");
    int code = run("backtest", "--data", a.toString(), "--data", a.toString(), "--symbol", "A", "--symbol", "B",
        "--strategy", "nanpin", "--sentiment", sentiment.toString(), "--signal", "wyckoff", "--sizer-quote", "100",
        "--report", dir.resolve("report.json").toString(), "--out", dir.resolve("run").toString());
    assertThat(code).as(err.toString()).isZero();
    JsonNode json = new ObjectMapper().readTree(dir.resolve("report.json").toFile());
    assertThat(json.get("assumptions").get("A.signals").asInt()).isEqualTo(2);
    assertThat(json.get("assumptions").get("B.signals").asInt()).isEqualTo(2);
    assertThat(json.get("assumptions").get("B.signalFeeds").asText()).contains("wyckoff");
  }

  @Test
  void theSymbolsMustNameEveryFile() throws Exception {
    Path a = csv("aaa.csv", "2024-01-01T00:00:00Z,100,100,100,100,1");
    int code = run("backtest", "--data", a.toString(), "--data", a.toString(), "--strategy", "test-buy-then-sell",
        "--out", dir.resolve("run").toString());
    assertThat(code).isNotZero();
    assertThat(err.toString()).contains("symbol aaa is used twice; name the files with --symbol");
  }

  @Test
  void btcAndEthOfTheSharedData() {
    Path data = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data");
    Path btc = data.resolve("btc-usdt-1d.csv");
    Path eth = data.resolve("eth-usdt-1d.csv");
    assumeTrue(Files.isRegularFile(btc) && Files.isRegularFile(eth), "shared data not present: " + data);
    int code = run("backtest", "--data", btc.toString(), "--data", eth.toString(), "--symbol", "BTC_USDT",
        "--symbol", "ETH_USDT", "--strategy", "nanpin", "--sizer-quote", "100", "--out", dir.resolve("run").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("BTC_USDT ~ ETH_USDT");
  }

  @Test
  void aPortfolioMonteCarloGivesTheSameFiguresOnOneOrTwoThreads() throws Exception {
    StringBuilder a = new StringBuilder();
    StringBuilder b = new StringBuilder();
    double pa = 100;
    double pb = 10;
    for (int d = 0; d < 120; d++) {
      double move = Math.sin(d * 0.7) * 0.03;
      double na = pa * (1 + move);
      double nb = pb * (1 + move * 0.8 + Math.cos(d * 1.3) * 0.01);
      String day = java.time.Instant.ofEpochMilli(d * 86_400_000L).toString();
      a.append(day).append(',').append(pa).append(',').append(Math.max(pa, na) * 1.01).append(',')
          .append(Math.min(pa, na) * 0.99).append(',').append(na).append(",1\n");
      b.append(day).append(',').append(pb).append(',').append(Math.max(pb, nb) * 1.01).append(',')
          .append(Math.min(pb, nb) * 0.99).append(',').append(nb).append(",1\n");
      pa = na;
      pb = nb;
    }
    Path fa = csv("aaa.csv", a.toString().strip().split("\n"));
    Path fb = csv("bbb.csv", b.toString().strip().split("\n"));
    String[] common = {"montecarlo", "--data", fa.toString(), "--data", fb.toString(), "--generator", "bootstrap",
        "--block", "5", "--paths", "6", "--bars", "60", "--sizer-quote", "100", "--no-progress"};
    JsonNode[] reports = new JsonNode[2];
    for (int k = 0; k < 2; k++) {
      Path report = dir.resolve("mc" + k + ".json");
      String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(common), java.util.stream.Stream.of(
          "--threads", Integer.toString(k + 1), "--report", report.toString(), "--out",
          dir.resolve("mc" + k).toString())).toArray(String[]::new);
      assertThat(run(args)).as(err.toString()).isZero();
      reports[k] = new ObjectMapper().readTree(report.toFile());
    }
    assertThat(out.toString()).contains("Portfolio Monte Carlo of nanpin on aaa, bbb: joint-bootstrap",
        "correlation of aaa and bbb in the history");
    assertThat(reports[1].get("finalEquity")).isEqualTo(reports[0].get("finalEquity"));
    assertThat(reports[0].get("finalEquity").size()).isEqualTo(6);
    assertThat(reports[0].get("assumptions").get("generator").asText()).isEqualTo("joint-bootstrap");
    assertThat(run("montecarlo", "--data", fa.toString(), "--data", fb.toString(), "--mu", "0.1",
        "--out", dir.resolve("mc9").toString())).isNotZero();
    assertThat(err.toString()).contains("apply to one symbol only");
  }
}
