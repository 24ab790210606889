package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.live.EngineStatus;
import dev.nanpin.live.PortfolioStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the README's "several symbols in one bot" Java example on the shared BTC and ETH daily CSVs. */
class MultiSymbolBotExampleTest {
  @TempDir Path dir;

  @Test
  void theTwoSymbolExampleReplaysBothCsvsOnOnePool() throws Exception {
    Path data = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data");
    Path btc = data.resolve("btc-usdt-1d.csv");
    Path eth = data.resolve("eth-usdt-1d.csv");
    Assumptions.assumeTrue(Files.isRegularFile(btc) && Files.isRegularFile(eth), "shared data not found: " + data);
    PortfolioStatus end = MultiSymbolBotExample.run(btc, eth, 300, dir);
    assertThat(end.ladders()).extracting(EngineStatus::symbol).containsExactly("BTC_USDT", "ETH_USDT");
    assertThat(end.ladders()).allSatisfy(l -> {
      assertThat(l.state()).isEqualTo("stopped");
      assertThat(l.fills()).isPositive();
    });
    assertThat(end.equity()).isPositive();
    assertThat(dir.resolve("multi-bot.db")).exists();
    System.out.println("multi-symbol example: " + end.toJson());

    // main prints the portfolio
    java.io.PrintStream old = System.out;
    java.io.ByteArrayOutputStream buf = new java.io.ByteArrayOutputStream();
    System.setOut(new java.io.PrintStream(buf, true, java.nio.charset.StandardCharsets.UTF_8));
    try {
      MultiSymbolBotExample.main(new String[] {btc.toString(), eth.toString(), "60", dir.resolve("again").toString()});
    } finally {
      System.setOut(old);
    }
    assertThat(buf.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("multi-symbol bot stopped: {\"bot\"");
  }
}
