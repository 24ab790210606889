package dev.nanpin.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The training run of the build's class-data archive ({@code target/nanpin.jsa}, see the CLI's
 * POM): runs, in one JVM started with {@code -XX:ArchiveClassesAtExit}, the commands whose start
 * the archive is for ({@code --version}, a one-path Monte Carlo, a short backtest), so that the
 * classes they load are archived. Their output is discarded; their reports go under the folder
 * given. Not part of the {@code nanpin} command.
 */
final class ArchiveTraining {
  private ArchiveTraining() {}

  /**
   * Runs the training commands.
   *
   * @param args the scratch folder (created; the build deletes it afterwards)
   * @throws IOException if the scratch folder or its price file cannot be written
   */
  public static void main(String[] args) throws IOException {
    Path dir = Files.createDirectories(Path.of(args[0]));
    Path bars = dir.resolve("bars.csv");
    StringBuilder csv = new StringBuilder("timestamp,open,high,low,close,volume\n");
    double prev = 100;
    for (int i = 0; i < 500; i++) {
      double close = 100 + 10 * Math.sin(i / 20.0);
      csv.append(1_704_067_200_000L + i * 3_600_000L).append(String.format(Locale.ROOT, ",%.4f,%.4f,%.4f,%.4f,10%n",
          prev, Math.max(prev, close) + 0.5, Math.min(prev, close) - 0.5, close));
      prev = close;
    }
    Files.writeString(bars, csv);
    PrintWriter quiet = new PrintWriter(Writer.nullWriter());
    int failed = 0;
    failed += Main.run(quiet, quiet, "--version") == 0 ? 0 : 1;
    failed += Main.run(quiet, quiet, "montecarlo", "--paths", "1", "--bars", "1000", "--threads", "1",
        "--no-progress", "--out", dir.resolve("mc").toString()) == 0 ? 0 : 1;
    failed += Main.run(quiet, quiet, "backtest", "--data", bars.toString(), "--strategy", "nanpin",
        "--out", dir.resolve("bt").toString()) == 0 ? 0 : 1;
    System.out.println(failed == 0 ? "trained" : failed + " training command(s) failed");
  }
}
