package dev.nanpin.examples;

import dev.nanpin.Bar;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.SignalFeed;
import dev.nanpin.Sizer;
import dev.nanpin.live.Bot;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.EngineStatus;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Runnable example: a paper bot built with {@link Bot#builder()}, trading the built-in nanpin
 * ladder on a CSV replay of hourly bars (such as {@code btc-usdt-1h.csv}) through the live engine
 * and a paper exchange, with a durable SQLite store and a signal feed computed from the bars.
 *
 * <p>Arguments: the CSV file, then optionally the number of bars to replay (default 2,000) and
 * the directory of the store (default: a new temporary directory).
 */
public final class PaperBotExample {
  private PaperBotExample() {}

  /**
   * Runs the example and prints the bot's final status.
   *
   * @param args the CSV file, [bars], [store directory]
   * @throws Exception if the replay fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: PaperBotExample BARS.csv [bars] [store-dir]");
      return;
    }
    int bars = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
    Path dir = args.length > 2 ? Files.createDirectories(Path.of(args[2])) : Files.createTempDirectory("nanpin-paper-bot");
    EngineStatus end = run(Path.of(args[0]), bars, dir);
    System.out.println("paper bot stopped: " + end.toJson());
  }

  /**
   * Replays the first {@code bars} bars of {@code csv} through a paper bot.
   *
   * @param csv hourly bars, {@code timestamp,open,high,low,close,volume}
   * @param bars how many bars to replay
   * @param dir where the store ({@code paper-bot.db}) and the paper account's state are kept
   * @return the bot's status after the replay
   * @throws InterruptedException if interrupted while the replay runs
   */
  public static EngineStatus run(Path csv, int bars, Path dir) throws InterruptedException {
    List<Bar> history = PaperExchange.readCsv(csv);
    history = history.subList(0, Math.min(bars, history.size()));
    // The market: tick 0.01, step 0.00001, as BTC_USDC; 10,000 USDC; 10 bps fees, no slippage.
    Instrument btc = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT, new BigDecimal("0.01"),
        new BigDecimal("0.00001"), new BigDecimal("0.00001"));
    PaperExchange paper = PaperExchange.replay(new PaperConfig(btc, new BigDecimal("10000"), 0.001, 0.001, 0.0, 1),
        history, Duration.ofHours(1), 0, dir.resolve("paper-bot.paper"));

    try (Bot bot = Bot.builder()
        .engine(EngineConfig.defaults("paper-bot", "BTC_USDC")
            .withBars(Duration.ofHours(1), 0)
            .withFees(0.001, 0.001))
        .exchange(paper)
        .owns(paper)
        .clock(paper.clock())                   // the replay's clock, not the wall clock
        .replay(paper::advance)                 // Bot.runReplay releases one bar at a time
        .strategy(new NanpinStrategy(NanpinConfig.defaults()))
        .sizer(Sizer.fixedQuote(100))
        .risk(RiskLimits.none().withMaxOrderNotional(new BigDecimal("2000")))
        .store(dir.resolve("paper-bot.db"))
        .signal(SignalFeed.computed("sma-trend", () -> new SmaTrendGenerator(50)))
        .build()) {
      bot.start();
      bot.runReplay(Duration.ZERO);
      bot.awaitTermination(Duration.ofMinutes(1));
      if (bot.failure() != null) {
        throw new IllegalStateException("the paper bot stopped on an error", bot.failure());
      }
      return bot.status();
    }
  }
}
