package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Bar;
import dev.nanpin.Execution;
import dev.nanpin.Fill;
import dev.nanpin.Instrument;
import dev.nanpin.InstrumentKind;
import dev.nanpin.Order;
import dev.nanpin.OrderIntent;
import dev.nanpin.OrderStatus;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Stateful;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.Ticker;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.store.AuditEntry;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.StateStore;
import dev.nanpin.store.StoreOptions;
import dev.nanpin.store.StoredOrder;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveEngineTest {
  static final String BTC = "BTC_USDC";
  static final Instant T0 = Instant.parse("2025-01-02T00:00:00Z");

  @TempDir Path dir;
  MutableClock clock;
  ScriptedExchange venue;
  StateStore store;
  Recorder strategy;
  LiveEngine engine;
  List<String> notified = new ArrayList<>();

  @BeforeEach
  void setUp() {
    clock = new MutableClock(T0);
    Instrument btc = new Instrument(BTC, "BTC", "USDC", InstrumentKind.SPOT,
        new BigDecimal("0.1"), new BigDecimal("0.00001"), new BigDecimal("0.00001"));
    List<Bar> hourly = new ArrayList<>();
    for (int i = 24; i > 0; i--) {
      hourly.add(Bar.of(T0.minus(Duration.ofHours(i)), 100_000, 100_050, 99_950, 100_000, 3));
    }
    venue = new ScriptedExchange(clock, btc, new Ticker(BTC, new BigDecimal("100000"), new BigDecimal("99999.9"),
        new BigDecimal("100000.1"), T0), hourly);
    store = StateStore.open(dir.resolve("bot.db"), StoreOptions.defaults().withClock(clock));
    strategy = new Recorder();
  }

  @AfterEach
  void tearDown() throws InterruptedException {
    if (engine != null) {
      engine.close();
      engine.awaitTermination(Duration.ofSeconds(10));
    }
    store.close();
  }

  LiveEngine start() {
    EngineConfig cfg = EngineConfig.defaults("test", BTC).withBars(Duration.ofHours(1), 24)
        .withStatus(dir.resolve("status.json"), Duration.ofHours(1));
    engine = new LiveEngine(cfg, venue, strategy, null, RiskGuard.of(RiskLimits.none()), store, clock,
        (event, fields) -> notified.add(event));
    engine.start();
    return engine;
  }

  void bar(int hour, double close) throws InterruptedException {
    clock.set(T0.plus(Duration.ofHours(hour)));
    venue.pushBar(BTC, Bar.of(T0.plus(Duration.ofHours(hour - 1)), close, close + 10, close - 10, close, 1));
    engine.flush();
  }

  static OrderIntent limitBuy(double price, double qty, int tag) {
    return OrderIntent.limit(Side.BUY, price, Sizing.BASE, qty).withTag(tag);
  }

  List<AuditEntry> audits(String action) {
    return store.auditLog(1000).stream().filter(a -> a.action().equals(action)).toList();
  }

  @Test
  void cashFractionOnAPerpSpendsTheFreeMarginOnMarginAndFeeAtLeverageFive() throws Exception {
    Instrument perp = new Instrument(BTC, "BTC", "USDC", InstrumentKind.PERP, new BigDecimal("0.1"),
        new BigDecimal("0.00001"), new BigDecimal("0.00001"));
    List<Bar> hourly = new ArrayList<>();
    for (int i = 24; i > 0; i--) {
      hourly.add(Bar.of(T0.minus(Duration.ofHours(i)), 100_000, 100_050, 99_950, 100_000, 3));
    }
    venue = new ScriptedExchange(clock, perp, new Ticker(BTC, new BigDecimal("100000"), new BigDecimal("99999.9"),
        new BigDecimal("100000.1"), T0), hourly);
    strategy.leverage = 5;
    start();
    strategy.next.add(OrderIntent.limit(Side.BUY, 99_000, Sizing.CASH_FRACTION, 1.0));
    bar(1, 100_000);

    double free = venue.account().freeMargin().doubleValue();
    double fee = EngineConfig.defaults("test", BTC).makerFeeRate();
    BigDecimal q = venue.placed.get(0).quantity();
    assertThat(q).isEqualByComparingTo(dev.nanpin.engine.Rounding.quantity(perp,
        dev.nanpin.engine.OrderSizing.cashFraction(1.0, 99_000, fee, true, 5, free)));
    double needed = q.doubleValue() * 99_000 / 5 + q.doubleValue() * 99_000 * fee;
    assertThat(needed).isLessThanOrEqualTo(free).isGreaterThan(free * 0.999);
  }

  @Test
  void theBarsAccountReadServesTheAffordabilityCheckUntilTheAccountChanges() throws Exception {
    start();
    for (int hour = 1; hour <= 3; hour++) {
      int reads = venue.accountReads.get();
      int reconciliations = audits("RECONCILE").size();
      strategy.next.add(limitBuy(99_000 - hour * 1_000, 0.01, hour));
      bar(hour, 100_000);
      // the bar's read (and a reconciliation's, when one is due), and none for the check of the
      // opening limit order placed in the bar: the order sent on the bar before made the account
      // stale, and the bar's read made it current again
      assertThat(venue.accountReads.get() - reads)
          .as("account reads in bar %d", hour)
          .isEqualTo(1 + audits("RECONCILE").size() - reconciliations);
    }
    assertThat(strategy.ids).containsExactly(1, 2, 3);
    assertThat(venue.placed).hasSize(3);
  }

  @Test
  void orderPathRecordsSendingBeforeItSends() throws Exception {
    AtomicReference<OrderState> atSend = new AtomicReference<>();
    venue.beforePlace = r -> atSend.set(store.order(r.clientId()).orElseThrow().state());
    start();
    strategy.next.add(limitBuy(99_000.04, 0.01, 3));
    bar(1, 100_000);

    assertThat(atSend.get()).isEqualTo(OrderState.SENDING);
    assertThat(strategy.ids).containsExactly(1);
    StoredOrder so = store.order(1).orElseThrow();
    assertThat(so.state()).isEqualTo(OrderState.NEW);
    assertThat(so.exchangeOrderId()).isNotNull();
    assertThat(so.tag()).isEqualTo(3);
    assertThat(so.limitPrice()).isEqualByComparingTo("99000.0"); // a buy rounds down to the tick
    assertThat(venue.placed).hasSize(1);
    assertThat(store.statusHistory(1)).extracting(c -> c.state()).containsExactly(OrderState.SENDING, OrderState.NEW);
  }

  @Test
  void partialFillsReachTheStrategyOnceEachAndCompleteTheOrder() throws Exception {
    start();
    strategy.next.add(limitBuy(99_000, 1.0, 1));
    bar(1, 100_000);
    String id = store.order(1).orElseThrow().exchangeOrderId();

    venue.fake.fill(id, new BigDecimal("0.4"), new BigDecimal("99000"));
    engine.flush();
    assertThat(store.order(1).orElseThrow().state()).isEqualTo(OrderState.PARTIALLY_FILLED);
    venue.fake.fill(id, new BigDecimal("0.6"), new BigDecimal("99000"));
    engine.flush();

    assertThat(strategy.fills).containsExactly("1:0.4:false", "1:0.6:true");
    assertThat(store.order(1).orElseThrow().state()).isEqualTo(OrderState.FILLED);
    assertThat(store.order(1).orElseThrow().filledQuantity()).isEqualByComparingTo("1.0");
    assertThat(engine.status().positionQuantity()).isEqualTo(1.0);
    assertThat(engine.status().entryCount()).isEqualTo(2);
    assertThat(notified).containsExactly("fill", "fill");
  }

  @Test
  void aRepeatedFillEventIsAppliedOnce() throws Exception {
    start();
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);
    Fill f = venue.fake.fill(store.order(1).orElseThrow().exchangeOrderId(), new BigDecimal("0.5"),
        new BigDecimal("99000"));
    venue.replayFill(f);
    venue.replayFill(f);
    engine.flush();

    assertThat(strategy.fills).hasSize(1);
    assertThat(store.fillCount()).isEqualTo(1);
    assertThat(engine.status().positionQuantity()).isEqualTo(0.5);
  }

  @Test
  void fillsMissedWhileTheStreamWasDownAreCaughtByRest() throws Exception {
    start();
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);
    venue.streamDown = true;
    venue.fake.fill(store.order(1).orElseThrow().exchangeOrderId(), new BigDecimal("0.5"), new BigDecimal("99000"));
    engine.flush();
    assertThat(strategy.fills).isEmpty();

    venue.streamDown = false;
    venue.reconnect();
    engine.flush();

    assertThat(strategy.fills).containsExactly("1:0.5:true");
    assertThat(store.order(1).orElseThrow().state()).isEqualTo(OrderState.FILLED);
    assertThat(audits("APPLY_MISSED_FILL")).hasSize(1).allMatch(AuditEntry::changed);
    assertThat(audits("CORRECT_POSITION")).isEmpty();
  }

  @Test
  void anOrderCallThatTimesOutAfterTheVenueAcceptedItLeavesExactlyOneOrder() throws Exception {
    venue.timeoutAfterAccept = true;
    start();
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);
    venue.timeoutAfterAccept = false;
    bar(2, 100_000);
    engine.reconcileNow();

    assertThat(venue.placed).hasSize(1);
    assertThat(venue.fake.openOrders(BTC)).hasSize(1);
    StoredOrder so = store.order(1).orElseThrow();
    assertThat(so.state()).isEqualTo(OrderState.NEW);
    assertThat(so.exchangeOrderId()).isEqualTo(venue.fake.openOrders(BTC).get(0).orderId());
    assertThat(audits("RESOLVE_SENDING")).hasSize(1);
    assertThat(strategy.rejected).isEmpty();
  }

  @Test
  void anOrderWithUnknownOutcomeIsNeverResentAndBlocksNewOrdersUntilResolved() throws Exception {
    start();
    venue.outcomeUnknownAfterAccept = true;
    venue.lookupsFail = true;
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);
    assertThat(engine.status().unresolvedOrders()).isEqualTo(1);
    assertThat(engine.status().toJson()).contains("\"unresolvedOrders\":1").contains("\"venueCircuit\":\"CLOSED\"");

    strategy.next.add(limitBuy(98_000, 0.5, 2));
    bar(2, 100_000);
    assertThat(strategy.ids).containsExactly(1, -1); // refused: the first order may exist
    assertThat(venue.placed).hasSize(1);             // and the first was never sent again

    venue.outcomeUnknownAfterAccept = false;
    venue.lookupsFail = false;
    engine.reconcileNow();
    assertThat(store.order(1).orElseThrow().state()).isEqualTo(OrderState.NEW);
    assertThat(engine.status().unresolvedOrders()).isZero();
    strategy.next.add(limitBuy(98_000, 0.5, 3));
    bar(3, 100_000);
    assertThat(venue.placed).hasSize(2);
    assertThat(venue.fake.openOrders(BTC)).hasSize(2);
  }

  @Test
  void afterARestartTheStrategyStateComesBackAndNoFillIsAppliedTwice() throws Exception {
    start();
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);
    Fill f = venue.fake.fill(store.order(1).orElseThrow().exchangeOrderId(), new BigDecimal("0.5"),
        new BigDecimal("99000"));
    engine.flush();
    engine.close();
    assertThat(engine.awaitTermination(Duration.ofSeconds(10))).isTrue();
    assertThat(engine.failure()).isNull();
    assertThat(Files.readString(dir.resolve("status.json"))).contains("\"state\":\"stopped\"");

    strategy = new Recorder();
    start();
    venue.replayFill(f);
    engine.flush();

    assertThat(strategy.restoredFills).isEqualTo(1);
    assertThat(strategy.fills).isEmpty();
    assertThat(engine.status().positionQuantity()).isEqualTo(0.5);
    assertThat(engine.status().entryCount()).isEqualTo(1);
  }

  @Test
  void reconciliationAdoptsAVenueOrderCarryingOurClientId() throws Exception {
    start();
    long cid = store.allocateClientId(); // allocated by us, then the record was lost
    venue.fake.placeOrder(dev.nanpin.OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.1"),
        new BigDecimal("98000"), cid));
    venue.fake.placeOrder(dev.nanpin.OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.1"),
        new BigDecimal("97000"), 999)); // not an id we allocated: left alone
    engine.reconcileNow();

    assertThat(store.order(cid)).get().extracting(StoredOrder::state).isEqualTo(OrderState.NEW);
    assertThat(store.order(999)).isEmpty();
    assertThat(audits("ADOPT_ORDER")).singleElement().satisfies(a -> {
      assertThat(a.changed()).isTrue();
      assertThat(a.subject()).isEqualTo("order " + cid);
    });
  }

  @Test
  void reconciliationFailsASendingOrderOnlyAfterTheSigningWindow() throws Exception {
    start();
    long cid = store.allocateClientId();
    store.recordSending(dev.nanpin.OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.1"),
        new BigDecimal("98000"), cid), 2);
    engine.reconcileNow();
    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.SENDING);
    assertThat(audits("WAIT_SENDING")).singleElement().satisfies(a -> assertThat(a.changed()).isFalse());

    clock.set(T0.plus(Duration.ofSeconds(61)));
    engine.reconcileNow();

    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.FAILED);
    assertThat(audits("FAIL_SENDING")).singleElement().satisfies(a -> assertThat(a.changed()).isTrue());
    assertThat(strategy.rejected).containsExactly((int) cid);
    assertThat(venue.placed).isEmpty();
  }

  @Test
  void aSendingOrderLeftByAnEarlierProcessGetsAWholeSigningWindowAfterTheRestart() throws Exception {
    long cid = store.allocateClientId();
    store.recordSending(dev.nanpin.OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.1"),
        new BigDecimal("98000"), cid), 2); // recorded at T0, then the process died
    clock.set(T0.plus(Duration.ofSeconds(100)));
    start(); // the old process may have signed it up to its death, so it may still arrive until start + 60 s
    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.SENDING);

    clock.set(T0.plus(Duration.ofSeconds(150)));
    engine.reconcileNow();
    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.SENDING);
    clock.set(T0.plus(Duration.ofSeconds(161)));
    engine.reconcileNow();
    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.FAILED);
    assertThat(audits("WAIT_SENDING")).hasSize(2);
  }

  @Test
  void aSendingOrderLeftByAKilledProcessBlocksNewOrdersUntilItIsResolvedByClientId() throws Exception {
    long cid = store.allocateClientId();
    store.recordSending(dev.nanpin.OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.1"),
        new BigDecimal("98000"), cid), 2); // recorded at T0, then the process was killed before the send
    start();
    assertThat(engine.status().unresolvedOrders()).isEqualTo(1);
    assertThat(engine.status().toJson()).contains("\"unresolvedOrders\":1");

    // within the signing window the old process's request may still reach the venue: no new order
    clock.set(T0.plusSeconds(30));
    strategy.next.add(limitBuy(97_000, 0.1, 3));
    venue.pushBar(BTC, Bar.of(T0, 100_000, 100_010, 99_990, 100_000, 1));
    engine.flush();
    assertThat(strategy.ids).containsExactly(-1);
    assertThat(venue.placed).isEmpty();
    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.SENDING);

    // the next bar, past the window: the lookup by client id settles it before the strategy runs
    strategy.next.add(limitBuy(97_000, 0.1, 3));
    bar(2, 100_000);
    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.FAILED);
    assertThat(audits("FAIL_SENDING")).hasSize(1);
    assertThat(strategy.rejected).contains((int) cid);
    assertThat(engine.status().unresolvedOrders()).isZero();
    assertThat(strategy.ids).hasSize(2).last().isNotEqualTo(-1);
    assertThat(venue.placed).hasSize(1);
  }

  @Test
  void aSendingOrderOfAKilledProcessThatTheVenueHasIsResolvedAtStartAndBlocksNothing() throws Exception {
    long cid = store.allocateClientId();
    dev.nanpin.OrderRequest request = dev.nanpin.OrderRequest.limit(BTC, Side.BUY, new BigDecimal("0.1"),
        new BigDecimal("98000"), cid);
    store.recordSending(request, 2);
    venue.fake.placeOrder(request); // sent, then the process was killed before it recorded the answer
    start();
    assertThat(store.order(cid).orElseThrow().state()).isEqualTo(OrderState.NEW);
    assertThat(engine.status().unresolvedOrders()).isZero();
    assertThat(audits("RESOLVE_SENDING")).singleElement().satisfies(a -> assertThat(a.changed()).isTrue());

    strategy.next.add(limitBuy(97_000, 0.1, 3));
    bar(1, 100_000);
    assertThat(strategy.ids).singleElement().isNotEqualTo(-1);
    assertThat(venue.fake.openOrders(BTC)).hasSize(2);
    assertThat(venue.placed).hasSize(1); // the killed process's order was never sent again
  }

  @Test
  void aVenueOutageDuringReconciliationIsRetriedNotFatal() throws Exception {
    start();
    venue.failFills = true;
    venue.reconnect();
    engine.flush();
    assertThat(engine.failure()).isNull();
    assertThat(audits("RECONCILE_FAILED")).singleElement().satisfies(a -> assertThat(a.changed()).isFalse());

    venue.failFills = false;
    engine.reconcileNow();
    assertThat(engine.status().state()).isEqualTo("running");
  }

  @Test
  void reconciliationBringsAStoredOrderToTheVenueState() throws Exception {
    start();
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);
    venue.streamDown = true;
    venue.fake.cancelOrder(BTC, store.order(1).orElseThrow().exchangeOrderId());
    engine.reconcileNow();

    assertThat(store.order(1).orElseThrow().state()).isEqualTo(OrderState.CANCELLED);
    assertThat(audits("UPDATE_ORDER")).singleElement().satisfies(a -> assertThat(a.changed()).isTrue());
  }

  @Test
  void reconciliationCorrectsAPositionMismatchToTheVenueView() throws Exception {
    start();
    venue.baseOverride = new BigDecimal("0.25");
    engine.reconcileNow();

    assertThat(engine.status().positionQuantity()).isEqualTo(0.25);
    assertThat(audits("CORRECT_POSITION")).singleElement().satisfies(a -> {
      assertThat(a.changed()).isTrue();
      assertThat(a.detail()).contains("ledger 0,").contains("venue 0.25");
    });
    assertThat(store.latestPosition(BTC)).get().extracting(p -> p.quantity()).isEqualTo(new BigDecimal("0.25"));
  }

  @Test
  void aRiskLimitRefusesBeforeAnythingIsRecorded() throws Exception {
    EngineConfig cfg = EngineConfig.defaults("test", BTC).withBars(Duration.ofHours(1), 24);
    engine = new LiveEngine(cfg, venue, strategy, null,
        RiskGuard.of(RiskLimits.none().withMaxOrderNotional(new BigDecimal("1000"))), store, clock, Notifier.NONE);
    engine.start();
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);

    assertThat(strategy.ids).containsExactly(-1);
    assertThat(strategy.rejected).containsExactly(-1);
    assertThat(store.recentOrders(10)).isEmpty();
    assertThat(venue.placed).isEmpty();
  }

  @Test
  void aLimitOrderBeforeTheFirstPriceIsRiskCheckedAtItsOwnPrice() throws Exception {
    // no warm-up bars, as on a paper replay with historyBars 0 or a restart before the next bar: the
    // engine has no price yet when the strategy (or a fill caught up at start) places a limit order
    EngineConfig cfg = EngineConfig.defaults("test", BTC).withBars(Duration.ofHours(1), 0);
    strategy.onStartIntent = limitBuy(99_000, 0.5, 1);
    engine = new LiveEngine(cfg, venue, strategy, null,
        RiskGuard.of(RiskLimits.none().withMaxPositionNotional(new BigDecimal("60000"))), store, clock, Notifier.NONE);
    engine.start();
    engine.flush();

    assertThat(engine.failure()).isNull();
    assertThat(strategy.ids).containsExactly(1);
    assertThat(store.order(1).orElseThrow().state()).isEqualTo(OrderState.NEW);
  }

  @Test
  void shutdownCancelsRestingOrdersWhenAskedAndRefusesNewIntents() throws Exception {
    EngineConfig cfg = EngineConfig.defaults("test", BTC).withBars(Duration.ofHours(1), 24).withCancelOnShutdown(true);
    engine = new LiveEngine(cfg, venue, strategy, null, RiskGuard.of(RiskLimits.none()), store, clock, Notifier.NONE);
    engine.start();
    strategy.next.add(limitBuy(99_000, 0.5, 1));
    bar(1, 100_000);
    strategy.onStopIntent = limitBuy(98_000, 0.5, 2);
    engine.close();
    assertThat(engine.awaitTermination(Duration.ofSeconds(10))).isTrue();

    assertThat(venue.fake.openOrders(BTC)).isEmpty();
    assertThat(store.order(1).orElseThrow().state()).isEqualTo(OrderState.CANCELLED);
    assertThat(store.openOrders()).isEmpty();
    assertThat(strategy.ids).containsExactly(1, -1);
    assertThat(venue.fake.orderByClientId(BTC, 1)).get().extracting(Order::status).isEqualTo(OrderStatus.CANCELLED);
  }

  @Test
  void fillsThatArriveTogetherAreAllAppliedBeforeTheFirstOnFill() throws Exception {
    start();
    strategy.next.add(limitBuy(99_000, 0.1, 1));
    strategy.next.add(limitBuy(98_000, 0.1, 2));
    strategy.next.add(limitBuy(97_000, 0.1, 3));
    bar(1, 100_000);
    List<String> ids = List.of(1L, 2L, 3L).stream().map(c -> store.order(c).orElseThrow().exchangeOrderId()).toList();

    strategy.hold = new java.util.concurrent.CountDownLatch(1);
    engine.offerSignal(new dev.nanpin.Sentiment(dev.nanpin.Sentiment.FEAR_GREED, 50, T0)); // the loop waits in onSignal
    for (String id : ids) { // a gap through three levels: the venue reports three fills at once
      venue.fake.fill(id, new BigDecimal("0.1"), new BigDecimal("96000"));
    }
    strategy.hold.countDown();
    engine.flush();

    assertThat(strategy.fills).containsExactly("1:0.1:true", "2:0.1:true", "3:0.1:true");
    assertThat(strategy.positionsHeard).hasSize(3).allSatisfy(p ->
        assertThat(p).isCloseTo(0.3, org.assertj.core.api.Assertions.within(1e-12)));
  }

  @Test
  void polledSignalsReachTheStrategyOnTheEngineThread() throws Exception {
    start();
    dev.nanpin.Sentiment fearful = new dev.nanpin.Sentiment(dev.nanpin.Sentiment.FEAR_GREED, 12, T0);
    engine.scheduleSignal(Duration.ofHours(1), () -> fearful);
    assertThat(strategy.signalled.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    engine.flush();

    assertThat(strategy.signalThread).startsWith("nanpin-engine-");
    assertThat(strategy.seenSignal).isEqualTo(fearful);
  }

  /** A strategy that submits queued intents on bars and records what it is told. */
  static final class Recorder implements Strategy, Stateful {
    final ArrayDeque<OrderIntent> next = new ArrayDeque<>();
    final List<Integer> ids = new ArrayList<>();
    final List<String> fills = new ArrayList<>();
    final List<Integer> rejected = new ArrayList<>();
    int fillCount;
    int restoredFills = -1;
    OrderIntent onStopIntent;
    OrderIntent onStartIntent;
    double leverage = 1;
    final List<Double> positionsHeard = new ArrayList<>();
    volatile java.util.concurrent.CountDownLatch hold;
    final java.util.concurrent.CountDownLatch signalled = new java.util.concurrent.CountDownLatch(1);
    volatile String signalThread;
    volatile dev.nanpin.Signal seenSignal;

    @Override
    public void onSignal(StrategyContext ctx, dev.nanpin.Signal signal) {
      java.util.concurrent.CountDownLatch h = hold;
      if (h != null) {
        try {
          h.await(10, java.util.concurrent.TimeUnit.SECONDS); // holds the event loop while a test queues events
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      signalThread = Thread.currentThread().getName();
      seenSignal = ctx.signal(dev.nanpin.Sentiment.class);
      signalled.countDown();
    }

    @Override
    public double leverageCeiling() {
      return leverage;
    }

    @Override
    public void onBar(StrategyContext ctx) {
      while (!next.isEmpty()) {
        ids.add(ctx.submit(next.poll()));
      }
    }

    @Override
    public void onFill(StrategyContext ctx, Execution fill) {
      fillCount++;
      fills.add(fill.orderId() + ":" + fill.quantity() + ":" + fill.orderComplete());
      positionsHeard.add(ctx.account().positionQuantity());
    }

    @Override
    public void onOrderRejected(StrategyContext ctx, int orderId, String reason) {
      rejected.add(orderId);
    }

    @Override
    public void onStart(StrategyContext ctx) {
      if (onStartIntent != null) {
        ids.add(ctx.submit(onStartIntent));
      }
    }

    @Override
    public void onStop(StrategyContext ctx) {
      if (onStopIntent != null) {
        ids.add(ctx.submit(onStopIntent));
      }
    }

    @Override
    public Map<String, String> saveState() {
      return Map.of("fills", Integer.toString(fillCount));
    }

    @Override
    public void restoreState(Map<String, String> state) {
      fillCount = Integer.parseInt(state.get("fills"));
      restoredFills = fillCount;
    }
  }

  /** A clock the test moves. */
  static final class MutableClock extends Clock {
    private volatile Instant now;

    MutableClock(Instant start) {
      now = start;
    }

    void set(Instant t) {
      now = t;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
