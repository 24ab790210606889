package dev.nanpin.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.nanpin.Balance;
import dev.nanpin.Bar;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Side;
import dev.nanpin.live.Bot;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.live.paper.PaperPortfolio;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.spi.Plugins;
import dev.nanpin.testkit.EngineParityKit.ParityFill;
import dev.nanpin.testkit.EngineParityKit.Scenario;
import dev.nanpin.testkit.SharedData;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parity kit's two-symbol case: a multi-symbol paper bot ({@code Bot.builder().ladder(...)}
 * on a {@link PaperPortfolio} replaying BTC and ETH 1d, one shared pool of cash) and the portfolio
 * backtest ({@code nanpin backtest --data btc --data eth}) of the same files give the same fills
 * per symbol (time, side, price, quantity, fee), the same final positions and the same final cash,
 * with rounding on, 10 bps fees, no slippage and a 100-quote sizer per symbol, on 10,000 of
 * shared capital and on 1,500, where the shared cash runs short (orders refused at submit and
 * market fills refused at the next open, by the same rule in both).
 */
class PortfolioParityTest {
  private static final String TICK = "0.01";
  private static final String STEP = "0.00001";
  private static final double FEE = 0.001;
  private static final List<String> SYMBOLS = List.of("BTC_USDT", "ETH_USDT");

  @TempDir Path dir;

  @ParameterizedTest(name = "capital {0}")
  @ValueSource(ints = {10_000, 1_500})
  void aTwoSymbolPaperBotAndThePortfolioBacktestGiveTheSameFills(int capital) throws Exception {
    List<Path> csv = List.of(SharedData.require("data/btc-usdt-1d.csv"), SharedData.require("data/eth-usdt-1d.csv"));
    Scenario grid = new Scenario("two symbols", csv.get(0), false, 1, "nanpin", Map.of(), new BigDecimal(TICK),
        new BigDecimal(STEP), 0, Map.of());

    // the portfolio backtest, from the command line
    Path fills = dir.resolve("fills.csv");
    Path risk = dir.resolve("risk.yaml");
    Files.writeString(risk, """
        risk:
          maxOrderNotional: 50000
          maxLeverage: 5
        """);
    CliRunner r = CliRunner.run("backtest", "--data", csv.get(0).toString(), "--data", csv.get(1).toString(),
        "--symbol", SYMBOLS.get(0), "--symbol", SYMBOLS.get(1), "--strategy", "nanpin", "--round", "--tick-size", TICK,
        "--step-size", STEP, "--min-quantity", STEP, "--fee-bps", "10", "--slippage-bps", "0", "--capital",
        Integer.toString(capital), "--risk", risk.toString(), "--trades", fills.toString(), "--report",
        dir.resolve("report.json").toString(), "--equity", dir.resolve("equity.csv").toString());
    assertThat(r.code()).as(r.err()).isZero();
    Map<String, List<ParityFill>> backtest = new LinkedHashMap<>();
    SYMBOLS.forEach(s -> backtest.put(s, new ArrayList<>()));
    double backtestCash = capital;
    Map<String, Double> backtestPosition = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(fills);
    for (String line : lines.subList(1, lines.size())) {
      String[] p = line.split(","); // symbol,index,time,side,price,quantity,quote,fee,liquidation
      Side side = Side.valueOf(p[3]);
      backtest.get(p[0]).add(ParityFill.of(grid, Instant.parse(p[2]), side, new BigDecimal(p[4]), new BigDecimal(p[5]),
          new BigDecimal(p[7])));
      backtestCash += -side.sign() * Double.parseDouble(p[6]) - Double.parseDouble(p[7]);
      backtestPosition.merge(p[0], side.sign() * Double.parseDouble(p[5]), Double::sum);
    }

    // the two-symbol paper bot, from Java
    Plugins plugins = Plugins.load();
    List<PaperPortfolio.Market> markets = new ArrayList<>();
    Duration interval = Duration.ofDays(1);
    for (int i = 0; i < SYMBOLS.size(); i++) {
      String symbol = SYMBOLS.get(i);
      Instrument inst = new Instrument(symbol, symbol.split("_")[0], "USDT", InstrumentKind.SPOT, new BigDecimal(TICK),
          new BigDecimal(STEP), new BigDecimal(STEP));
      List<Bar> bars = PaperExchange.readCsv(csv.get(i));
      markets.add(new PaperPortfolio.Market(new PaperConfig(inst, BigDecimal.valueOf(capital), FEE, FEE, 0, 1), bars,
          interval, 0));
    }
    PaperPortfolio venue = PaperPortfolio.replay(BigDecimal.valueOf(capital), markets, null);
    Bot.Builder b = Bot.builder()
        .engine(EngineConfig.defaults("parity", SYMBOLS.get(0)).withBars(interval, 0)
            .withReconcile(Duration.ofHours(100_000), EngineConfig.defaults("parity", SYMBOLS.get(0)).signingWindow())
            .withFees(FEE, FEE))
        .exchange(venue)
        .risk(new RiskLimits(new BigDecimal("50000"), null, new BigDecimal("5"), null, null))
        .store(dir.resolve("paper.db"))
        .clock(venue.clock())
        .replay(venue::advance);
    for (String symbol : SYMBOLS) {
      b.ladder(symbol, plugins.strategy("nanpin", Map.of()), plugins.sizer("fixed-quote", Map.of("quote", "100")));
    }
    try (Bot bot = b.build()) {
      bot.start();
      assertThat(bot.runReplay(Duration.ZERO)).as("replay finished: %s", bot.failure()).isTrue();
      assertThat(bot.awaitTermination(Duration.ofMinutes(1))).isTrue();
      assertThat(bot.failure()).isNull();
    }
    int total = 0;
    for (String symbol : SYMBOLS) {
      List<ParityFill> paper = new ArrayList<>();
      double position = 0;
      for (Fill f : venue.fills(symbol, Instant.EPOCH)) {
        paper.add(ParityFill.of(grid, f.time(), f.side(), f.price(), f.quantity(), f.fee()));
        position += f.side().sign() * f.quantity().doubleValue();
      }
      assertThat(paper).as("%s fills (paper vs backtest), first difference %s", symbol,
          firstDifference(paper, backtest.get(symbol))).containsExactlyElementsOf(backtest.get(symbol));
      assertThat(position).as("%s position", symbol)
          .isCloseTo(backtestPosition.getOrDefault(symbol, 0.0), within(1e-9));
      total += paper.size();
    }
    double cash = venue.balances().stream().filter(x -> x.asset().equals("USDT")).map(Balance::total)
        .findFirst().orElseThrow().doubleValue();
    assertThat(cash).as("final cash").isCloseTo(backtestCash, within(1e-6));
    assertThat(total).as("fills of both symbols").isGreaterThan(100);
  }

  /** Where two fill lists part: the index and the fills there, for a readable failure. */
  private static String firstDifference(List<ParityFill> paper, List<ParityFill> backtest) {
    for (int i = 0; i < Math.max(paper.size(), backtest.size()); i++) {
      ParityFill a = i < paper.size() ? paper.get(i) : null;
      ParityFill b = i < backtest.size() ? backtest.get(i) : null;
      if (a == null || !a.equals(b)) {
        return "at %d: paper %s, backtest %s (previous %s)".formatted(i, a, b, i == 0 ? null : backtest.get(i - 1));
      }
    }
    return "none";
  }
}
