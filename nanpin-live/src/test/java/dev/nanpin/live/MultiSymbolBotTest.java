package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.Bar;
import dev.nanpin.BarSeries;
import dev.nanpin.ConfigException;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Stateful;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.Ticker;
import dev.nanpin.UnknownSymbolException;
import dev.nanpin.risk.guard.PortfolioLimits;
import dev.nanpin.store.StateKind;
import dev.nanpin.store.StoredOrder;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bot of several symbols: one ladder per symbol on one engine thread, one store, one account. */
class MultiSymbolBotTest {
  static final String BTC = BotTest.BTC;
  static final String ETH = "ETH_USDC";

  @TempDir Path dir;
  LiveEngineTest.MutableClock clock;
  ScriptedExchange venue;

  /** Counts its bars (durable state) and, when asked, places one limit buy 2 % under the first close. */
  static final class Counting implements Strategy, Stateful {
    final boolean buys;
    int bars;
    final List<String> rejected = Collections.synchronizedList(new ArrayList<>());

    Counting(boolean buys) {
      this.buys = buys;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      bars++;
      if (buys && bars == 1) {
        ctx.submit(OrderIntent.limit(Side.BUY, ctx.price() * 0.98, Sizing.QUOTE, 500));
      }
    }

    @Override
    public void onOrderRejected(StrategyContext ctx, int orderId, String reason) {
      rejected.add(reason);
    }

    @Override
    public Map<String, String> saveState() {
      return Map.of("bars", Integer.toString(bars));
    }

    @Override
    public void restoreState(Map<String, String> state) {
      bars = Integer.parseInt(state.get("bars"));
    }
  }

  @BeforeEach
  void setUp() {
    clock = new LiveEngineTest.MutableClock(BotTest.T0);
    venue = BotTest.venue(clock);
    List<Bar> hourly = new ArrayList<>();
    for (int i = 48; i > 0; i--) {
      hourly.add(Bar.of(BotTest.T0.minus(Duration.ofHours(i)), 3_000, 3_010, 2_990, 3_000, 5));
    }
    venue.fake.list(new Instrument(ETH, "ETH", "USDC", InstrumentKind.SPOT, new BigDecimal("0.01"),
            new BigDecimal("0.0001"), new BigDecimal("0.0001")),
        new Ticker(ETH, new BigDecimal("3000"), new BigDecimal("2999.9"), new BigDecimal("3000.1"), BotTest.T0), hourly);
  }

  Bot.Builder builder(Strategy btc, Strategy eth) {
    return Bot.builder()
        .engine(EngineConfig.defaults("multi", BTC).withBars(Duration.ofHours(1), 10)
            .withStatus(dir.resolve("status.json"), Duration.ofHours(1)))
        .exchange(venue)
        .ladder(BTC, btc)
        .ladder(ETH, eth)
        .store(dir.resolve("bot.db"))
        .clock(clock);
  }

  void bar(Bot bot, String symbol, int hour, double price) {
    clock.set(BotTest.T0.plus(Duration.ofHours(hour)));
    venue.pushBar(symbol, Bar.of(BotTest.T0.plus(Duration.ofHours(hour - 1)), price, price, price, price, 1));
    bot.status(); // a round trip through the shared engine thread: the bar has been handled
  }

  @Test
  void everyLadderKeepsItsOwnStateAndIsRestoredOnItsOwnAfterARestart() throws Exception {
    Counting btc = new Counting(false);
    Counting eth = new Counting(false);
    try (Bot bot = builder(btc, eth).build()) {
      bot.start();
      for (int h = 1; h <= 3; h++) {
        bar(bot, BTC, h, 100_000);
      }
      for (int h = 1; h <= 5; h++) {
        bar(bot, ETH, h, 3_000);
      }
      assertThat(bot.symbols()).containsExactly(BTC, ETH);
      assertThat(bot.ladders()).extracting(EngineStatus::symbol).containsExactly(BTC, ETH);
      assertThat(bot.store().stateOwners(StateKind.STRATEGY)).contains("strategy@" + BTC, "strategy@" + ETH)
          .doesNotContain(LiveEngine.STRATEGY_OWNER);
    }
    assertThat(btc.bars).isEqualTo(3);
    assertThat(eth.bars).isEqualTo(5);

    Counting btc2 = new Counting(false);
    Counting eth2 = new Counting(false);
    try (Bot bot = builder(btc2, eth2).build()) {
      bot.start();
      assertThat(btc2.bars).isEqualTo(3);
      assertThat(eth2.bars).isEqualTo(5);
      bar(bot, ETH, 6, 3_000);
      assertThat(eth2.bars).isEqualTo(6);
      assertThat(btc2.bars).isEqualTo(3);
    }
  }

