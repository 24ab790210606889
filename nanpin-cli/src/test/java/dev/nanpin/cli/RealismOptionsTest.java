package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code backtest --round --tick-size --step-size --min-quantity --risk FILE}. */
class RealismOptionsTest {
  @TempDir
  Path dir;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(new PrintWriter(out), new PrintWriter(err), args);
  }

  private Path bars() throws Exception {
    Path f = dir.resolve("bars.csv");
    Files.writeString(f, "timestamp,open,high,low,close,volume\n2024-01-01T00:00:00Z,100,101,99,100.123,1\n"
        + "2024-01-01T01:00:00Z,100,106,99,105,1\n2024-01-01T02:00:00Z,105,111,104,110,1\n");
    return f;
  }

  private int runs;

  private List<String> fills(String... extra) throws Exception {
    Path fills = dir.resolve("fills-" + (++runs) + ".csv"); // run folders never overwrite a file
    List<String> args = new java.util.ArrayList<>(List.of("backtest", "--data", bars().toString(), "--strategy",
        "test-buy-then-sell", "--set", "exitAt=2", "--sizer-quote", "1000", "--fill", "signal-close", "--fee-bps", "0",
        "--trades", fills.toString()));
    args.addAll(List.of(extra));
    assertThat(run(args.toArray(String[]::new))).as(err.toString()).isZero();
    return Files.readAllLines(fills);
  }

  @Test
  void roundPutsTheQuantityOnTheStep() throws Exception {
    assertThat(fills().get(1)).isEqualTo("0,2024-01-01T00:00:00Z,BUY,100.123,%s,1000.0,0.0,".formatted(1000 / 100.123));
    assertThat(fills("--round", "--tick-size", "0.001", "--step-size", "0.01", "--min-quantity", "0.01").get(1))
        .startsWith("0,2024-01-01T00:00:00Z,BUY,100.123,9.98,");
  }

  @Test
  void gridOptionsWithoutRoundAreAnError() throws Exception {
    List<String> args = List.of("backtest", "--data", bars().toString(), "--strategy", "test-buy-then-sell",
        "--step-size", "0.01");
    assertThat(run(args.toArray(String[]::new))).isNotZero();
    assertThat(err.toString()).contains("--round");
  }

  @Test
  void riskReadsTheBotYamlsRiskBlock() throws Exception {
    Path risk = dir.resolve("bot.yaml");
    Files.writeString(risk, "risk:\n  maxOrderNotional: 500\n");
    assertThat(fills("--risk", risk.toString())).hasSize(1); // the 1000-quote buy is refused, nothing to sell
    Files.writeString(risk, "risk:\n  maxOrderNotional: 5000\n");
    assertThat(fills("--risk", risk.toString())).hasSize(3);
  }
}
