package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalsCommandTest {
  @TempDir
  Path dir;

  private Path csv() throws Exception {
    Path f = dir.resolve("bars.csv");
    StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
    double p = 100;
    for (int i = 0; i < 40; i++) {
      double c = p * (i % 7 < 4 ? 1.01 : 0.985);
      sb.append(java.time.Instant.parse("2024-01-01T00:00:00Z").plusSeconds(86_400L * i)).append(',')
          .append(p).append(',').append(Math.max(p, c) * 1.004).append(',').append(Math.min(p, c) * 0.996).append(',')
          .append(c).append(',').append(100 + (i % 5) * 20).append('\n');
      p = c;
    }
    Files.writeString(f, sb.toString());
    return f;
  }

  @Test
  void writesOneRowPerBarWithTheLatestReadingsFields() throws Exception {
    Path out = dir.resolve("vp.csv");
    CliRunner r = CliRunner.run("signals", "--data", csv().toString(), "--signal", "volume-profile",
        "--set", "windowBars=10", "--out", out.toString());
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("volume-profile over bars.csv: 40 bars").contains("wrote");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(41);
    assertThat(lines.get(0)).startsWith("time,bar,new,poc,valueAreaLow,valueAreaHigh,valueAreaShare");
    assertThat(lines.get(1)).startsWith("2024-01-01T00:00:00Z,0,1,");
    assertThat(lines.get(40)).startsWith("2024-02-09T00:00:00Z,39,");
  }

  @Test
  void printsToStandardOutputAndCanKeepOnlyNewReadings() throws Exception {
    CliRunner all = CliRunner.run("signals", "--data", csv().toString(), "--signal", "orderflow",
        "--set", "lookbackBars=5");
    assertThat(all.code()).as(all.err()).isZero();
    assertThat(all.out().lines()).hasSize(41);
    assertThat(all.out().lines().findFirst().orElseThrow()).contains("estClvDelta").contains("divergence");
    CliRunner changes = CliRunner.run("signals", "--data", csv().toString(), "--signal", "wyckoff", "--changes");
    assertThat(changes.code()).as(changes.err()).isZero();
    assertThat(changes.out().lines().skip(1)).allSatisfy(l -> assertThat(l.split(",")[2]).isEqualTo("1"));
  }

  @Test
  void unknownGeneratorOrSettingFailsClearly() throws Exception {
    CliRunner r = CliRunner.run("signals", "--data", csv().toString(), "--signal", "nope");
    assertThat(r.code()).isNotZero();
    assertThat(r.err()).contains("nope").contains("wyckoff");
    CliRunner bad = CliRunner.run("signals", "--data", csv().toString(), "--signal", "wyckoff", "--set", "pivotLeft=0");
    assertThat(bad.code()).isNotZero();
    assertThat(bad.err()).contains("pivotLeft");
  }

  @Test
  void pluginsListsTheSignalGenerators() {
    CliRunner r = CliRunner.run("plugins");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("wyckoff").contains("orderflow").contains("volume-profile");
  }

  @Test
  void wyckoffOnRealBtcMarksTheJune2022Range() throws Exception {
    Path btc = SharedData.require("data/btc-usdt-1d.csv");
    CliRunner r = CliRunner.run("signals", "--data", btc.toString(), "--signal", "wyckoff", "--changes");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains("2022-06-13T00:00:00Z,").contains(",ACCUMULATION,A,");
  }
}
