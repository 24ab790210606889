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
}
