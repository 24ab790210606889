package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.ExitReason;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import dev.nanpin.testkit.SharedData;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every round trip and every closing fill carries a precise exit reason, in the result, the files and the HTML. */
class ExitReasonsTest {
  private static final double[] FLAT = {100, 101, 99, 100};

  /** Six round trips on flat bars, each closed another way, and a position open at the end. */
  private static BacktestResult scripted() {
    BarData d = BacktesterTest.bars(FLAT, FLAT, new double[] {100, 103, 99, 102}, FLAT, FLAT, FLAT, FLAT, FLAT, FLAT,
        FLAT, new double[] {100, 104, 99, 103}, FLAT, FLAT, FLAT, FLAT);
    OrderIntent buy = OrderIntent.market(Side.BUY, Sizing.BASE, 1).withTag(1);
    BacktesterTest.Script s = new BacktesterTest.Script()
        // a tagged take-profit, resting: fills at 102 in bar 2
        .at(0, buy, new OrderIntent(Side.SELL, dev.nanpin.OrderType.LIMIT, Sizing.BASE, 1, 102, true, false,
            ExitReason.TAKE_PROFIT.tag()))
        .at(3, buy).at(4, OrderIntent.closePosition(Side.SELL).withTag(ExitReason.STOP_LOSS.tag()))
        .at(5, buy).at(6, OrderIntent.closePosition(Side.SELL).withTag(ExitReason.TRAILING_STOP.tag()))
        .at(7, buy).at(8, OrderIntent.closePosition(Side.SELL)) // untagged market: a market exit
        // untagged resting limit: fills at 103.5 in bar 10, a limit exit
        .at(9, buy, OrderIntent.limit(Side.SELL, 103.5, Sizing.BASE, 1).asReduceOnly())
        .at(12, buy);
    return new Backtester(SimulationConfig.builder().capital(10_000).feeBps(10).fillTiming(FillTiming.SIGNAL_CLOSE)
        .build()).run(d, s);
  }

  @Test
  void eachRoundTripAndClosingFillCarriesItsReason() {
    BacktestResult r = scripted();
    assertThat(r.trades()).extracting(BacktestResult.Trade::exitReason).containsExactly(ExitReason.TAKE_PROFIT,
        ExitReason.STOP_LOSS, ExitReason.TRAILING_STOP, ExitReason.MARKET_EXIT, ExitReason.LIMIT_EXIT);
    assertThat(r.roundTrips()).extracting(BacktestResult.RoundTrip::exitReason).containsExactly(
        ExitReason.TAKE_PROFIT, ExitReason.STOP_LOSS, ExitReason.TRAILING_STOP, ExitReason.MARKET_EXIT,
        ExitReason.LIMIT_EXIT, ExitReason.OPEN_AT_END);
    assertThat(r.fills()).filteredOn(f -> f.side() == Side.BUY).allSatisfy(f -> assertThat(f.exitReason()).isNull());
    assertThat(r.fills()).filteredOn(f -> f.side() == Side.SELL).extracting(BacktestResult.FillRecord::exitReason)
        .containsExactly(ExitReason.TAKE_PROFIT, ExitReason.STOP_LOSS, ExitReason.TRAILING_STOP,
            ExitReason.MARKET_EXIT, ExitReason.LIMIT_EXIT);
    BacktestResult.RoundTrip tp = r.roundTrips().get(0);
    assertThat(tp.exitPrice()).isEqualTo(102.0);
    assertThat(tp.pnl()).isEqualTo(r.trades().get(0).pnl());
  }

  @Test
  void theSummaryCountsAndSumsPerReasonAndTheOpenPositionIsItsOwnRow() {
    BacktestResult r = scripted();
    List<BacktestResult.ExitSummary> s = r.exitSummary();
    assertThat(s).extracting(BacktestResult.ExitSummary::reason).containsExactly(ExitReason.TAKE_PROFIT,
        ExitReason.TRAILING_STOP, ExitReason.STOP_LOSS, ExitReason.LIMIT_EXIT, ExitReason.MARKET_EXIT,
        ExitReason.OPEN_AT_END);
    assertThat(s).allSatisfy(e -> assertThat(e.count()).isEqualTo(1));
    double closed = r.trades().stream().mapToDouble(BacktestResult.Trade::pnl).sum();
    double summed = s.stream().filter(e -> e.reason() != ExitReason.OPEN_AT_END)
        .mapToDouble(BacktestResult.ExitSummary::pnl).sum();
    assertThat(summed).isCloseTo(closed, within(1e-9));
    assertThat(s.get(s.size() - 1).pnl()).isEqualTo(r.report().openTradePnl());
    assertThat(s.get(s.size() - 1).averageReturn()).isNaN();
  }

