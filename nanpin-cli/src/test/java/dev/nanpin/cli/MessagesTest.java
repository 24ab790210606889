package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The messages a newcomer meets: one {@code nanpin:} line in the user's terms, no Java names. */
class MessagesTest {
  @TempDir Path dir;

  private Path csv() throws Exception {
    Path csv = dir.resolve("bars.csv");
    StringBuilder b = new StringBuilder(dev.nanpin.BarCsv.HEADER).append('\n');
    for (int i = 0; i < 50; i++) {
      double p = 100 + 10 * Math.sin(i / 5.0);
      b.append(java.time.Instant.parse("2025-01-01T00:00:00Z").plusSeconds(3600L * i)).append(',').append(p).append(',')
          .append(p + 1).append(',').append(p - 1).append(',').append(p).append(",1\n");
    }
    Files.writeString(csv, b);
    return csv;
  }

  @Test
  void negativeCapitalMustBePositive() throws Exception {
    CliRunner r = CliRunner.run("backtest", "--data", csv().toString(), "--strategy", "nanpin", "--capital", "-100");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nanpin: --capital = -100 must be positive (and finite)" + System.lineSeparator());
  }

  @Test
  void feeIsReportedByItsOption() throws Exception {
    CliRunner r = CliRunner.run("backtest", "--data", csv().toString(), "--strategy", "nanpin", "--fee-bps", "-10");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("nanpin: --fee-bps = -10 must be between 0 and 10000").doesNotContain("takerFeeBps");
  }

  @Test
  void missingFileIsNotFoundWithoutJavaNames() {
    CliRunner r = CliRunner.run("backtest", "--data", dir.resolve("nope.csv").toString(), "--strategy", "nanpin");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nanpin: " + dir.resolve("nope.csv") + ": file not found" + System.lineSeparator());
    assertThat(Main.describe(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("x.yaml"))))
        .isEqualTo("x.yaml: file not found");
  }

  @Test
  void errorsOutsideCommandsEndInOneLine() {
    assertThat(Main.describe(new OutOfMemoryError("Java heap space"))).startsWith("out of memory (the Java heap holds at most ");
    assertThat(Main.describe(new NullPointerException())).isEqualTo(
        "unexpected error NullPointerException (rerun with --verbose for the stack trace)");
  }

  @Test
  void outputPathsAreCheckedBeforeTheRun() throws Exception {
    Path taken = Files.writeString(dir.resolve("report.html"), "earlier run");
    CliRunner r = CliRunner.run("backtest", "--data", csv().toString(), "--strategy", "nanpin", "--out",
        dir.resolve("run").toString(), "--html", taken.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("nanpin: --html " + taken + " already exists; not overwritten" + System.lineSeparator());
    assertThat(r.out()).isEmpty();
    assertThat(Files.readString(taken)).isEqualTo("earlier run");
  }

  @Test
  void backtestPrintsEveryPathItWrote() throws Exception {
    Path run = dir.resolve("run");
    CliRunner r = CliRunner.run("backtest", "--data", csv().toString(), "--strategy", "nanpin", "--out", run.toString());
    assertThat(r.code()).as(r.err()).isZero();
    for (String f : new String[] {"report.json", "fills.csv", "round-trips.csv", "equity.csv", "report.html"}) {
      assertThat(r.out()).contains("wrote " + run.resolve(f).toAbsolutePath());
      assertThat(run.resolve(f)).exists();
    }
    CliRunner again = CliRunner.run("backtest", "--data", csv().toString(), "--strategy", "nanpin", "--out", run.toString());
    assertThat(again.code()).isEqualTo(1);
    assertThat(again.err()).contains("already exists and is not an empty folder");
  }

  @Test
  void aMonteCarloTooLargeForTheHeapIsRefusedUpFront() {
    long start = System.nanoTime();
    CliRunner r = CliRunner.run("montecarlo", "--paths", "2147483647", "--out", dir.resolve("mc").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("nanpin: --paths 2147483647 --bars 8760 on ").contains("needs about ")
        .contains("GiB of heap").contains("JAVA_OPTS=-Xmx").doesNotContain("OutOfMemoryError");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    assertThat(GeneratorOptions.heapEstimate(4000, 8760, 2)).isLessThan(256L << 20); // the default run fits -Xmx256m
  }

  @Test
  void pluginParamsShowTheirRanges() {
    CliRunner r = CliRunner.run("plugins", "--params");
    assertThat(r.code()).isZero();
    assertThat(r.out().lines()).anyMatch(l -> l.strip().startsWith("levels ") && l.contains("range [1, 20]"));
    assertThat(r.out()).contains("range ");
    CliRunner json = CliRunner.run("plugins", "--json");
    assertThat(json.out()).contains("\"range\" : \"[1, 20]\"");
  }
}
