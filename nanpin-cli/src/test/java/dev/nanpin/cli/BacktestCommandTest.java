package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestCommandTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path csv(String... rows) throws Exception {
    Path f = dir.resolve("bars.csv");
    Files.writeString(f, "timestamp,open,high,low,close,volume\n" + String.join("\n", rows) + "\n");
    return f;
  }

  @Test
  void runsAStrategyAndWritesTheReportAndTheLedger() throws Exception {
    Path data = csv("2024-01-01T00:00:00Z,100,101,99,100,1", "2024-01-01T01:00:00Z,100,106,99,105,1",
        "2024-01-01T02:00:00Z,105,111,104,110,1", "2024-01-01T03:00:00Z,110,111,104,108,1");
    Path report = dir.resolve("report.json");
    Path fills = dir.resolve("fills.csv");
    Path equity = dir.resolve("equity.csv");
    int code = run("backtest", "--data", data.toString(), "--strategy", "test-buy-then-sell", "--set", "exitAt=2",
        "--sizer-quote", "1000", "--fill", "signal-close", "--fee-bps", "10", "--capital", "10000",
        "--report", report.toString(), "--trades", fills.toString(), "--equity", equity.toString(),
        "--round-trips", dir.resolve("trips.csv").toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString()).contains("Backtest of test-buy-then-sell").contains("Total return").contains("Closed trades");

    JsonNode json = new ObjectMapper().readTree(report.toFile());
    for (String field : List.of("totalReturn", "cagr", "volatility", "sharpe", "sortino", "calmar", "maxDrawdown",
        "maxDrawdownRealised", "winRate", "exposure", "tradesPerYear", "var95", "cvar95", "var99",
        "cvar99", "feesPaid", "fundingPaid", "finalEquity", "closedTrades", "fills")) {
      assertThat(json.get(field)).as(field).isNotNull();
      assertThat(json.get(field).isNumber()).as(field + " is a number").isTrue();
    }
    // Buy 1000 quote at 100 (10 units, fee 1), sell 10 at 110 (fee 1.1): +100 - 2.1.
    assertThat(json.get("finalEquity").asDouble()).isEqualTo(10_000 - 1000 - 1.0 + 1100.0 - 1.1);
    assertThat(json.get("closedTrades").asInt()).isEqualTo(1);
    assertThat(json.get("fills").asInt()).isEqualTo(2);
    assertThat(json.get("winRate").asDouble()).isEqualTo(1.0);
    assertThat(json.get("strategy").asText()).isEqualTo("test-buy-then-sell");
    // No losing trade: an unbounded profit factor, null in JSON with its flag.
    assertThat(json.get("profitFactor").isNull()).isTrue();
    assertThat(json.get("profitFactorUnbounded").asBoolean()).isTrue();
    // Four hours are not a year: the annualised figures are flagged as extrapolated.
    assertThat(json.get("annualised").asBoolean()).isFalse();
    assertThat(json.get("spanDays").asDouble()).isEqualTo(4 / 24.0);
    JsonNode a = json.get("assumptions");
    assertThat(a.get("strategy").asText()).isEqualTo("test-buy-then-sell");
    assertThat(a.get("strategy.exitAt").asInt()).isEqualTo(2);
    assertThat(a.get("sizer.quote").asDouble()).isEqualTo(1000.0);
    assertThat(a.get("fillTiming").asText()).isEqualTo("signal-close");
    assertThat(a.get("takerFeeBps").asDouble()).isEqualTo(10.0);
    assertThat(a.get("data").asText()).isEqualTo(data.toString());
    assertThat(a.get("command").asText()).startsWith("nanpin backtest --data ").contains("--set exitAt=2");

    assertThat(Files.readAllLines(fills)).containsExactly("index,time,side,price,quantity,quote,fee,exitReason",
        "0,2024-01-01T00:00:00Z,BUY,100.0,10.0,1000.0,1.0,",
        "2,2024-01-01T02:00:00Z,SELL,110.0,10.0,1100.0,1.1,market-exit");
    // the one round trip, closed by an untagged market order, in the JSON, the round-trips file and the summary
    assertThat(json.get("exitReasons")).singleElement().satisfies(e -> {
      assertThat(e.get("reason").asText()).isEqualTo("market-exit");
      assertThat(e.get("count").asInt()).isEqualTo(1);
      assertThat(e.get("pnl").asDouble()).isCloseTo(100 - 2.1, org.assertj.core.api.Assertions.within(1e-9));
    });
    assertThat(Files.readAllLines(dir.resolve("trips.csv"))).hasSize(2).last().asString()
        .startsWith("2024-01-01T00:00:00Z,2024-01-01T02:00:00Z,1,100.0,110.0,market-exit,");
    assertThat(out.toString()).contains("Exit reasons").contains("market exit (untagged)");
    List<String> eq = Files.readAllLines(equity);
    assertThat(eq).hasSize(5);
    assertThat(eq.get(0)).isEqualTo("index,time,equity");
    assertThat(eq.get(1)).isEqualTo("0,2024-01-01T00:00:00Z,9999.0");
  }

  @Test
  void aBadRowFailsWithTheLineNumber() throws Exception {
    Path data = csv("2024-01-01T00:00:00Z,100,101,99,100,1", "2024-01-01T01:00:00Z,100,99,98,100,1");
    int code = run("backtest", "--data", data.toString(), "--strategy", "test-buy-then-sell");
    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("bars.csv:3: high 99.0 is below");
  }

  @Test
  void unknownStrategyAndBadOptionsAreClearErrors() throws Exception {
    Path data = csv("2024-01-01T00:00:00Z,100,101,99,100,1");
    assertThat(run("backtest", "--data", data.toString(), "--strategy", "no-such")).isEqualTo(1);
    assertThat(err.toString()).contains("no-such");
    assertThat(run("backtest", "--data", data.toString(), "--strategy", "test-buy-then-sell", "--fill", "tomorrow"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("signal-close, next-open");
    assertThat(run("backtest", "--data", data.toString(), "--strategy", "test-buy-then-sell", "--leverage", "3"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("--perp");
  }
}