  @Test
  void theFilesAndTheHtmlNameTheReasons() {
    BacktestResult r = scripted();
    StringWriter fills = new StringWriter();
    ReportWriter.writeFillsCsv(r, fills);
    assertThat(fills.toString()).startsWith("index,time,side,price,quantity,quote,fee,exitReason\n")
        .contains(",take-profit\n", ",stop-loss\n", ",trailing-stop\n", ",market-exit\n", ",limit-exit\n");
    StringWriter trips = new StringWriter();
    ReportWriter.writeRoundTripsCsv(r, trips);
    List<String> lines = trips.toString().lines().toList();
    assertThat(lines.get(0)).isEqualTo("entryTime,exitTime,entries,averageEntry,exitPrice,exitReason,pnl,return");
    assertThat(lines).hasSize(1 + 6);
    assertThat(lines.get(1)).contains(",take-profit,");
    assertThat(lines.get(6)).contains(",,").contains(",open-at-end,").endsWith(",");
    StringWriter json = new StringWriter();
    ReportWriter.writeJson(r, Assumptions.none(), Map.of(), json);
    assertThat(json.toString()).contains("\"exitReasons\": [", "{\"reason\": \"take-profit\", \"count\": 1, \"pnl\": ",
        "{\"reason\": \"open-at-end\", \"count\": 1");
    String html = r.toHtml("t", "s").render();
    assertThat(html).contains("<h2>Exit reasons</h2>", "<td>trailing stop</td>", "<td>stop-loss</td>",
        "<td>market exit (untagged)</td>", "open at end of data (marked at the last close)");
    assertThat(ReportWriter.exitSummary(r)).contains("Exit reasons", "take-profit", "open at end of data");
  }

  @Test
  void aPerpLiquidationIsItsOwnReason() {
    BarData d = BacktesterTest.bars(FLAT, FLAT, new double[] {100, 100, 60, 70}, FLAT);
    BacktesterTest.Script s = new BacktesterTest.Script().at(0, OrderIntent.market(Side.BUY, Sizing.BASE, 90));
    s.leverage = 10;
    BacktestResult r = new Backtester(SimulationConfig.builder().instrument(new dev.nanpin.Instrument("BTC_USDC_PERP",
        "BTC", "USDC", dev.nanpin.InstrumentKind.PERP, new java.math.BigDecimal("0.1"),
        new java.math.BigDecimal("0.0001"), new java.math.BigDecimal("0.0001"))).leverage(10).capital(1_000)
        .funding(0, Duration.ofHours(8)).build()).run(d, s);
    assertThat(r.report().liquidations()).isEqualTo(1);
    assertThat(r.trades()).singleElement().extracting(BacktestResult.Trade::exitReason)
        .isEqualTo(ExitReason.LIQUIDATION);
    assertThat(r.fills().get(1).exitReason()).isEqualTo(ExitReason.LIQUIDATION);
  }

  @Test
  void theNanpinLadderNamesItsTakeProfitAndTrailingExits() throws Exception {
    List<String> lines = java.nio.file.Files.readAllLines(SharedData.require("data/btc-usdt-1h.csv"));
    BarData data = CsvBars.read(new java.io.StringReader(String.join("\n", lines.subList(0, 3001))), "btc 3000");
    NanpinStrategy s = new NanpinStrategy(NanpinConfig.defaults().with(Map.of("trailingArm", 0.01,
        "trailingPullback", 0.005)));
    BacktestResult r = new Backtester(SimulationConfig.defaults()).run(data, s, Sizer.fixedQuote(100));
    assertThat(r.trades()).extracting(BacktestResult.Trade::exitReason).contains(ExitReason.TRAILING_STOP)
        .allMatch(x -> x == ExitReason.TAKE_PROFIT || x == ExitReason.TRAILING_STOP);
  }
}
