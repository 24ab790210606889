package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.Fill;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoreOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signal generators configured on the command line (backtest) and in the bot's YAML (run). */
class SignalOptionsTest {
  @TempDir Path dir;

  private int runs;

  private int backtestFills(PaperBot bot, String... signalArgs) throws Exception {
    Path report = dir.resolve("report-" + (++runs) + ".json"); // outputs are never overwritten
    List<String> args = new java.util.ArrayList<>(List.of("backtest", "--data", bot.csv.toString(), "--strategy",
        "nanpin", "--set", "maxFearGreed=50", "--report", report.toString()));
    args.addAll(List.of(signalArgs));
    CliRunner r = CliRunner.run(args.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isZero();
    return new ObjectMapper().readTree(report.toFile()).get("fills").asInt();
  }

  @Test
  void backtestRunsTheSignalGeneratorsOfTheCommandLine() throws Exception {
    PaperBot bot = new PaperBot(dir, 300);
    int greedy = backtestFills(bot, "--signal", "test-sentiment", "--signal-set", "test-sentiment.value=90");
    int fearful = backtestFills(bot, "--signal", "test-sentiment", "--signal-set", "test-sentiment.value=10");
    assertThat(greedy).isZero();
    assertThat(fearful).isPositive();

    CliRunner unknown = CliRunner.run("backtest", "--data", bot.csv.toString(), "--strategy", "nanpin",
        "--signal", "no-such-signal");
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("no-such-signal").contains("test-sentiment");
    CliRunner stray = CliRunner.run("backtest", "--data", bot.csv.toString(), "--strategy", "nanpin",
        "--signal", "test-sentiment", "--signal-set", "other.value=3");
    assertThat(stray.code()).isEqualTo(1);
    assertThat(stray.err()).contains("--signal-set other.value=3").contains("[test-sentiment]");
    CliRunner bad = CliRunner.run("backtest", "--data", bot.csv.toString(), "--strategy", "nanpin",
        "--signal", "test-sentiment", "--signal-set", "test-sentiment.value=300");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("--signal test-sentiment").contains("value");
  }

  private List<Fill> runFills(PaperBot bot, String signals) throws Exception {
    String yaml = Files.readString(bot.yaml).replace("takeProfit: 0.015", "takeProfit: 0.015\n    maxFearGreed: 50");
    Files.writeString(bot.yaml, yaml + signals);
    Files.deleteIfExists(bot.db);
    Files.deleteIfExists(bot.paperState);
    CliRunner r = CliRunner.run("run", "--config", bot.yaml.toString());
    assertThat(r.code()).as(r.err()).isZero();
    try (StateStore store = StateStore.open(bot.db, StoreOptions.defaults().asReadOnly())) {
      return store.fillsSince(Instant.EPOCH);
    }
  }

  @Test
  void runDeliversTheGeneratorsOfTheSignalsSectionAndNamesAnUnknownOne() throws Exception {
    PaperBot bot = new PaperBot(dir, 200);
    String original = Files.readString(bot.yaml);
    assertThat(runFills(bot, "signals:\n  - id: test-sentiment\n    params:\n      value: 90\n")).isEmpty();
    Files.writeString(bot.yaml, original);
    assertThat(runFills(bot, "signals:\n  - id: test-sentiment\n    params:\n      value: 10\n")).isNotEmpty();

    Files.writeString(bot.yaml, original + "signals:\n  - id: no-such-signal\n");
    CliRunner unknown = CliRunner.run("run", "--config", bot.yaml.toString());
    assertThat(unknown.code()).isEqualTo(1);
    assertThat(unknown.err()).contains("signals[0]").contains("no-such-signal").contains("available:").contains("test-sentiment");
    Files.writeString(bot.yaml, original + "signals:\n  - source: fear-greed\n    query: moon\n    every: 1h\n");
    CliRunner query = CliRunner.run("run", "--config", bot.yaml.toString());
    assertThat(query.code()).isEqualTo(1);
    assertThat(query.err()).contains("signals[0].query").contains("known: sentiment, macro-regime, liquidations");
  }
}
