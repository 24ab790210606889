package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.testkit.SharedData;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
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

  /**
   * With a Wyckoff signal configured the report draws its phases and events over the price: on
   * real BTC daily bars, the June 2022 selling climax, the accumulation phases that follow and
   * the July sign of strength (the readings {@code WyckoffBtcTest} pins).
   */
  @Test
  void aWyckoffSignalAddsItsPhasesAndEventsToTheReport() throws Exception {
    Optional<Path> btc = SharedData.find("data/btc-usdt-1d.csv");
    assumeTrue(btc.isPresent(), "shared data absent");
    Path html = dir.resolve("wyckoff.html");
    CliRunner r = CliRunner.run("backtest", "--data", btc.get().toString(), "--strategy", "nanpin", "--signal", "wyckoff",
        "--html", html.toString(), "--report", dir.resolve("w.json").toString(), "--trades", dir.resolve("w.csv").toString(),
        "--equity", dir.resolve("we.csv").toString());
    assertThat(r.code()).as(r.err()).isZero();
    String page = Files.readString(html);
    int chart = page.indexOf("data-chart=\"phases\"");
    assertThat(chart).as("the phase chart").isPositive();
    assertThat(page.indexOf("data-chart=\"price\"")).as("after the price chart").isLessThan(chart);
    String phases = page.substring(chart, page.indexOf("</section>", chart));
    assertThat(phases).contains("Wyckoff phases and events")
        .contains("<title>SC: evidence 2022-06-13, known at the close of 2022-06-13 (accumulation)</title>")
        .contains("<title>SOS: evidence 2022-07-19, known at the close of 2022-07-19 (accumulation)</title>")
        .contains("<title>accumulation phase B from 2022-06-24 (evidence 2022-06-21) to 2022-07-18</title>")
        .contains("<title>distribution phase D from 2018-11-14")
        .contains("from the bar at whose close it became known");

    Path plain = dir.resolve("plain.html");
    CliRunner p = CliRunner.run("backtest", "--data", btc.get().toString(), "--strategy", "nanpin", "--html",
        plain.toString(), "--report", dir.resolve("p.json").toString(), "--trades", dir.resolve("p.csv").toString(),
        "--equity", dir.resolve("pe.csv").toString());
    assertThat(p.code()).as(p.err()).isZero();
    assertThat(Files.readString(plain)).as("no Wyckoff signal, no phase chart").doesNotContain("data-chart=\"phases\"");
  }
}