  @Test
  void thePortfolioLimitsAreCheckedBeforeEveryOrderAndTheStatusShowsEveryLadder() throws Exception {
    Counting btc = new Counting(true);
    Counting eth = new Counting(true);
    try (Bot bot = builder(btc, eth).portfolioLimits(PortfolioLimits.none().withMaxActiveLadders(1))
        .http(new java.net.InetSocketAddress("127.0.0.1", 0), null).build()) {
      bot.start();
      bar(bot, BTC, 1, 100_000);
      bar(bot, ETH, 1, 3_000);
      List<StoredOrder> open = bot.store().openOrders();
      assertThat(open).extracting(StoredOrder::symbol).containsExactly(BTC);
      assertThat(btc.rejected).isEmpty();
      assertThat(eth.rejected).singleElement().asString().startsWith("MAX_ACTIVE_LADDERS")
          .contains("while 1 are active [" + BTC + "], limit 1");

      PortfolioStatus p = bot.portfolio().orElseThrow();
      assertThat(p.activeLadders()).isEqualTo(1);
      // the resting buy: 500 quote at 98 000, on BTC's 0.00001 step
      assertThat(p.capitalInUse()).isCloseTo(500, org.assertj.core.data.Offset.offset(1.0));
      assertThat(p.ladders()).extracting(EngineStatus::symbol).containsExactly(BTC, ETH);
      assertThat(p.ladders()).extracting(EngineStatus::openOrders).containsExactly(1, 0);
      assertThat(p.equity()).isEqualTo(10_000);
      assertThat(p.toJson()).startsWith("{\"bot\":\"multi\"").contains("\"activeLadders\":1")
          .contains("\"symbol\":\"" + ETH + "\"");

      java.net.InetSocketAddress at = bot.httpAddress().orElseThrow();
      java.net.http.HttpResponse<String> api = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + at.getPort() + "/api/status"))
              .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(api.body()).contains("\"portfolio\":{\"bot\":\"multi\"").contains("\"activeLadders\":1")
          .contains("\"symbol\":\"" + ETH + "\"");
    }
    String file = Files.readString(dir.resolve("status.json"));
    assertThat(file).contains("\"ladders\":[").contains("\"symbol\":\"" + BTC + "\"")
        .contains("\"symbol\":\"" + ETH + "\"");
  }

  /** Records, at each of its bars, what it sees of the other symbol: "own open -> other's last visible open (count)". */
  static final class Watching implements Strategy {
    final String other;
    final List<String> seen = Collections.synchronizedList(new ArrayList<>());
    final List<Object> errors = Collections.synchronizedList(new ArrayList<>());

    Watching(String other) {
      this.other = other;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      BarSeries own = ctx.bars();
      BarSeries o = ctx.bars(other);
      seen.add(hour(own.timeMillis(own.size() - 1)) + "->" + hour(o.timeMillis(o.size() - 1)) + " (" + o.size() + ")");
      errors.add(ctx.symbols());
      try {
        ctx.bars("SOL_USDC");
      } catch (UnknownSymbolException e) {
        errors.add(e.symbol() + " " + e.symbols());
      }
    }

    private static long hour(long millis) {
      return Duration.between(BotTest.T0, java.time.Instant.ofEpochMilli(millis)).toHours();
    }
  }

  @Test
  void aLadderSeesTheOtherSymbolsBarsOnlyOnceTheyClosedBeforeItsOwnBarClosed() throws Exception {
    Watching btc = new Watching(ETH);
    Watching eth = new Watching(BTC);
    try (Bot bot = builder(btc, eth).build()) {
      bot.start();
      // hour 1: BTC's bar is heard first, then ETH's; both close at T0 + 1 h
      bar(bot, BTC, 1, 100_000);
      bar(bot, ETH, 1, 3_000);
      // hour 2: the other order
      bar(bot, ETH, 2, 3_010);
      bar(bot, BTC, 2, 100_100);
    }
    // bar "h" here is the bar opening at T0 + h hours; the warm-up's last bar opens at -1
    // ETH's bar 0 closes at the same instant as BTC's: neither sees the other's, whatever the order
    assertThat(btc.seen).containsExactly("0->-1 (10)", "1->0 (11)");
    assertThat(eth.seen).containsExactly("0->-1 (10)", "1->0 (11)");
    assertThat(btc.errors).containsExactly(List.of(BTC, ETH), "SOL_USDC [" + BTC + ", " + ETH + "]",
        List.of(BTC, ETH), "SOL_USDC [" + BTC + ", " + ETH + "]");
  }

  @Test
  void aMultiSymbolBotTakesItsStrategiesPerSymbolAndEachLadderItsOwnInstance() {
    Counting shared = new Counting(false);
    assertThatThrownBy(() -> Bot.builder().ladder(BTC, shared).ladder(ETH, shared))
        .isInstanceOf(ConfigException.class).hasMessageContaining("same strategy instance");
    assertThatThrownBy(() -> Bot.builder().ladder(BTC, shared).ladder(BTC, new Counting(false)))
        .isInstanceOf(ConfigException.class).hasMessageContaining("listed twice");
    assertThatThrownBy(() -> builder(new Counting(false), new Counting(false)).strategy(new Counting(false)).build())
        .isInstanceOf(ConfigException.class).hasMessageContaining("per symbol");
    assertThatThrownBy(() -> Bot.builder().engine(EngineConfig.defaults("single", BTC)).exchange(venue)
        .strategy(shared).store(dir.resolve("single.db")).portfolioLimits(PortfolioLimits.none().withMaxActiveLadders(1))
        .build()).isInstanceOf(ConfigException.class).hasMessageContaining("multi-symbol");
  }

  /** Records the signals it hears. */
  static final class Listening implements Strategy {
    final List<java.time.Instant> heard = Collections.synchronizedList(new ArrayList<>());
    final java.util.concurrent.CountDownLatch first = new java.util.concurrent.CountDownLatch(1);

    @Override
    public void onBar(StrategyContext ctx) {}

    @Override
    public void onSignal(StrategyContext ctx, dev.nanpin.Signal signal) {
      heard.add(signal.asOf());
      first.countDown();
    }
  }

  @Test
  void aPolledFeedIsPolledOncePerTickForTheWholeBotAndItsAnswerReachesEveryLadder() throws Exception {
    java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
    Listening btc = new Listening();
    Listening eth = new Listening();
    // one tick in the test's time: the poll at start, the next an hour of wall time away
    try (Bot bot = builder(btc, eth).signal(dev.nanpin.SignalFeed.polled("counting", Duration.ofHours(1),
        () -> new BotTest.Pushed(BotTest.T0.plusSeconds(polls.incrementAndGet())))).build()) {
      bot.start();
      assertThat(btc.first.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(eth.first.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      bot.status(); // a round trip through the engine thread: nothing more is queued
    }
    assertThat(polls).hasValue(1);
    assertThat(btc.heard).containsExactly(BotTest.T0.plusSeconds(1));
    assertThat(eth.heard).containsExactly(BotTest.T0.plusSeconds(1));
  }

  /** Buys at its first bar; at its second, asks for more (adds risk) and for a reduce-only take-profit. */
  static final class AddsThenReduces implements Strategy {
    int bars;
    final List<String> rejected = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void onBar(StrategyContext ctx) {
      bars++;
      if (bars == 1) {
        ctx.submit(OrderIntent.limit(Side.BUY, ctx.price() * 0.98, Sizing.QUOTE, 500));
      } else if (bars == 2) {
        ctx.submit(OrderIntent.limit(Side.BUY, ctx.price() * 0.97, Sizing.QUOTE, 500));
        ctx.submit(OrderIntent.limit(Side.SELL, ctx.price() * 1.05, Sizing.POSITION_FRACTION, 1).asReduceOnly());
      }
    }

    @Override
    public void onOrderRejected(StrategyContext ctx, int orderId, String reason) {
      rejected.add(reason);
    }
  }

  /** Fails at its second bar, as a strategy with a bug (or a store that broke under it) does. */
  static final class FailsAtSecondBar implements Strategy {
    int bars;

    @Override
    public void onBar(StrategyContext ctx) {
      if (++bars == 2) {
        throw new IllegalStateException("state of " + ETH + " is corrupt");
      }
    }
  }

  @Test
  void aFailedLadderStopsAloneTheOthersOnlyReduceRiskAndEveryFaceNamesIt() throws Exception {
    AddsThenReduces btc = new AddsThenReduces();
    try (Bot bot = builder(btc, new FailsAtSecondBar())
        .http(new java.net.InetSocketAddress("127.0.0.1", 0), null).build()) {
      bot.start();
      bar(bot, BTC, 1, 100_000);
      bar(bot, ETH, 1, 3_000);
      StoredOrder buy = bot.store().openOrders().get(0);
      venue.fake.fill(buy.exchangeOrderId(), buy.quantity(), buy.limitPrice());
      bot.status();
      assertThat(bot.ladders().get(0).positionQuantity()).isPositive();

      bar(bot, ETH, 2, 3_000); // the ETH ladder fails
      assertThat(bot.failures()).containsOnlyKeys(ETH);
      assertThat(bot.failure()).hasMessageContaining("corrupt");
      List<EngineStatus> ladders = bot.ladders();
      assertThat(ladders).extracting(EngineStatus::state).containsExactly("running", "failed");
      assertThat(ladders.get(1).failure()).isEqualTo("IllegalStateException: state of " + ETH + " is corrupt");
      assertThat(ladders.get(0).failure()).isNull();

      // BTC goes on: its new risk is refused, naming the failed ladder; its take-profit is placed
      bar(bot, BTC, 2, 100_000);
      assertThat(btc.bars).isEqualTo(2);
      assertThat(btc.rejected).singleElement().asString().startsWith("LADDER_FAILED: ladder " + ETH + " failed")
          .contains("corrupt");
      assertThat(bot.store().openOrders()).singleElement().satisfies(o -> {
        assertThat(o.symbol()).isEqualTo(BTC);
        assertThat(o.side()).isEqualTo(Side.SELL);
      });

      java.net.InetSocketAddress at = bot.httpAddress().orElseThrow();
      java.net.http.HttpResponse<String> health = java.net.http.HttpClient.newHttpClient().send(
          java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + at.getPort() + "/health"))
              .timeout(Duration.ofSeconds(30)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"DEGRADED\"").contains("\"symbol\":\"" + ETH + "\"")
          .contains("is corrupt");
      assertThat(BotHttpServer.notReadyBecause(bot)).contains(ETH + ": engine failed: IllegalStateException: state of "
          + ETH + " is corrupt", "a ladder failed: no ladder adds risk until the bot is restarted");
      assertThat(bot.portfolio().orElseThrow().toJson()).contains("\"failure\":\"IllegalStateException");
      assertThat(bot.awaitTermination(Duration.ZERO)).as("the bot runs on").isFalse();
    }
    assertThat(Files.readString(dir.resolve("status.json"))).contains("\"state\":\"failed\"")
        .contains("is corrupt");
  }

  @Test
  void theBotStopsWhenEveryLadderHasFailed() throws Exception {
    try (Bot bot = builder(new FailsAtSecondBar(), new FailsAtSecondBar()).build()) {
      bot.start();
      for (int h = 1; h <= 2; h++) {
        bar(bot, BTC, h, 100_000);
      }
      assertThat(bot.awaitTermination(Duration.ZERO)).isFalse();
      clock.set(BotTest.T0.plus(Duration.ofHours(2)));
      venue.pushBar(ETH, Bar.of(BotTest.T0, 3_000, 3_000, 3_000, 3_000, 1));
      venue.pushBar(ETH, Bar.of(BotTest.T0.plus(Duration.ofHours(1)), 3_000, 3_000, 3_000, 3_000, 1));
      assertThat(bot.awaitTermination(Duration.ofSeconds(30))).isTrue();
      assertThat(bot.failures()).containsOnlyKeys(BTC, ETH);
      assertThat(bot.ladders()).extracting(EngineStatus::state).containsExactly("failed", "failed");
    }
  }

  @Test
  void aBotOfTwoSymbolsOnAPaperMirrorOfTheVenueTradesOneSharedPaperPool() throws Exception {
    List<dev.nanpin.live.paper.PaperConfig> accounts = new ArrayList<>();
    for (String symbol : List.of(BTC, ETH)) {
      accounts.add(new dev.nanpin.live.paper.PaperConfig(venue.instrument(symbol), new BigDecimal("1"), 0.0002,
          0.0005, 0, 1));
    }
    dev.nanpin.live.paper.PaperPortfolio paper = dev.nanpin.live.paper.PaperPortfolio.mirror(new BigDecimal("10000"),
        accounts, venue, dir.resolve("bot.db.paper"));
    Counting btc = new Counting(true);
    Counting eth = new Counting(true);
    try (Bot bot = Bot.builder()
        .engine(EngineConfig.defaults("multi", BTC).withBars(Duration.ofHours(1), 10))
        .exchange(paper).ladder(BTC, btc).ladder(ETH, eth).store(dir.resolve("bot.db")).clock(clock).build()) {
      bot.start();
      bar(bot, BTC, 1, 100_000); // each ladder rests a 500-quote buy 2 % under the close, on paper
      bar(bot, ETH, 1, 3_000);
      assertThat(paper.openOrders(null)).hasSize(2);
      // the venue's next bars trade through both buys: the paper fills them, the venue saw no order
      clock.set(BotTest.T0.plus(Duration.ofHours(2)));
      venue.pushBar(BTC, Bar.of(BotTest.T0.plus(Duration.ofHours(1)), 100_000, 100_000, 97_000, 99_000, 1));
      venue.pushBar(ETH, Bar.of(BotTest.T0.plus(Duration.ofHours(1)), 3_000, 3_000, 2_900, 2_950, 1));
      bot.status();
      assertThat(venue.placed).isEmpty();
      assertThat(bot.ladders()).extracting(EngineStatus::positionQuantity).allMatch(q -> q > 0);
      assertThat(bot.store().fillsSince(java.time.Instant.EPOCH)).extracting(dev.nanpin.Fill::symbol)
          .containsExactlyInAnyOrder(BTC, ETH);
      // one pool: both buys (about 500 each, maker fee 2 bps) came out of the same 10,000
      double spent = bot.store().fillsSince(java.time.Instant.EPOCH).stream()
          .mapToDouble(f -> f.quantity().doubleValue() * f.price().doubleValue() + f.fee().doubleValue()).sum();
      assertThat(spent).isBetween(990.0, 1_000.0);
      assertThat(paper.balances().get(0).available().doubleValue())
          .isCloseTo(10_000 - spent, org.assertj.core.data.Offset.offset(1e-6));
      assertThat(bot.portfolio().orElseThrow().cash()).isCloseTo(10_000 - spent,
          org.assertj.core.data.Offset.offset(1e-6));
    }
    assertThat(Files.exists(dir.resolve("bot.db.paper." + BTC))).isTrue();
  }
}
