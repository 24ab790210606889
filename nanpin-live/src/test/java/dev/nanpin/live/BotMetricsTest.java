package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.ExchangeListener;
import dev.nanpin.Position;
import dev.nanpin.RateLimitedException;
import dev.nanpin.SignalFeed;
import dev.nanpin.ratelimit.Priority;
import dev.nanpin.ratelimit.RateLimiter;
import dev.nanpin.telemetry.CircuitState;
import dev.nanpin.telemetry.ConnectorTelemetry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each meter of {@link BotMetrics} moves when its event happens. */
class BotMetricsTest {
  static final String BTC = BotTest.BTC;
  static final String PERP = BotTest.PERP;
  static final Instant T0 = BotTest.T0;
  static final Tags BOT = Tags.of("bot", "metrics-bot", "symbol", BTC);

  @TempDir Path dir;
  final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  final BarDriver driver = new BarDriver();
  final ScriptedExchange venue = driver.venue;
  Bot bot;
  BotMetrics metrics;

  String symbol = BTC;

  void start(String symbol, Bot.Builder extra) {
    this.symbol = symbol;
    bot = extra.engine(EngineConfig.defaults("metrics-bot", symbol).withBars(Duration.ofHours(1), 10))
        .exchange(venue).strategy(driver.strategy()).store(dir.resolve("bot.db")).clock(driver.clock).build();
    bot.start();
    metrics = BotMetrics.bind(registry, bot);
  }

  void start() {
    start(BTC, Bot.builder());
  }

  @AfterEach
  void tearDown() {
    if (metrics != null) {
      metrics.close();
    }
    if (bot != null) {
      bot.close();
    }
  }

  void bar() {
    driver.bar(bot, symbol);
  }

