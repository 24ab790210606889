package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SweepCommandTest {
  @TempDir
  Path dir;

  private Path csv;

  @BeforeEach
  void writeHistory() throws IOException {
    csv = dir.resolve("history.csv");
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(11).generate(0, 24 * 200, b);
    StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
    for (int i = 0; i < b.size(); i++) {
      sb.append(Instant.ofEpochMilli(b.time()[i])).append(String.format(Locale.ROOT, ",%s,%s,%s,%s,%s%n",
          b.open()[i], b.high()[i], b.low()[i], b.close()[i], b.volume()[i]));
    }
    Files.writeString(csv, sb);
  }

  @Test
  void aSweepNeverOverwritesAnEarlierSweepsFiles() throws IOException {
    Path out = dir.resolve("kept.csv");
    String[] args = {"sweep", "--data", csv.toString(), "--param", "step=0.01,0.02", "--metric", "totalReturn",
        "--out", out.toString()};
    CliRunner first = CliRunner.run(args);
    assertThat(first.code()).as(first.err()).isZero();
    String kept = Files.readString(out);
    CliRunner second = CliRunner.run(args);
    assertThat(second.code()).isNotZero();
    assertThat(second.err()).contains("--out " + out + " already exists; not overwritten");
    assertThat(Files.readString(out)).isEqualTo(kept);
    // Without --out, each sweep gets a new run folder.
    CliRunner fresh = CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01,0.02", "--metric",
        "totalReturn");
    assertThat(fresh.code()).as(fresh.err()).isZero();
    assertThat(fresh.out()).containsPattern("Wrote .*sweep-\\d{8}T\\d{6}Z[^/\\\\]*[/\\\\]sweep\\.csv");
  }

  @Test
  void aGridSweepRanksEveryCandidateTheSameForAnyThreadCount() throws IOException {
    Path one = dir.resolve("one.csv");
    Path four = dir.resolve("four.csv");
    CliRunner a = CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01:0.04:0.01",
        "--param", "takeProfit=0.01,0.03", "--metric", "totalReturn", "--threads", "1", "--out", one.toString(),
        "--html", dir.resolve("sweep.html").toString());
    CliRunner b = CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01:0.04:0.01",
        "--param", "takeProfit=0.01,0.03", "--metric", "totalReturn", "--threads", "4", "--out", four.toString());
    assertThat(a.code()).as(a.err()).isZero();
    assertThat(b.code()).as(b.err()).isZero();
    assertThat(Files.readString(four)).isEqualTo(Files.readString(one));
    List<String> lines = Files.readAllLines(one);
    assertThat(lines).hasSize(9);
    assertThat(lines.get(0)).startsWith("rank,step,takeProfit,totalReturn,");
    double first = Double.parseDouble(lines.get(1).split(",")[3]);
    double second = Double.parseDouble(lines.get(2).split(",")[3]);
    assertThat(first).isGreaterThanOrEqualTo(second);
    assertThat(a.out()).contains("over 8 candidates").contains("ranked by totalReturn");
    assertThat(Files.readString(dir.resolve("sweep.html"))).contains("Best candidates").contains("data-chart=\"metric\"");
    // A sweep ranks in sample, says so, and hands over the command that tests it out of sample.
    assertThat(a.out()).contains("Ranked in sample").contains("nanpin sweep --data " + csv
        + " --param step=0.01:0.04:0.01 --param takeProfit=0.01,0.03 --metric totalReturn"
        + " --walk-forward rolling --in-sample 1800 --out-of-sample 600");
    String html = Files.readString(dir.resolve("sweep.html"));
    assertThat(html).contains("Ranked in sample").contains("data-chart=\"heatmap\"")
        .contains("data-chart=\"sensitivity-step\"").contains("data-chart=\"sensitivity-takeProfit\"")
        .contains("<section id=\"assumptions\">").contains("totalReturn (in sample)");
    String assumptions = Files.readString(dir.resolve("one.assumptions.json"));
    assertThat(assumptions).contains("\"rankedInSample\": true").contains("\"strategy.levels\"")
        .contains("\"sweep.parameters\": \"step=0.01:0.04:0.01 takeProfit=0.01,0.03\"");
  }

  @Test
  void aRandomSearchIsSeeded() throws IOException {
    Path x = dir.resolve("x.csv");
    Path y = dir.resolve("y.csv");
    String[] common = {"sweep", "--data", csv.toString(), "--param", "step=0.01:0.05:0.01", "--param", "levels=3:7:1",
        "--samples", "6", "--seed", "5", "--metric", "maxDrawdown", "--minimize"};
    assertThat(CliRunner.run(concat(common, "--out", x.toString())).code()).isZero();
    assertThat(CliRunner.run(concat(common, "--out", y.toString())).code()).isZero();
    assertThat(Files.readString(y)).isEqualTo(Files.readString(x));
    assertThat(Files.readAllLines(x)).hasSize(7);
  }

  @Test
  void aMonteCarloSweepRanksByAReportField() throws IOException {
    Path out = dir.resolve("mc.csv");
    CliRunner r = CliRunner.run("sweep", "--montecarlo", "--paths", "20", "--bars", "500", "--param", "levels=3,5",
        "--metric", "medianAnnualReturn", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readAllLines(out).get(0)).contains("medianAnnualReturn").contains("ladderExhaustionProbability");
  }

  @Test
  void walkForwardReportsStitchedOutOfSampleResults() throws IOException {
    Path out = dir.resolve("wf.csv");
    CliRunner r = CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01,0.03",
        "--metric", "totalReturn", "--walk-forward", "rolling", "--in-sample", "1440", "--out-of-sample", "720",
        "--out", out.toString(), "--html", dir.resolve("wf.html").toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("Walk-forward (rolling)").contains("Stitched out of sample over 120.0 days: total return")
        .contains("(30.0 days)");
    assertThat(Files.readAllLines(out)).hasSize(1 + 4); // (4800 - 1440) / 720 = 4 folds
    assertThat(Files.readString(dir.resolve("wf.html"))).contains("data-chart=\"oos-equity\"")
        .contains("<section id=\"assumptions\">").contains("<th>days</th>");
  }

  @Test
  void aSweepInWhichEveryCandidateFailsExitsNonZero() {
    CliRunner r = CliRunner.run("sweep", "--data", csv.toString(), "--param", "cooldownMin=5h,6h", "--set", "cooldownMax=1h",
        "--out", csv.resolveSibling("failed.csv").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).startsWith("nanpin: sweep: every one of the 2 candidates failed; the first: ")
        .contains("cooldownMin");
  }

  @Test
  void mistakesAreNamed() {
    assertThat(CliRunner.run("sweep", "--data", csv.toString(), "--param", "stepp=0.01:0.02:0.01").err())
        .contains("unknown parameter 'stepp' to sweep");
    assertThat(CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01,0.02", "--metric", "sharp").err())
        .contains("unknown metric 'sharp'");
    assertThat(CliRunner.run("sweep", "--param", "step=0.01,0.02").err()).contains("--data FILE is needed");
    assertThat(CliRunner.run("sweep", "--montecarlo", "--param", "step=0.01,0.02", "--metric", "sharpe").err())
        .contains("unknown Monte Carlo metric 'sharpe'");
  }

  private static String[] concat(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void theSparkEngineSaysWhatIsMissingWhenSparkIsNotOnTheClassPath() {
    CliRunner r = CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01,0.02", "--engine", "spark",
        "--master", "local[2]", "--out", dir.resolve("s.csv").toString());
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("Apache Spark 4").contains("spark-submit");
    CliRunner m = CliRunner.run("montecarlo", "--paths", "4", "--bars", "100", "--engine", "spark",
        "--report", dir.resolve("r.json").toString(), "--html", dir.resolve("r.html").toString());
    assertThat(m.err()).contains("Apache Spark 4");
    assertThat(CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01,0.02", "--master", "local[2]",
        "--out", dir.resolve("t.csv").toString()).err()).contains("need --engine spark");
    assertThat(CliRunner.run("sweep", "--data", csv.toString(), "--param", "step=0.01,0.02", "--engine", "ray",
        "--out", dir.resolve("u.csv").toString()).err()).contains("no runner engine 'ray'").contains("local");
  }
}
