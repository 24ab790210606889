package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path dir;

  @Test
  void aPaperReplayRunsToItsEndAndLeavesStoreVenueAndLadderInAgreement() throws Exception {
    PaperBot bot = new PaperBot(dir, 400);
    long t0 = System.nanoTime();
    CliRunner r = CliRunner.run("run", "--config", bot.yaml.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("nanpin run: started").contains("replay finished").contains("\"state\":\"stopped\"");
    int fills = bot.assertConsistent();
    assertThat(fills).isGreaterThan(10);
    assertThat(Files.readString(bot.status)).contains("\"state\":\"stopped\"");
    System.out.println("replay of 340 bars: " + ms + " ms, " + fills + " fills");
    // a person can follow it: progress with ETA on stderr, a summary and an HTML report at the end
    assertThat(r.err()).contains("replay: ").contains("bars/s, ETA");
    assertThat(r.out()).containsPattern("Replay of [^:]+: \\d+ bars, " + fills + " fills")
        .contains("Equity ").contains("max drawdown");
    java.util.regex.Matcher html = java.util.regex.Pattern.compile("wrote (\\S+report\\.html)").matcher(r.out());
    assertThat(html.find()).as(r.out()).isTrue();
    assertThat(Files.readString(java.nio.file.Path.of(html.group(1)))).contains("Replay: ").contains("Fills");

    CliRunner again = CliRunner.run("run", "--config", bot.yaml.toString());
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(bot.assertConsistent()).isEqualTo(fills);
  }
}
