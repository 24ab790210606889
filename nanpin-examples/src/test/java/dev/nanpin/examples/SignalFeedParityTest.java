package dev.nanpin.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Bar;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Sentiment;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.live.Bot;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.live.paper.PaperConfig;
import dev.nanpin.live.paper.PaperExchange;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A computed signal feed reaches the strategy at the same bar, in the same order relative to
 * {@code onBar}, in the simulator and in the live engine on a CSV replay through the paper exchange.
 */
class SignalFeedParityTest {
  @TempDir Path dir;

  /** Records every bar and every trend reading by bar time, and what signal() answers at each bar. */
  static final class Recorder implements Strategy {
    final List<String> seen = new ArrayList<>();

    private static long barTime(StrategyContext ctx) {
      return ctx.bars().timeMillis(ctx.bars().size() - 1);
    }

    @Override
    public void onBar(StrategyContext ctx) {
      TrendSignal t = ctx.signal(TrendSignal.class);
      seen.add("bar " + barTime(ctx) + (t == null ? "" : " trend " + t.up()));
    }

    @Override
    public void onSignal(StrategyContext ctx, Signal signal) {
      if (signal instanceof Sentiment f) {
        seen.add("sentiment " + barTime(ctx) + " " + f.value());
        return;
      }
      TrendSignal t = (TrendSignal) signal;
      seen.add(String.format(Locale.ROOT, "signal %d %s %.6f %s", barTime(ctx), t.up(), t.average(), t.asOf()));
    }
  }

  @Test
  void aGeneratorsSignalsReachTheStrategyAtTheSameBarInBacktestAndOnAPaperReplay() throws Exception {
    BarData path = GbmReference.generate(1, 400, 7)[0];
    Path csv = dir.resolve("bars.csv");
    StringBuilder text = new StringBuilder("timestamp,open,high,low,close,volume\n");
    List<Bar> bars = new ArrayList<>();
    for (int i = 0; i < path.size(); i++) {
      // two decimals, as on the venue's tick, so that both engines read the same numbers
      String row = String.format(Locale.ROOT, "%s,%.2f,%.2f,%.2f,%.2f,%.4f", Instant.ofEpochMilli(path.timeMillis(i)),
          path.open(i), path.high(i), path.low(i), path.close(i), path.volume(i));
      text.append(row).append('\n');
    }
    Files.writeString(csv, text);
    bars.addAll(PaperExchange.readCsv(csv));
    SignalFeed trend = SignalFeed.computed("sma-trend", () -> new SmaTrendGenerator(20));
    // recorded readings observed in the middle of bars 10 and 250, and one at the close of bar 99
    long hour = 3_600_000L;
    SignalFeed recorded = SignalFeed.recorded("fear-greed", List.of(
        new Sentiment(Sentiment.FEAR_GREED, 30, Instant.ofEpochMilli(path.timeMillis(250) + hour / 2)),
        new Sentiment(Sentiment.FEAR_GREED, 10, Instant.ofEpochMilli(path.timeMillis(10) + hour / 2)),
        new Sentiment(Sentiment.FEAR_GREED, 20, Instant.ofEpochMilli(path.timeMillis(99) + hour))));

    Recorder backtest = new Recorder();
    new Backtester(SimulationConfig.builder().signalFeeds(List.of(recorded, trend)).build()).run(BarData.fromBars(bars), backtest);

    Recorder live = new Recorder();
    Instrument btc = new Instrument("BTC_USDC", "BTC", "USDC", InstrumentKind.SPOT, new BigDecimal("0.01"),
        new BigDecimal("0.00001"), new BigDecimal("0.00001"));
    PaperExchange paper = PaperExchange.replay(new PaperConfig(btc, new BigDecimal("10000"), 0.001, 0.001, 0, 1), bars,
        Duration.ofHours(1), 0, null);
    try (Bot bot = Bot.builder()
        .engine(EngineConfig.defaults("parity", "BTC_USDC").withBars(Duration.ofHours(1), 0))
        .exchange(paper).owns(paper).clock(paper.clock()).replay(paper::advance)
        .strategy(live)
        .store(dir.resolve("parity.db"))
        .signal(recorded)
        .signal(trend)
        .build()) {
      assertThat(bot.config().warmupBars()).as("raised to the generator's warm-up").isEqualTo(20);
      bot.start();
      assertThat(bot.runReplay(Duration.ZERO)).isTrue();
      assertThat(bot.awaitTermination(Duration.ofMinutes(1))).isTrue();
      assertThat(bot.failure()).isNull();
    }
    assertThat(backtest.seen).filteredOn(s -> s.startsWith("signal")).hasSizeGreaterThan(3);
    assertThat(backtest.seen).filteredOn(s -> s.startsWith("sentiment")).containsExactly(
        "sentiment " + path.timeMillis(10) + " 10.0", "sentiment " + path.timeMillis(99) + " 20.0",
        "sentiment " + path.timeMillis(250) + " 30.0");
    assertThat(live.seen).isEqualTo(backtest.seen);
  }
}
