package dev.nanpin.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.BarSeries;
import dev.nanpin.ConfigException;
import dev.nanpin.Sentiment;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.lang.reflect.Method;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class ComputedSignalFeedTest {
  private static final long HOUR = 3_600_000L;

  /** A reading computed from bar {@code index}. */
  record Reading(int index, int seen, Instant asOf) implements Signal {}

  /** Emits a reading on every third bar, recording how many bars it could see. */
  static final class EveryThird implements SignalGenerator {
    @Override
    public Signal onBar(BarSeries bars) {
      int i = bars.size() - 1;
      return i % 3 == 0 ? new Reading(i, bars.size(), Instant.ofEpochMilli(bars.timeMillis(i) + HOUR)) : null;
    }
  }

  /** Counts its calls and never says anything. */
  static final class Silent implements SignalGenerator {
    final AtomicInteger calls;

    Silent(AtomicInteger calls) {
      this.calls = calls;
    }

    @Override
    public Signal onBar(BarSeries bars) {
      calls.incrementAndGet();
      return null;
    }
  }

  private static BarData bars(int n) {
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(5).generate(0, n, b);
    return BarData.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
  }

  /** Records each callback as text: "signal@bar:reading-index", "bar@i". */
  static final class Recorder implements Strategy {
    final List<String> seen = new ArrayList<>();

    @Override
    public void onBar(StrategyContext ctx) {
      seen.add("bar@" + ctx.index());
    }

    @Override
    public void onSignal(StrategyContext ctx, Signal signal) {
      if (signal instanceof Reading r) {
        assertThat(ctx.signal(Reading.class)).isSameAs(r);
        seen.add("signal@" + ctx.index() + ":" + r.index() + "/" + r.seen());
      } else {
        seen.add("signal@" + ctx.index() + ":" + signal.getClass().getSimpleName());
      }
    }
  }

  @Test
  void aGeneratorsReadingOfABarReachesTheStrategyBeforeThatBarsOnBar() {
    BarData data = bars(7);
    Sentiment recorded = new Sentiment(Sentiment.FEAR_GREED, 20, Instant.ofEpochMilli(data.timeMillis(1) + HOUR / 2));
    Recorder rec = new Recorder();
    SimulationConfig config = SimulationConfig.builder()
        .signalFeeds(List.of(SignalFeed.computed("every-third", EveryThird::new)))
        .signals(List.of(recorded))
        .build();
    new Backtester(config).run(data, rec);
    // the generator sees bars 0..i at bar i's close; the recorded signal comes first at its bar
    assertThat(rec.seen).containsExactly("signal@0:0/1", "bar@0", "signal@1:Sentiment", "bar@1", "bar@2",
        "signal@3:3/4", "bar@3", "bar@4", "bar@5", "signal@6:6/7", "bar@6");
  }

  @Test
  void recordedFeedsReplayLikeSignalsAndEveryRunGetsFreshGenerators() {
    BarData data = bars(50);
    Sentiment s = new Sentiment(Sentiment.FEAR_GREED, 20, Instant.ofEpochMilli(data.timeMillis(10)));
    AtomicInteger made = new AtomicInteger();
    SimulationConfig config = SimulationConfig.builder()
        .signalFeeds(List.of(SignalFeed.recorded("fg", List.of(s)), SignalFeed.computed("third", () -> {
          made.incrementAndGet();
          return new EveryThird();
        })))
        .build();
    Recorder first = new Recorder();
    Recorder second = new Recorder();
    Backtester bt = new Backtester(config);
    bt.run(data, first);
    bt.run(data, second);
    assertThat(made).hasValue(2);
    assertThat(second.seen).isEqualTo(first.seen).contains("signal@9:Sentiment");
    assertThat(config.signals()).containsExactly(s);
    assertThat(config.toBuilder().build()).isEqualTo(config);
  }

  @Test
  void polledAndStreamedFeedsAreRefusedByABacktestWithTheirName() {
    assertThatThrownBy(() -> SimulationConfig.builder()
        .signalFeeds(List.of(SignalFeed.polled("fear-greed", Duration.ofHours(1), () -> null))).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("'fear-greed' is polled live only");
    assertThatThrownBy(() -> SimulationConfig.builder()
        .signalFeeds(List.of(SignalFeed.streamed("ws", sink -> () -> {}))).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("'ws' is streamed live only");
  }

  @Test
  void aSilentGeneratorIsCalledOncePerBarAndAllocatesNothingPerBar() {
    int n = 200_000;
    BarData data = bars(n);
    AtomicInteger calls = new AtomicInteger();
    Recorder rec = new Recorder();
    Strategy quiet = new Strategy() {
      @Override
      public void onBar(StrategyContext ctx) {}

      @Override
      public void onSignal(StrategyContext ctx, Signal signal) {
        throw new AssertionError("a silent generator delivered " + signal);
      }
    };
    Backtester plain = new Backtester(SimulationConfig.defaults());
    Backtester silent = new Backtester(SimulationConfig.builder()
        .signalFeeds(List.of(SignalFeed.computed("silent", () -> new Silent(calls)))).build());
    silent.run(bars(10), rec);
    assertThat(calls).hasValue(10);
    assertThat(rec.seen).containsExactly("bar@0", "bar@1", "bar@2", "bar@3", "bar@4", "bar@5", "bar@6", "bar@7",
        "bar@8", "bar@9");

    // Allocation, not time: the bytes this thread allocates for a run with the silent generator
    // minus those of the same run without it stay far below one byte per bar.
    for (int warm = 0; warm < 3; warm++) {
      plain.run(data, quiet);
      silent.run(data, quiet);
    }
    long without = allocated(() -> plain.run(data, quiet));
    calls.set(0);
    long with = allocated(() -> silent.run(data, quiet));
    assertThat(calls).hasValue(n);
    assertThat(with - without).as("bytes allocated beyond a run without generators, %d bars", n)
        .isLessThan(n / 4);
  }

  /**
   * The bytes the current thread allocates while {@code work} runs, read through reflection: the
   * test runs inside the simulator's module, which does not read {@code jdk.management}.
   */
  private static long allocated(Runnable work) {
    Object mx;
    Method bytes;
    try {
      mx = Class.forName("java.lang.management.ManagementFactory").getMethod("getThreadMXBean").invoke(null);
      bytes = Class.forName("com.sun.management.ThreadMXBean").getMethod("getThreadAllocatedBytes", long.class);
    } catch (ReflectiveOperationException | LinkageError e) {
      Assumptions.abort("per-thread allocation counter unavailable: " + e);
      return 0;
    }
    long id = Thread.currentThread().getId();
    try {
      long before = (long) bytes.invoke(mx, id);
      work.run();
      return (long) bytes.invoke(mx, id) - before;
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }
}
