package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OptimizeCommandTest {
  @TempDir
  Path dir;

  private CliRunner run(String name, String threads) {
    return CliRunner.run("optimize", "--param", "step=0.01:0.06:0.01", "--param", "levels=2:8:1", "--paths", "8",
        "--bars", "720", "--population", "8", "--evaluations", "24", "--threads", threads, "--set", "takeProfit=0.02",
        "--capital", "5000", "--out", dir.resolve(name + ".csv").toString(), "--html",
        dir.resolve(name + ".html").toString());
  }

  @Test
  void writesTheFrontWithAWalkForwardCommandPerPointTheSameForAnyThreadCount() throws IOException {
    CliRunner one = run("one", "1");
    assertThat(one.code()).as(one.err()).isZero();
    assertThat(one.out()).contains("Pareto front of [medianAnnualReturn:max, p95MaxDrawdown:min]")
        .contains("nanpin sweep --strategy nanpin");
    String csv = Files.readString(dir.resolve("one.csv"));
    assertThat(csv).startsWith("point,step,levels,medianAnnualReturn,p95MaxDrawdown,command\n")
        .contains("--set takeProfit=0.02").contains("--capital 5000").contains("--walk-forward rolling")
        .contains("--param step=").contains("--param levels=");
    String html = Files.readString(dir.resolve("one.html"));
    assertThat(html).contains("<circle class=\"point-on\"").contains("Pareto front").contains("--walk-forward");
    CliRunner two = run("two", "2");
    assertThat(two.code()).isZero();
    assertThat(Files.readString(dir.resolve("two.csv"))).isEqualTo(csv);
    assertThat(Files.readString(dir.resolve("two.html"))).isEqualTo(html);
  }

  @Test
  void badGoalsAreNamed() {
    assertThat(CliRunner.run("optimize", "--param", "step=0.01:0.06:0.01", "--goal", "sharpe:max", "--goal",
        "p95MaxDrawdown:min", "--out", dir.resolve("x.csv").toString()).err()).contains("unknown Monte Carlo figure 'sharpe'");
    assertThat(CliRunner.run("optimize", "--param", "step=0.01:0.06:0.01", "--goal", "medianAnnualReturn",
        "--out", dir.resolve("y.csv").toString()).err()).contains("METRIC:max or METRIC:min");
  }
}
