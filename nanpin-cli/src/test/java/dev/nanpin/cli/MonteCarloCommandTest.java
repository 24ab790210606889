package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MonteCarloCommandTest {
  @TempDir
  Path dir;

  private CliRunner run(String name, String... extra) {
    String[] args = new String[extra.length + 7];
    args[0] = "montecarlo";
    args[1] = "--report";
    args[2] = dir.resolve(name + ".json").toString();
    args[3] = "--html";
    args[4] = dir.resolve(name + ".html").toString();
    args[5] = "--paths";
    args[6] = "60";
    System.arraycopy(extra, 0, args, 7, extra.length);
    return CliRunner.run(args);
  }

  @Test
  void theReportIsIdenticalForOneAndFourThreads() throws IOException {
    CliRunner one = run("one", "--bars", "720", "--threads", "1");
    CliRunner four = run("four", "--bars", "720", "--threads", "4");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(four.code()).as(four.err()).isZero();
    assertThat(Files.readString(dir.resolve("four.json"))).isEqualTo(Files.readString(dir.resolve("one.json")));
    assertThat(Files.readString(dir.resolve("four.html"))).isEqualTo(Files.readString(dir.resolve("one.html")));
    JsonNode json = new ObjectMapper().readTree(dir.resolve("one.json").toFile());
    assertThat(json.get("paths").asInt()).isEqualTo(60);
    assertThat(json.get("barsPerPath").asInt()).isEqualTo(720);
    assertThat(json.get("generator").asText()).isEqualTo("gbm");
    assertThat(json.get("ladderExhaustionProbability").isNumber()).isTrue();
    assertThat(one.out()).contains("Monte Carlo of nanpin").contains("Annual return, median").contains("paths/s");
    assertThat(one.err()).contains("montecarlo: 60/60 paths (100.0 %)");
    // 720 hourly bars are 30 days: the period return leads, the annual figures are extrapolations.
    assertThat(json.get("annualised").asBoolean()).isFalse();
    assertThat(json.get("spanDays").asDouble()).isEqualTo(30.0);
    assertThat(json.get("medianReturn").isNumber()).isTrue();
    assertThat(one.out()).contains("Return over 30 days, median").contains("Annual return, median *")
        .contains("* extrapolated");
  }

  @Test
  void theReportCarriesTheAssumptionsTheRunCanBeRepeatedFrom() throws IOException {
    CliRunner r = run("a", "--bars", "500", "--mu", "0", "--set", "levels=4", "--no-progress");
    assertThat(r.code()).as(r.err()).isZero();
    JsonNode a = new ObjectMapper().readTree(dir.resolve("a.json").toFile()).get("assumptions");
    assertThat(a.get("gbm.mu").asDouble()).isZero();
    assertThat(a.get("gbm.sigma").asDouble()).isEqualTo(0.7);
    assertThat(a.get("gbm.drift").asText()).isEqualTo("set by --mu");
    assertThat(a.get("seed").asLong()).isEqualTo(42);
    assertThat(a.get("generator").asText()).isEqualTo("gbm");
    assertThat(a.get("strategy").asText()).isEqualTo("nanpin");
    assertThat(a.get("strategy.levels").asInt()).isEqualTo(4);
    assertThat(a.get("strategy.step").isMissingNode()).isFalse(); // defaults are written too
    assertThat(a.get("sizer").asText()).isEqualTo("fixed-quote");
    assertThat(a.get("intrabarPath").asText()).isEqualTo("nearer-extreme-first");
    assertThat(a.get("command").asText())
        .isEqualTo("nanpin montecarlo --paths 60 --bars 500 --mu 0 --set levels=4");
    String html = Files.readString(dir.resolve("a.html"));
    assertThat(html).contains("<section id=\"assumptions\">").contains("gbm.mu")
        .contains("Paths ruined or liquidated");
    assertThat(html.indexOf("id=\"assumptions\"")).isLessThan(html.indexOf("data-chart="));
  }

  @Test
  void theReferenceGeneratorAndFatTailsRun() throws IOException {
    assertThat(run("ref", "--generator", "gbm-reference", "--bars", "500", "--strategy", "nanpin",
        "--no-progress").code()).isZero();
    assertThat(Files.readString(dir.resolve("ref.json"))).contains("\"generator\": \"gbm-reference\"");
    CliRunner t = run("t", "--bars", "500", "--student-t", "4", "--jumps", "6:-0.05:0.03", "--no-progress");
    assertThat(t.code()).as(t.err()).isZero();
    assertThat(t.err()).isEmpty();
  }

  @Test
  void theBootstrapResamplesACsvHistory() throws IOException {
    Path csv = dir.resolve("history.csv");
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(3).generate(0, 1500, b);
    StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
    for (int i = 0; i < b.size(); i++) {
      sb.append(Instant.ofEpochMilli(b.time()[i])).append(String.format(Locale.ROOT, ",%s,%s,%s,%s,%s%n",
          b.open()[i], b.high()[i], b.low()[i], b.close()[i], b.volume()[i]));
    }
    Files.writeString(csv, sb);
    CliRunner r = run("boot", "--generator", "bootstrap", "--data", csv.toString(), "--block", "12", "--bars", "600",
        "--no-progress");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(Files.readString(dir.resolve("boot.json"))).contains("\"generator\": \"bootstrap\"");
    CliRunner fitted = run("fit", "--data", csv.toString(), "--bars", "600", "--no-progress");
    assertThat(fitted.code()).as(fitted.err()).isZero();
  }

  @Test
  void badInputGetsOneClearLine() {
    CliRunner noData = run("x", "--generator", "bootstrap");
    assertThat(noData.code()).isEqualTo(1);
    assertThat(noData.err().strip()).isEqualTo("nanpin: --generator bootstrap needs --data FILE (a CSV history)");
    CliRunner bad = run("x", "--generator", "brownian");
    assertThat(bad.err()).contains("unknown generator 'brownian'; one of gbm, gbm-reference, bootstrap");
    CliRunner key = run("x", "--set", "levles=3");
    assertThat(key.code()).isEqualTo(1);
    assertThat(key.err()).contains("unknown key 'levles'");
    CliRunner tails = run("x", "--student-t", "2");
    assertThat(tails.err()).contains("Student-t degrees of freedom must be > 2");
  }
}