  double counter(String name, Tags tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  double gauge(String name, Tags tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  @Test
  void reconciliationsAndTheirCorrectionsAreCounted() {
    start();
    double ok = counter("nanpin.reconciliations", BOT.and("outcome", "ok"));
    assertThat(ok).as("the start reconciles").isEqualTo(1);
    assertThat(gauge("nanpin.reconciled", BOT)).isEqualTo(1);
    venue.baseOverride = new BigDecimal("0.01"); // the venue holds a position the ledger does not know
    bar(); // an hour later: the bar reconciles too
    assertThat(counter("nanpin.reconciliations", BOT.and("outcome", "ok"))).isEqualTo(2);
    assertThat(counter("nanpin.reconcile.corrections", BOT)).isEqualTo(1);
    venue.failFills = true;
    bar();
    assertThat(counter("nanpin.reconciliations", BOT.and("outcome", "failed"))).isEqualTo(1);
    assertThat(gauge("nanpin.reconciled", BOT)).isZero();
  }

  @Test
  void theLiquidationDistanceFollowsTheVenuesPosition() {
    Tags perp = Tags.of("bot", "metrics-bot", "symbol", PERP);
    start(PERP, Bot.builder());
    assertThat(gauge("nanpin.liquidation.distance", perp)).as("flat").isNaN();
    venue.positions = List.of(new Position(PERP, new BigDecimal("0.01"), new BigDecimal("100000"),
        new BigDecimal("100000"), BigDecimal.ZERO, new BigDecimal("80000"), T0));
    venue.baseOverride = new BigDecimal("0.01");
    bar(); // an hour later: the bar reconciles too
    assertThat(gauge("nanpin.liquidation.distance", perp)).isCloseTo(0.2, org.assertj.core.data.Offset.offset(1e-12));
    venue.positions = List.of();
    bar(); // an hour later: the bar reconciles too
    assertThat(gauge("nanpin.liquidation.distance", perp)).isNaN();
  }

  @Test
  void anOrderCausedByABarIsTimedFromTheBarsArrival() {
    start();
    assertThat(registry.get("nanpin.tick.to.order").tags(BOT).timer().count()).isZero();
    bar();
    assertThat(registry.get("nanpin.tick.to.order").tags(BOT).timer().count()).as("no order, no sample").isZero();
    driver.buyNextBar();
    bar();
    assertThat(registry.get("nanpin.tick.to.order").tags(BOT).timer().count()).isEqualTo(1);
    assertThat(registry.get("nanpin.tick.to.order").tags(BOT).timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
  }

  @Test
  void streamStateAndReconnectsMove() {
    start();
    assertThat(gauge("nanpin.stream.healthy", BOT)).isEqualTo(1);
    venue.account.forEach(l -> l.onStreamError(new java.io.IOException("reset")));
    bot.status();
    assertThat(metricsStatusFresh().gauge("nanpin.stream.healthy", BOT)).isZero();
    venue.account.forEach(ExchangeListener::onReconnected);
    bot.status();
    BotMetricsTest fresh = metricsStatusFresh();
    assertThat(fresh.gauge("nanpin.stream.healthy", BOT)).isEqualTo(1);
    assertThat(fresh.counter("nanpin.stream.reconnects", BOT)).isEqualTo(1);
  }

  /** The status gauges cache the status for 200 ms; a new binding reads it afresh. */
  BotMetricsTest metricsStatusFresh() {
    metrics.close();
    metrics = BotMetrics.bind(registry, bot);
    return this;
  }

  @Test
  void aPolledFeedsStalenessAndFailuresAreMetered() throws Exception {
    AtomicLong polls = new AtomicLong();
    start(BTC, Bot.builder()
        .signal(SignalFeed.polled("sentiment", Duration.ofMillis(20), () -> {
          if (polls.incrementAndGet() % 2 == 0) {
            throw new IllegalStateException("source down");
          }
          return new BotTest.Pushed(T0);
        })));
    Tags feed = BOT.and("feed", "sentiment");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (counter("nanpin.signal.poll.failures", feed) < 1 && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(5);
    }
    assertThat(counter("nanpin.signal.poll.failures", feed)).isGreaterThanOrEqualTo(1);
    double age = registry.get("nanpin.signal.age").tags(feed).timeGauge().value(TimeUnit.SECONDS);
    assertThat(age).isFinite().isGreaterThanOrEqualTo(0);
  }

  @Test
  void aClosedBindingLeavesNoFeedListenerBehind() {
    start();
    bot.health().feed("before");
    assertThat(registry.find("nanpin.signal.age").tags(BOT.and("feed", "before")).timeGauge()).isNotNull();
    for (int i = 0; i < 3; i++) {
      metrics.close();
      metrics = BotMetrics.bind(registry, bot);
    }
    metrics.close();
    assertThat(registry.find("nanpin.signal.age").meters()).isEmpty();
    // a feed that appears after the bindings closed registers nothing: none of them still listens
    bot.health().feed("after");
    assertThat(registry.find("nanpin.signal.age").meters()).isEmpty();
    assertThat(registry.find("nanpin.signal.poll.failures").meters()).isEmpty();
    metrics = BotMetrics.bind(registry, bot);
    assertThat(registry.find("nanpin.signal.age").meters()).hasSize(2);
  }

  @Test
  void aStreamedFeedWithoutReadingsHasNoAge() {
    start(BTC, Bot.builder().signal(SignalFeed.streamed("push", sink -> () -> {})));
    assertThat(registry.get("nanpin.signal.age").tags(BOT.and("feed", "push")).timeGauge().value(TimeUnit.SECONDS))
        .isNaN();
  }

  @Test
  void rateLimiterAdmissionsWaitsRefusalsCoolDownsAndUsageAreMetered() {
    start();
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = RateLimiter.builder("metrics-test-venue").capacity(2).window(Duration.ofMinutes(1))
        .reserveFraction(0).nanoTime(now::get).sleeper(d -> now.addAndGet(d.toNanos())).build();
    Tags critical = Tags.of("limiter", "metrics-test-venue", "priority", "critical");
    assertThat(registry.get("nanpin.ratelimit.usage").tags("limiter", "metrics-test-venue").gauge().value()).isZero();
    limiter.acquire(Priority.CRITICAL);
    limiter.acquire(Priority.CRITICAL);
    assertThat(registry.get("nanpin.ratelimit.usage").tags("limiter", "metrics-test-venue").gauge().value())
        .isEqualTo(1.0);
    assertThat(registry.get("nanpin.ratelimit.wait").tags(critical).timer().count()).isEqualTo(2);
    assertThatThrownBy(() -> limiter.acquire(Priority.CRITICAL, Duration.ofSeconds(1)))
        .isInstanceOf(RateLimitedException.class);
    assertThat(registry.get("nanpin.ratelimit.refused").tags(critical).counter().count()).isEqualTo(1);
    limiter.acquire(Priority.CRITICAL, Duration.ofMinutes(2)); // waits a minute of fake time
    assertThat(registry.get("nanpin.ratelimit.wait").tags(critical).timer().max(TimeUnit.SECONDS))
        .isEqualTo(60.0);
    limiter.coolDown(Duration.ofSeconds(3));
    assertThat(registry.get("nanpin.ratelimit.cooldowns").tags("limiter", "metrics-test-venue").counter().count())
        .isEqualTo(1);
  }

  @Test
  void circuitBreakerStateAndOpeningsAreMetered() {
    start();
    String[] state = {"CLOSED"};
    CircuitState breaker = new CircuitState() {
      @Override
      public String name() {
        return "metrics-test-source";
      }

      @Override
      public String stateName() {
        return state[0];
      }
    };
    ConnectorTelemetry.created(breaker);
    Tags b = Tags.of("breaker", "metrics-test-source");
    assertThat(gauge("nanpin.circuit.state", b.and("state", "closed"))).isEqualTo(1);
    assertThat(gauge("nanpin.circuit.state", b.and("state", "open"))).isZero();
    state[0] = "OPEN";
    ConnectorTelemetry.opened(breaker);
    assertThat(gauge("nanpin.circuit.state", b.and("state", "open"))).isEqualTo(1);
    assertThat(gauge("nanpin.circuit.state", b.and("state", "closed"))).isZero();
    assertThat(registry.get("nanpin.circuit.opened").tags(b).counter().count()).isEqualTo(1);
  }

  @Test
  void closingTheBindingRemovesItsMetersAndStopsListening() {
    start();
    metrics.close();
    metrics = null;
    assertThat(registry.find("nanpin.position").meters()).isEmpty();
    RateLimiter limiter = RateLimiter.builder("metrics-test-after-close").capacity(1).window(Duration.ofMinutes(1))
        .build();
    limiter.acquire();
    assertThat(registry.find("nanpin.ratelimit.wait").tags("limiter", "metrics-test-after-close").meters()).isEmpty();
  }
}
