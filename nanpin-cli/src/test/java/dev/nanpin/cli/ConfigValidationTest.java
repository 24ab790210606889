package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nanpin config} validates exactly what {@code nanpin run} validates, and run does it before the store. */
class ConfigValidationTest {
  @TempDir Path dir;

  private Path bot(String dataId, String strategyId) throws Exception {
    Path csv = dir.resolve("bars.csv");
    StringBuilder b = new StringBuilder(dev.nanpin.BarCsv.HEADER).append('\n');
    for (int i = 0; i < 30; i++) {
      b.append(java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600L * i)).append(",100,101,99,100,1\n");
    }
    Files.writeString(csv, b);
    Path yaml = dir.resolve("bot.yaml");
    Files.writeString(yaml, """
        name: typo
        exchange:
          id: paper
          symbol: SOL_USDC
          settings: {csv: bars.csv, base: SOL, quote: USDC, tickSize: 0.01, stepSize: 0.001, minQuantity: 0.001}
        strategy: {id: %s}
        sizers: [{id: fixed-quote, params: {quote: 100}}]
        data: [{id: %s, every: 1h}]
        store: {path: typo.db}
        """.formatted(strategyId, dataId));
    return yaml;
  }

  @Test
  void configAndRunRefuseTheSameUnknownIdBeforeTheStore() throws Exception {
    Path yaml = bot("fear-greed", "nanpin");
    CliRunner config = CliRunner.run("config", "--config", yaml.toString());
    CliRunner run = CliRunner.run("run", "--config", yaml.toString());
    String line = "nanpin: data[0].id: No data-source provider 'fear-greed'; did you mean 'feargreed'?";
    assertThat(config.code()).isEqualTo(1);
    assertThat(config.err()).startsWith(line);
    assertThat(run.code()).isEqualTo(1);
    assertThat(run.err()).startsWith(line);
    assertThat(dir.resolve("typo.db")).doesNotExist();
  }

  @Test
  void misspelledStrategyFailsBothWays() throws Exception {
    Path yaml = bot("feargreed", "nanpn");
    for (String command : new String[] {"config", "run"}) {
      CliRunner r = CliRunner.run(command, "--config", yaml.toString());
      assertThat(r.code()).as(command).isEqualTo(1);
      assertThat(r.err()).as(command).contains("strategy.id: No strategy provider 'nanpn'; did you mean 'nanpin'?");
    }
    assertThat(dir.resolve("typo.db")).doesNotExist();
  }

  @Test
  void theShippedExampleValidates() {
    Path example = Path.of("../nanpin-examples/src/main/resources/dev/nanpin/examples/bot.yaml");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isRegularFile(example), "example not found: " + example);
    CliRunner r = CliRunner.run("config", "--config", example.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).doesNotContain("warning");
  }
}
