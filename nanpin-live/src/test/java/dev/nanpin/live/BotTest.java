package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.Bar;
import dev.nanpin.BarSeries;
import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Side;
import dev.nanpin.Signal;
import dev.nanpin.SignalFeed;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.Ticker;
import dev.nanpin.Trade;
import dev.nanpin.risk.guard.RiskLimits;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BotTest {
  static final String BTC = "BTC_USDC";
  static final String PERP = "BTC_USDC_PERP";
  static final Instant T0 = Instant.parse("2025-01-02T00:00:00Z");

  @TempDir Path dir;
  LiveEngineTest.MutableClock clock;
  ScriptedExchange venue;
  Calls strategy;

  /** A reading of the bar count, and the trades seen since the last bar. */
  record Reading(int bars, int trades, Instant asOf) implements Signal {}

  /** Reads every bar (count and trades) and wants 30 bars of warm-up. */
  static final class Counter implements SignalGenerator {
    int trades;

    @Override
    public Signal onBar(BarSeries bars) {
      int i = bars.size() - 1;
      Reading r = new Reading(bars.size(), trades, Instant.ofEpochMilli(bars.timeMillis(i)).plus(Duration.ofHours(1)));
      trades = 0;
      return r;
    }

    @Override
    public void onTrade(Trade trade) {
      trades++;
    }

    @Override
    public int warmUpBars() {
      return 30;
    }
  }

  /** Records callbacks as text. */
  static final class Calls implements Strategy {
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final CountDownLatch pushed = new CountDownLatch(1);
    volatile Reading atStart;

    @Override
    public void onStart(StrategyContext ctx) {
      atStart = ctx.signal(Reading.class);
    }

    @Override
    public void onBar(StrategyContext ctx) {
      seen.add("bar:" + ctx.bars().size());
    }

    @Override
    public void onSignal(StrategyContext ctx, Signal signal) {
      if (signal instanceof Reading r) {
        assertThat(ctx.signal(Reading.class)).isSameAs(r);
        seen.add("signal:" + r.bars() + "/" + r.trades());
      } else {
        seen.add("pushed:" + signal.asOf());
        pushed.countDown();
      }
    }
  }

  record Pushed(Instant asOf) implements Signal {}

  @BeforeEach
  void setUp() {
    clock = new LiveEngineTest.MutableClock(T0);
    venue = venue(clock);
    strategy = new Calls();
  }

  /** A venue listing {@link #BTC} (spot) and {@link #PERP} at 100 000 with 48 flat hourly bars before {@link #T0}. */
  static ScriptedExchange venue(java.time.Clock clock) {
    List<Bar> hourly = new ArrayList<>();
    for (int i = 48; i > 0; i--) {
      hourly.add(Bar.of(T0.minus(Duration.ofHours(i)), 100_000, 100_050, 99_950, 100_000, 3));
    }
    ScriptedExchange venue = new ScriptedExchange(clock, instrument(BTC, InstrumentKind.SPOT),
        new Ticker(BTC, new BigDecimal("100000"), new BigDecimal("99999.9"), new BigDecimal("100000.1"), T0), hourly);
    venue.fake.list(instrument(PERP, InstrumentKind.PERP),
        new Ticker(PERP, new BigDecimal("100000"), new BigDecimal("99999.9"), new BigDecimal("100000.1"), T0), hourly);
    return venue;
  }

  static Instrument instrument(String symbol, InstrumentKind kind) {
    return new Instrument(symbol, "BTC", "USDC", kind, new BigDecimal("0.1"), new BigDecimal("0.00001"),
        new BigDecimal("0.00001"));
  }

  Bot.Builder builder(String symbol) {
    return Bot.builder()
        .engine(EngineConfig.defaults("bot-test", symbol).withBars(Duration.ofHours(1), 10))
        .exchange(venue)
        .strategy(strategy)
        .store(dir.resolve("bot.db"))
        .clock(clock);
  }

  void bar(Bot bot, int hour) {
    clock.set(T0.plus(Duration.ofHours(hour)));
    venue.pushBar(BTC, Bar.of(T0.plus(Duration.ofHours(hour - 1)), 100_000, 100_010, 99_990, 100_000, 1));
    bot.status(); // a round trip through the engine thread: the bar has been handled
  }

  @Test
  void computedSignalsReachTheStrategyAtEachBarCloseBeforeItsOnBarAfterWarmingUpOnHistory() throws Exception {
    List<String> closed = new ArrayList<>();
    try (Bot bot = builder(BTC).signal(SignalFeed.computed("counter", Counter::new))
        .trades(sink -> {
          sink.accept(trade());
          sink.accept(trade());
          return () -> closed.add("trades");
        })
        .build()) {
      assertThat(bot.config().warmupBars()).as("raised to the generator's warm-up").isEqualTo(30);
      bot.start();
      // the warm-up bars ran through the generator: the reading is there, without an onSignal
      assertThat(strategy.atStart).isNotNull();
      assertThat(strategy.atStart.bars()).isEqualTo(30);
      bar(bot, 1);
      bot.offerTrade(trade());
      bar(bot, 2);
      assertThat(strategy.seen).containsExactly("signal:31/2", "bar:31", "signal:32/1", "bar:32");
    }
    assertThat(closed).containsExactly("trades");
  }

  @Test
  void polledAndStreamedFeedsReachTheStrategyOnTheEngineThreadAndStreamsCloseWithTheBot() throws Exception {
    AtomicReference<Consumer<? super Signal>> sink = new AtomicReference<>();
    List<String> closed = new ArrayList<>();
    Instant polledAt = T0.minusSeconds(60);
    try (Bot bot = builder(BTC)
        .signal(SignalFeed.streamed("push", s -> {
          sink.set(s);
          return () -> closed.add("push");
        }))
        .signal(SignalFeed.polled("poll", Duration.ofHours(1), () -> new Pushed(polledAt)))
        .build()) {
      bot.start();
      assertThat(strategy.pushed.await(10, TimeUnit.SECONDS)).isTrue();
      sink.get().accept(new Pushed(T0));
      bar(bot, 1);
      assertThat(strategy.seen).contains("pushed:" + polledAt, "pushed:" + T0);
    }
    assertThat(closed).containsExactly("push");
  }

  @Test
  void buildChecksEverythingBeforeItOpensTheStore() {
    Path db = dir.resolve("bot.db");
    assertThatThrownBy(() -> Bot.builder().engine(EngineConfig.defaults("b", BTC)).exchange(venue)
        .strategy(strategy).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("store");
    assertThatThrownBy(() -> builder(BTC).signal(SignalFeed.computed("broken", () -> {
      throw new ConfigException("period", "period must be > 0");
    })).build()).isInstanceOf(ConfigException.class).hasMessageContaining("period must be > 0");
    assertThatThrownBy(() -> builder(PERP).risk(RiskLimits.none().withMinLiquidationDistance(new BigDecimal("0.2")))
        .build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("maintenance-margin model")
        .hasMessageContaining(PERP);
    assertThatThrownBy(() -> builder("ETH_USDC").build()).isInstanceOf(RuntimeException.class);
    assertThat(Files.exists(db)).isFalse();
  }

  @Test
  void closeClosesWhatTheBotOwnsLastHandedFirstAndTheStoreItOpened() throws Exception {
    List<String> closed = new ArrayList<>();
    Bot bot = builder(BTC).owns(() -> closed.add("first")).owns(() -> closed.add("second")).build();
    bot.start();
    bot.close();
    bot.close();
    assertThat(closed).containsExactly("second", "first");
    assertThat(bot.awaitTermination(Duration.ZERO)).isTrue();
    assertThatThrownBy(bot::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aBotClosedWithoutStartingClosesWhatItOwns() {
    List<String> closed = new ArrayList<>();
    Bot bot = builder(BTC).owns(() -> closed.add("venue")).build();
    bot.close();
    assertThat(closed).containsExactly("venue");
    assertThat(bot.stopRequested()).isTrue();
  }

  static Trade trade() {
    return new Trade(BTC, new BigDecimal("100000"), new BigDecimal("0.01"), Side.BUY, null, T0);
  }
}
