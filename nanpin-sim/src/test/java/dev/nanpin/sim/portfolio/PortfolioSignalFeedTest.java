package dev.nanpin.sim.portfolio;

import static dev.nanpin.sim.portfolio.PortfolioBacktesterTest.bars;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nanpin.BarSeries;
import dev.nanpin.Execution;
import dev.nanpin.OrderIntent;
import dev.nanpin.Sentiment;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Sizer;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.sim.BacktestResult;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.PathBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Signal feeds in a portfolio backtest: each symbol's recorded signals and computed feeds reach its
 * strategy by the single-symbol simulator's rule (at the close of the bar that observes them,
 * never earlier), so a portfolio of one symbol with feeds gives the single-symbol fills exactly.
 */
class PortfolioSignalFeedTest {
  private static final long HOUR = 3_600_000L;
  private static final long DAY = 24 * HOUR;

  /** A reading computed from bar {@code index} having seen {@code seen} bars. */
  record Reading(int index, int seen, double close, Instant asOf) implements Signal {}

  /** Emits a reading when a close falls below the one before: it reads bars 0..i only. */
  static final class Dips implements SignalGenerator {
    @Override
    public Signal onBar(BarSeries bars) {
      int i = bars.size() - 1;
      return i > 0 && bars.close(i) < bars.close(i - 1) * 0.995
          ? new Reading(i, bars.size(), bars.close(i), Instant.ofEpochMilli(bars.timeMillis(i))) : null;
    }
  }

  /**
   * Trades on its signals and logs every callback with the strategy's index and clock: buys 100
   * quote at market and rests a limit 2 % lower on a dip reading while flat, takes profit 3 %
   * above the average entry, and closes when the recorded sentiment it reads in {@code onBar} is
   * greedy.
   */
  static final class SignalTrader implements Strategy {
    final List<String> log;
    final String name;

    SignalTrader(List<String> log, String name) {
      this.log = log;
      this.name = name;
    }

    @Override
    public void onSignal(StrategyContext ctx, Signal signal) {
      log.add(name + " signal@" + ctx.index() + " t" + ctx.timeMillis() + " " + signal);
      if (signal instanceof Reading r) {
        assertThat(r.seen()).as("the generator saw bars 0..i of its own symbol only").isEqualTo(ctx.index() + 1);
        if (ctx.account().positionQuantity() == 0 && ctx.openOrderCount() == 0) {
          ctx.submit(OrderIntent.buyQuote(100));
          ctx.submit(OrderIntent.limit(Side.BUY, r.close() * 0.98, Sizing.QUOTE, 100));
        }
      }
    }

    @Override
    public void onBar(StrategyContext ctx) {
      log.add(name + " bar@" + ctx.index() + " t" + ctx.timeMillis());
      Sentiment s = ctx.signal(Sentiment.class);
      if (s != null && s.value() > 70 && ctx.account().positionQuantity() > 0) {
        ctx.cancelAll();
        ctx.submit(OrderIntent.closePosition(Side.SELL));
      }
    }

    @Override
    public void onFill(StrategyContext ctx, Execution fill) {
      log.add(name + " fill@" + ctx.index() + " t" + ctx.timeMillis() + " " + fill.side() + " " + fill.price());
      if (fill.side() == Side.BUY) {
        ctx.submit(OrderIntent.limit(Side.SELL, ctx.account().averageEntryPrice() * 1.03, Sizing.POSITION_FRACTION, 1));
      } else if (ctx.account().positionQuantity() == 0) {
        ctx.cancelAll();
      }
    }
  }

  /** Sentiment readings observed every 7.5 hours from {@code t0}, between bar opens, values cycling 10..90. */
  private static List<Sentiment> sentiment(long t0, long t1) {
    List<Sentiment> out = new ArrayList<>();
    int k = 0;
    for (long t = t0 - HOUR; t < t1; t += 15 * HOUR / 2) {
      out.add(new Sentiment(Sentiment.FEAR_GREED, 10 + (k++ * 37) % 81, Instant.ofEpochMilli(t)));
    }
    return out;
  }

  private static SimulationConfig withFeeds(SimulationConfig base, BarData data) {
    return base.toBuilder()
        .signals(sentiment(data.timeMillis(0), data.timeMillis(data.size() - 1) + DAY))
        .signalFeeds(List.of(SignalFeed.computed("dips", Dips::new)))
        .build();
  }

