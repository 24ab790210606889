package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BacktestHtmlTest {
  @TempDir
  Path dir;

  @Test
  void backtestWritesASelfContainedHtmlReport() throws Exception {
    Path csv = dir.resolve("bars.csv");
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(21).generate(0, 24 * 60, b);
    StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
    for (int i = 0; i < b.size(); i++) {
      sb.append(Instant.ofEpochMilli(b.time()[i])).append(String.format(Locale.ROOT, ",%s,%s,%s,%s,%s%n",
          b.open()[i], b.high()[i], b.low()[i], b.close()[i], b.volume()[i]));
    }
    Files.writeString(csv, sb);
    Path html = dir.resolve("backtest.html");
    CliRunner r = CliRunner.run("backtest", "--data", csv.toString(), "--strategy", "nanpin", "--html", html.toString());
    assertThat(r.code()).as(r.err()).isZero();
    String page = Files.readString(html);
    assertThat(page).contains("<title>Backtest: nanpin</title>").contains("data-chart=\"equity\"")
        .contains("data-chart=\"equity-drawdown\"").contains("class=\"buy\"").contains("data-chart=\"price\"")
        .contains("<section id=\"assumptions\">").contains("Round trips").contains("Monthly returns");
    // self-contained: the one script is the price chart's inline zoom, nothing is fetched
    assertThat(page.split("<script", -1)).hasSize(2);
    assertThat(page).doesNotContain("<script src").doesNotContain("http://").doesNotContain("https://");
  }
}
