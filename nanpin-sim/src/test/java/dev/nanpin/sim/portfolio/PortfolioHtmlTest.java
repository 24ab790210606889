package dev.nanpin.sim.portfolio;

import static org.assertj.core.api.Assertions.assertThat;

import static dev.nanpin.sim.portfolio.PortfolioBacktesterTest.SPOT;
import static dev.nanpin.sim.portfolio.PortfolioBacktesterTest.bars;
import static dev.nanpin.sim.portfolio.PortfolioBacktesterTest.buyThenSell;

import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.PortfolioReportWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The portfolio's HTML report, on the hand-worked two-symbol run of {@link PortfolioBacktesterTest}. */
class PortfolioHtmlTest {
  static String report() {
    BarData btc = bars(new long[] {0, 1, 2, 3}, new double[] {100, 110, 120, 120});
    BarData eth = bars(new long[] {0, 2, 3}, new double[] {10, 12, 15});
    PortfolioBacktester bt = new PortfolioBacktester(1_000, null);
    List<PortfolioLeg> legs = List.of(new PortfolioLeg("BTC", btc, SPOT), new PortfolioLeg("ETH", eth, SPOT));
    PortfolioResult r = bt.run(legs, s -> buyThenSell(s.equals("BTC") ? 500 : 400, new ArrayList<>(), s));
    Assumptions a = bt.assumptions(legs).with("command", "nanpin backtest --data btc.csv --data eth.csv");
    return PortfolioReportWriter.html(r, "Portfolio <test>", "two symbols", a).render();
  }

  @Test
  void theReportShowsThePortfolioEachSymbolAndTheirCorrelation() {
    String html = report();
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<title>Portfolio &lt;test&gt;</title>");
    // final equity 1 297.9 of 1 000 (worked out in PortfolioBacktesterTest); BTC +20 %, ETH +50 %: 35 % split equally
    assertThat(html).contains("<div class=\"big-value\">29.79 %</div><div class=\"big-label\">Return over 4.0 days")
        .contains("<div class=\"big-value\">35.00 %</div><div class=\"big-label\">Equal-split buy and hold")
        .contains("<div class=\"big-value\">900.00</div><div class=\"big-label\">Peak capital in use")
        .contains("annualised figures (CAGR, Sharpe) are not shown");
    // the charts: equity with drawdown, capital in use, P&L and exposure by symbol, the correlation matrix
    assertThat(html).contains("data-chart=\"equity\"", "data-chart=\"equity-drawdown\"",
        "data-chart=\"capital-in-use\"", "data-chart=\"symbol-pnl\"", "data-chart=\"symbol-exposure\"",
        "data-chart=\"correlation\"");
    String capital = chart(html, "capital-in-use");
    assertThat(capital).contains(">total</text>", ">BTC</text>", ">ETH</text>");
    assertThat(capital.split("<polyline class=\"series", -1)).as("three lines").hasSize(4);
    // returns on the common days 0, 2, 3: BTC +20 %, 0 %; ETH +20 %, +25 %: correlation -1 over two returns
    assertThat(chart(html, "correlation")).contains("<title>symbol=ETH, symbol=BTC: -1.00</title>")
        .contains("<title>symbol=BTC, symbol=BTC: 1.00</title>");
    assertThat(html).contains("<tr><td>BTC</td><td>ETH</td><td>-1.000</td><td>2</td></tr>");
    // per symbol: its figures (ETH: 3 bars, 1 missing, 1 idle timestamp, P&L 199.00) and its fills
    assertThat(html).contains("<tr><td>ETH</td><td>3</td><td>1</td><td>1</td><td>2</td><td>0</td><td>1</td>"
        + "<td>100.00 %</td><td>199.00</td>");
    assertThat(html).contains("<h2>Fills of BTC (2)</h2>").contains("<h2>Fills of ETH (2)</h2>")
        .contains("<tr><td>1970-01-01 00:00</td><td>BUY</td><td>100.00</td><td>5.0000000</td><td>500.00</td>"
            + "<td>0.50</td><td>taker</td><td></td></tr>")
        .contains("<tr><td>1970-01-04 00:00</td><td>SELL</td><td>15.0000</td><td>40.000000</td><td>600.00</td>"
            + "<td>0.60</td><td>taker</td><td>market exit (untagged)</td></tr>");
    // the assumptions, the command that repeats the run among them
    assertThat(html).contains("<section id=\"assumptions\">")
        .contains("<span class=\"k\">command</span> <span class=\"v\">nanpin backtest --data btc.csv --data eth.csv")
        .contains("<span class=\"k\">ETH.dataFingerprint</span>");
    // self-contained, no script (the price chart's zoom is single-symbol only)
    assertThat(html).doesNotContain("<script").doesNotContain("http://").doesNotContain("https://");
  }

  @Test
  void renderingIsDeterministic() {
    assertThat(report()).isEqualTo(report());
  }

  private static String chart(String html, String id) {
    int from = html.indexOf("data-chart=\"" + id + "\"");
    assertThat(from).as(id).isPositive();
    return html.substring(from, html.indexOf("</svg>", from));
  }
}
