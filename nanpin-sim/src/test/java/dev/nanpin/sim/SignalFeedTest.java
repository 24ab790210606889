package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.DataException;
import dev.nanpin.MacroRegime;
import dev.nanpin.Sentiment;
import dev.nanpin.Signal;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.strategy.NanpinConfig;
import dev.nanpin.strategy.NanpinStrategy;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignalFeedTest {
  private static final long HOUR = 3_600_000L;
  private static final Instant T0 = Instant.ofEpochMilli(GbmReference.START_MILLIS);

  @TempDir
  Path dir;

  private static BarData bars(int n) {
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(5).generate(0, n, b);
    return BarData.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
  }

  @Test
  void aSignalReachesTheStrategyAtTheCloseOfTheBarItWasObservedIn() {
    // bar i covers [T0 + i h, T0 + (i + 1) h): a reading at T0 + 2.5 h is known at bar 2's close
    Sentiment fg = new Sentiment(Sentiment.FEAR_GREED, 20, T0.plusMillis(2 * HOUR + HOUR / 2));
    MacroRegime macro = new MacroRegime(1, "risk-on", 1.2, T0.plusMillis(5 * HOUR));
    Sentiment later = new Sentiment(Sentiment.FEAR_GREED, 80, T0.plusMillis(5 * HOUR));
    List<String> seen = new ArrayList<>();
    Strategy recorder = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {
        Sentiment s = ctx.signal(Sentiment.class);
        MacroRegime m = ctx.signal(MacroRegime.class);
        seen.add(ctx.index() + ":" + (s == null ? "-" : (int) s.value()) + ":" + (m == null ? "-" : m.regime()));
      }

      @Override
      public void onSignal(StrategyContext ctx, Signal signal) {
        seen.add("signal@" + ctx.index() + ":" + signal.getClass().getSimpleName());
      }
    };
    SimulationConfig config = SimulationConfig.builder().signals(List.of(later, macro, fg)).build();
    new Backtester(config).run(bars(7), recorder);
    assertThat(seen).containsExactly("0:-:-", "1:-:-", "signal@2:Sentiment", "2:20:-", "3:20:-",
        "signal@4:Sentiment", "signal@4:MacroRegime", "4:80:risk-on", "5:80:risk-on", "6:80:risk-on");
    assertThat(config.signals()).extracting(Signal::asOf).isSorted();
  }

  @Test
  void theFearAndGreedGateOfTheLadderWorksInABacktest() {
    BarData data = bars(24 * 30);
    NanpinConfig gated = NanpinConfig.of(Map.of("maxFearGreed", "50"));
    // a daily index, as alternative.me publishes it: the strategy ignores readings older than 72 h
    List<Sentiment> greedy = new ArrayList<>();
    List<Sentiment> fearful = new ArrayList<>();
    for (int day = 0; day < 30; day++) {
      greedy.add(new Sentiment(Sentiment.FEAR_GREED, 90, T0.plusMillis(day * 24 * HOUR)));
      fearful.add(new Sentiment(Sentiment.FEAR_GREED, 10, T0.plusMillis(day * 24 * HOUR)));
    }
    BacktestResult blocked = new Backtester(SimulationConfig.builder().signals(greedy).build())
        .run(data, new NanpinStrategy(gated), Sizer.fixedQuote(100));
    BacktestResult open = new Backtester(SimulationConfig.builder().signals(fearful).build())
        .run(data, new NanpinStrategy(gated), Sizer.fixedQuote(100));
    assertThat(blocked.fills()).isEmpty();
    assertThat(open.fills()).isNotEmpty();
  }

  @Test
  void sentimentHistoriesAreReadFromCsv() throws Exception {
    Path csv = dir.resolve("fg.csv");
    Files.writeString(csv, "timestamp,value\n2020-01-01T00:00:00Z,25\n1577923200000,71\n");
    List<Sentiment> s = CsvBars.readSentiment(csv);
    assertThat(s).extracting(Sentiment::value).containsExactly(25.0, 71.0);
    assertThat(s.get(1).asOf()).isEqualTo(Instant.parse("2020-01-02T00:00:00Z"));
    assertThat(s).extracting(Sentiment::index).containsOnly(Sentiment.FEAR_GREED);

    Files.writeString(csv, "timestamp,value\n2020-01-01T00:00:00Z,125\n");
    assertThatThrownBy(() -> CsvBars.readSentiment(csv)).isInstanceOf(DataException.class)
        .hasMessageContaining(":2:").hasMessageContaining("outside [0, 100]");
    Files.writeString(csv, "time,value\n");
    assertThatThrownBy(() -> CsvBars.readSentiment(csv)).hasMessageContaining("timestamp and value");
    Files.writeString(csv, "timestamp,value\n2020-01-02T00:00:00Z,1\n2020-01-01T00:00:00Z,2\n");
    assertThatThrownBy(() -> CsvBars.readSentiment(csv)).hasMessageContaining("increasing");
  }
}
