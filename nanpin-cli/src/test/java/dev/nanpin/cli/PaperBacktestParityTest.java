package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.testkit.SharedData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Acceptance of the one set of trading rules from the command line: {@code nanpin run} of the
 * {@code paper} exchange on a CSV replay and {@code nanpin backtest --round} on the same bars and
 * strategy give the same fills, one for one: time, side, price to the tick, quantity to the step
 * and fee.
 */
class PaperBacktestParityTest {
  @TempDir Path dir;

  /** One fill as the comparison sees it. */
  record Row(String time, String side, BigDecimal price, BigDecimal quantity, BigDecimal fee) {
    static Row of(String time, String side, String price, String quantity, String fee) {
      return new Row(time, side, new BigDecimal(price).setScale(2, RoundingMode.HALF_EVEN),
          new BigDecimal(quantity).setScale(5, RoundingMode.HALF_EVEN),
          new BigDecimal(fee).setScale(8, RoundingMode.HALF_EVEN));
    }
  }

  @Test
  void paperRunAndRoundedBacktestFillTheSameOnTheFirst2000BarsOfBtc1h() throws Exception {
    List<String> lines = Files.readAllLines(SharedData.require("data/btc-usdt-1h.csv"));
    Path csv = dir.resolve("btc2000.csv");
    Files.write(csv, lines.subList(0, 2001));
    Path yaml = dir.resolve("bot.yaml");
    Path db = dir.resolve("bot.db");
    Files.writeString(yaml, """
        name: parity
        exchange:
          id: paper
          symbol: BTC_USDC
          settings:
            csv: %s
            tickSize: 0.01
            stepSize: 0.00001
            minQuantity: 0.00001
            cash: 10000
            historyBars: 0
            makerFeeBps: 10
            takerFeeBps: 10
            slippageBps: 0
        strategy:
          id: nanpin
        sizers:
          - id: fixed-quote
            params:
              quote: 100
        store:
          path: %s
        engine:
          reconcileEvery: 1000h
        """.formatted(csv.toAbsolutePath().toString().replace("\\", "/"), db.toAbsolutePath().toString().replace("\\", "/")));
    CliRunner run = CliRunner.run("run", "--config", yaml.toString());
    assertThat(run.code()).as(run.err()).isZero();
    List<Row> paper = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(db.toAbsolutePath() + ".paper"))) {
      String[] p = line.split("\t");
      if (p[0].equals("F")) {
        paper.add(Row.of(Instant.ofEpochMilli(Long.parseLong(p[9])).toString(), p[4], p[5], p[6], p[7]));
      }
    }

    Path fills = dir.resolve("fills.csv");
    CliRunner bt = CliRunner.run("backtest", "--data", csv.toString(), "--strategy", "nanpin", "--round",
        "--tick-size", "0.01", "--step-size", "0.00001", "--min-quantity", "0.00001", "--fee-bps", "10",
        "--slippage-bps", "0", "--trades", fills.toString());
    assertThat(bt.code()).as(bt.err()).isZero();
    List<Row> backtest = new ArrayList<>();
    for (String line : Files.readAllLines(fills).subList(1, Files.readAllLines(fills).size())) {
      String[] p = line.split(","); // index,time,side,price,quantity,quote,fee
      backtest.add(Row.of(p[1], p[2], p[3], p[4], p[6]));
    }

    assertThat(backtest).hasSizeGreaterThan(50);
    assertThat(paper).containsExactlyElementsOf(backtest);
  }
}
