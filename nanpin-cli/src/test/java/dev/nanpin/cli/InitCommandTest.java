package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @TempDir Path dir;

  @Test
  void writesABotThatValidatesAndAnEnvExampleAndNeverOverwrites() throws Exception {
    CliRunner r = CliRunner.run("init", "--dir", dir.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("wrote " + dir.resolve("bot.yaml").toAbsolutePath())
        .contains("wrote " + dir.resolve(".env.example").toAbsolutePath())
        .contains("nanpin run --config " + dir.resolve("bot.yaml") + " --paper");
    String yaml = Files.readString(dir.resolve("bot.yaml"));
    assertThat(yaml).startsWith("# A nanpin bot").contains("nanpin run --config bot.yaml --paper");
    String env = Files.readString(dir.resolve(".env.example"));
    for (String key : new String[] {"BACKPACK_API_KEY", "BACKPACK_API_SECRET", "COINGECKO_API_KEY", "COINGECKO_PLAN",
        "CMC_API_KEY", "FRED_API_KEY", "COINGLASS_API_KEY", "NANPIN_WEBHOOK_URL", "NANPIN_HTTP_TOKEN",
        "NANPIN_TELEGRAM_TOKEN", "NANPIN_TELEGRAM_CHAT_ID"}) {
      assertThat(env).contains(key + "=");
    }
    // what run validates, before any store: no error, no warning
    CliRunner config = CliRunner.run("config", "--config", dir.resolve("bot.yaml").toString());
    assertThat(config.code()).as(config.err()).isZero();
    assertThat(config.err()).isEmpty();
    assertThat(config.out()).contains("symbol: SOL_USDC").contains("id: feargreed");

    Files.writeString(dir.resolve("bot.yaml"), "edited");
    CliRunner again = CliRunner.run("init", "--dir", dir.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).isEqualTo("nanpin: " + dir.resolve("bot.yaml")
        + " already exists; not overwritten (remove it or use --dir)" + System.lineSeparator());
    assertThat(Files.readString(dir.resolve("bot.yaml"))).isEqualTo("edited");
  }
}
