package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs every runnable example the README lists, as its one command would, and checks what it prints. */
class ExampleMainsTest {
  /** Runs a main with System.out captured. */
  private static String run(ThrowingMain main) throws Exception {
    PrintStream saved = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      main.run();
    } finally {
      System.setOut(saved);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }

  @FunctionalInterface
  interface ThrowingMain {
    void run() throws Exception;
  }

  @Test
  void backtestFromJava() throws Exception {
    assertThat(run(() -> BacktestExample.main(new String[0]))).contains("Total return").contains("Max drawdown");
  }

  @Test
  void monteCarloFromJava(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("mc");
    String printed = run(() -> MonteCarloExample.main(new String[] {out.toString()}));
    assertThat(printed).contains("over 500 paths").contains("wrote " + out.resolve("report.html").toAbsolutePath());
    assertThat(Files.readString(out.resolve("report.json"))).contains("\"paths\": 500,");
  }

  @Test
  void customSizerPlugin() throws Exception {
    assertThat(run(() -> CustomSizerExample.main(new String[0])))
        .contains("sized by the step-up plugin").contains("Total return");
  }

  @Test
  void customDataSourcePlugin() throws Exception {
    assertThat(run(() -> CustomDataSourceExample.main(new String[0])))
        .isEqualTo("constant-sentiment says fear-greed = 23 / 100 (fresh: true)" + System.lineSeparator());
  }
}
