package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.live.EngineStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "run the bot from your own code" example on the shared BTC hourly CSV. */
class PaperBotExampleTest {
  @TempDir Path dir;

  @Test
  void thePaperBotExampleReplaysTheSharedCsvToTheEnd() throws Exception {
    Path csv = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data", "btc-usdt-1h.csv");
    Assumptions.assumeTrue(Files.isRegularFile(csv), "shared data not found: " + csv);
    EngineStatus end = PaperBotExample.run(csv, 500, dir);
    assertThat(end.state()).isEqualTo("stopped");
    assertThat(end.fills()).isPositive();
    assertThat(dir.resolve("paper-bot.db")).exists();

    // main prints the status
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      PaperBotExample.main(new String[] {csv.toString(), "100", dir.resolve("again").toString()});
    } finally {
      System.setOut(old);
    }
    assertThat(buf.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("paper bot stopped: {");
  }
}
