package dev.nanpin.examples;

import dev.nanpin.Bar;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sizer;
import dev.nanpin.live.Bot;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.PortfolioStatus;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.live.paper.PaperPortfolio;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Runnable example: one bot trading two symbols, a nanpin ladder on each, on one shared pool of
 * paper cash replaying two daily CSVs (such as {@code btc-usdt-1d.csv} and {@code eth-usdt-1d.csv}),
 * under portfolio limits.
 *
 * <p>Arguments: the BTC CSV, the ETH CSV, then optionally the number of days to replay (default:
 * all) and the directory of the store (default: a new temporary directory).
 */
public final class MultiSymbolBotExample {
  private MultiSymbolBotExample() {}

  /**
   * Runs the example and prints the portfolio's final status.
   *
   * @param args the BTC CSV, the ETH CSV, [days], [store directory]
   * @throws Exception if the replay fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: MultiSymbolBotExample BTC.csv ETH.csv [days] [store-dir]");
      return;
    }
    int days = args.length > 2 ? Integer.parseInt(args[2]) : Integer.MAX_VALUE;
    Path dir = args.length > 3 ? Files.createDirectories(Path.of(args[3]))
        : Files.createTempDirectory("nanpin-multi-bot");
    PortfolioStatus end = run(Path.of(args[0]), Path.of(args[1]), days, dir);
    System.out.println("multi-symbol bot stopped: " + end.toJson());
  }

  /**
   * Replays the first {@code days} bars of both CSVs through one two-symbol paper bot.
   *
   * @param btcCsv daily BTC bars, {@code timestamp,open,high,low,close,volume}
   * @param ethCsv daily ETH bars
   * @param days how many bars of each to replay
   * @param dir where the store ({@code multi-bot.db}) and the paper pool's state are kept
   * @return the portfolio's status after the replay: every ladder and the shared account
   * @throws InterruptedException if interrupted while the replay runs
   */
  public static PortfolioStatus run(Path btcCsv, Path ethCsv, int days, Path dir) throws InterruptedException {
    // Two markets on one pool of 10,000 USDT: tick 0.01, step 0.00001, 10 bps fees, no slippage.
    List<PaperPortfolio.Market> markets = new ArrayList<>();
    for (String symbol : List.of("BTC_USDT", "ETH_USDT")) {
      Instrument market = new Instrument(symbol, symbol.split("_")[0], "USDT", InstrumentKind.SPOT,
          new BigDecimal("0.01"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
      List<Bar> bars = PaperExchange.readCsv(symbol.startsWith("BTC") ? btcCsv : ethCsv);
      bars = bars.subList(0, Math.min(days, bars.size()));
      markets.add(new PaperPortfolio.Market(new PaperConfig(market, new BigDecimal("10000"), 0.001, 0.001, 0.0, 1),
          bars, Duration.ofDays(1), 0));
    }
    PaperPortfolio paper = PaperPortfolio.replay(new BigDecimal("10000"), markets, dir.resolve("multi-bot.paper"));

    try (Bot bot = Bot.builder()
        .engine(EngineConfig.defaults("multi-bot", "BTC_USDT")   // the settings of every ladder
            .withBars(Duration.ofDays(1), 0)
            .withFees(0.001, 0.001))
        .exchange(paper)
        .owns(paper)
        .clock(paper.clock())
        .replay(paper::advance)                 // each day: BTC's bar, then ETH's
        // one ladder per symbol: its own strategy instance and sizer, its state kept per symbol
        .ladder("BTC_USDT", new NanpinStrategy(NanpinConfig.defaults()), Sizer.fixedQuote(100))
        .ladder("ETH_USDT", new NanpinStrategy(NanpinConfig.defaults()), Sizer.fixedQuote(100))
        .risk(RiskLimits.none().withMaxOrderNotional(new BigDecimal("2000")))   // per symbol
        .portfolioLimits(PortfolioLimits.none()                                 // over both
            .withMaxTotalCapitalInUse(new BigDecimal("6000"))
            .withMaxEquityShare(new BigDecimal("0.5")))
        .store(dir.resolve("multi-bot.db"))
        .build()) {
      bot.start();
      bot.runReplay(Duration.ZERO);
      bot.awaitTermination(Duration.ofMinutes(1));
      if (bot.failure() != null) {
        throw new IllegalStateException("the multi-symbol bot stopped on an error", bot.failure());
      }
      return bot.portfolio().orElseThrow();
    }
  }
}