  private static void assertSameAsSingleSymbol(BarData data, SimulationConfig base) {
    SimulationConfig config = withFeeds(base, data);
    List<String> singleLog = new ArrayList<>();
    BacktestResult single = new Backtester(config).run(data, new SignalTrader(singleLog, "X"), Sizer.fixedQuote(100));
    List<String> multiLog = new ArrayList<>();
    PortfolioResult multi = new PortfolioBacktester(config.capital(), null).run(List.of(new PortfolioLeg("X", data,
        config)), s -> new SignalTrader(multiLog, s), s -> Sizer.fixedQuote(100));
    assertThat(single.fills()).hasSizeGreaterThan(20);
    assertThat(singleLog).anyMatch(l -> l.contains("Sentiment")).anyMatch(l -> l.contains("Reading"));
    assertThat(multiLog).as("every callback at the same index and clock").isEqualTo(singleLog);
    assertThat(multi.fills("X")).isEqualTo(single.fills());
    assertThat(multi.refusals("X")).isEqualTo(single.refusals());
    // the pool's cash is the capital plus the symbol's cash flow, a different order of the same
    // additions: equal to far below a cent, not to the bit (as in PortfolioBacktesterTest)
    assertThat(multi.report().finalEquity()).isCloseTo(single.report().finalEquity(), within(1e-6));
  }

  @Test
  void oneSymbolWithFeedsGivesTheSingleSymbolBacktestersFillsOnGbmBars() {
    PathBuffer b = new PathBuffer();
    GbmGenerator.btcLikeHourly(11).generate(0, 24 * 120, b);
    BarData data = BarData.of(b.time(), b.open(), b.high(), b.low(), b.close(), b.volume());
    for (FillTiming timing : FillTiming.values()) {
      assertSameAsSingleSymbol(data, SimulationConfig.builder().feeBps(10).fillTiming(timing).build());
    }
  }

  @Test
  void oneSymbolWithFeedsGivesTheSingleSymbolBacktestersFillsOnBtcDaily() {
    Path file = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data", "btc-usdt-1d.csv");
    assumeTrue(Files.isRegularFile(file), "shared data not present: " + file);
    assertSameAsSingleSymbol(CsvBars.read(file), SimulationConfig.builder().feeBps(10).build());
  }

  @Test
  void aSymbolWithoutABarHearsItsSignalAtItsNextBarsCloseNeverEarlier() {
    // A trades days 0..3; B days 0, 2, 3 (day 1 missing). Each has its own recorded sentiment.
    BarData a = bars(new long[] {0, 1, 2, 3}, new double[] {100, 100, 100, 100});
    BarData b = bars(new long[] {0, 2, 3}, new double[] {10, 10, 10});
    SimulationConfig base = PortfolioBacktesterTest.SPOT;
    // A's reading at day 1 + 1 h is known at the close of A's day-1 bar (day 2 00:00)
    Sentiment forA = new Sentiment(Sentiment.FEAR_GREED, 40, Instant.ofEpochMilli(DAY + HOUR));
    // B's reading at day 1 + 1 h: B has no day-1 bar, so it waits for the close of B's day-2 bar (day 3)
    Sentiment forB = new Sentiment(Sentiment.FEAR_GREED, 60, Instant.ofEpochMilli(DAY + HOUR));
    // a reading at exactly the close of day 0 is known at that close
    Sentiment atClose = new Sentiment(Sentiment.FEAR_GREED, 50, Instant.ofEpochMilli(DAY));
    Map<String, SimulationConfig> configs = new HashMap<>();
    configs.put("A", base.toBuilder().signals(List.of(forA, atClose)).build());
    configs.put("B", base.toBuilder().signalFeeds(List.of(SignalFeed.recorded("fg", List.of(forB)))).build());
    List<String> log = new ArrayList<>();
    new PortfolioBacktester(1_000, null).run(List.of(new PortfolioLeg("A", a, configs.get("A")),
        new PortfolioLeg("B", b, configs.get("B"))), s -> new Strategy() {
          @Override
          public void onBar(StrategyContext ctx) {
            Sentiment seen = ctx.signal(Sentiment.class);
            log.add(s + " bar@day" + ctx.timeMillis() / DAY + (seen == null ? "" : " reads " + seen.value()));
          }

          @Override
          public void onSignal(StrategyContext ctx, Signal signal) {
            log.add(s + " signal@day" + ctx.timeMillis() / DAY + " " + ((Sentiment) signal).value());
          }
        });
    assertThat(log).containsExactly(
        "A signal@day1 50.0", "A bar@day1 reads 50.0", "B bar@day1",
        "A signal@day2 40.0", "A bar@day2 reads 40.0",
        "A bar@day3 reads 40.0", "B signal@day3 60.0", "B bar@day3 reads 60.0",
        "A bar@day4 reads 40.0", "B bar@day4 reads 60.0");
  }
}
