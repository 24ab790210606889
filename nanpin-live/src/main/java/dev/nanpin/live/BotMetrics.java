package dev.nanpin.live;

import dev.nanpin.store.OrderState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
import io.micrometer.core.instrument.Timer;
import dev.nanpin.ratelimit.Priority;
import dev.nanpin.ratelimit.RateLimiter;
import dev.nanpin.telemetry.CircuitState;
import dev.nanpin.telemetry.ConnectorTelemetry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The metrics of a running {@link Bot} in a Micrometer {@link MeterRegistry} (the Prometheus
 * registry by default in {@link BotHttpServer}; any other registry works). Every meter carries the
 * tags {@code bot} and {@code symbol}. Names follow Micrometer's dotted convention; the Prometheus
 * registry renders them with underscores and unit suffixes, as the README's table lists.
 *
 * <p>Gauges read the bot's status when scraped; order counts come from the store, at most once a
 * second. {@link #eventCounter} counts the engine's notable events.
 *
 * <p>The rate limiters and circuit breakers of the connectors ({@link ConnectorTelemetry}) are
 * process-wide: their meters carry the tags {@code limiter} (and {@code priority}) or {@code
 * breaker}, not {@code bot}, and are registered in the registry once, by the first binding. Bind
 * one bot per registry (a {@link BotHttpServer} makes its own). Thread-safe.
 */
public final class BotMetrics implements AutoCloseable {
  private static final long STATUS_TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long COUNTS_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Bot bot;
  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters = new ArrayList<>();
  private final List<Runnable> hooks = new ArrayList<>();
  /** The connectors' meters this binding registered, by name and tags, so that each is added once. */
  private final Map<String, Meter> connectorMeters = new ConcurrentHashMap<>();
  private volatile EngineStatus status;
  private volatile long statusAt;
  private volatile Map<OrderState, Long> counts;
  private volatile long countsAt;

  private BotMetrics(MeterRegistry registry, Bot bot) {
    this.registry = registry;
    this.bot = bot;
    EngineConfig cfg = bot.config();
    this.tags = Tags.of("bot", cfg.name(), "symbol", cfg.symbol());
  }

  /**
   * Registers the bot's meters.
   *
   * @param registry the registry
   * @param bot the bot
   * @return the binding; {@link #close()} removes the meters again
   */
  public static BotMetrics bind(MeterRegistry registry, Bot bot) {
    BotMetrics m = new BotMetrics(Objects.requireNonNull(registry, "registry"), Objects.requireNonNull(bot, "bot"));
    m.register();
    return m;
  }

  private void register() {
    gauge("nanpin.position", "signed position quantity in the engine's ledger", "base", s -> s.positionQuantity());
    gauge("nanpin.position.venue", "position the venue reported at the last reconciliation", "base",
        s -> s.venuePositionQuantity());
    gauge("nanpin.price", "latest price", "quote", s -> s.price());
    gauge("nanpin.equity", "latest equity the venue reported", "quote", s -> s.equity());
    gauge("nanpin.average.entry", "average entry price, 0 when flat", "quote", s -> s.averageEntryPrice());
    gauge("nanpin.unrealized.pnl", "unrealised P&L of the position at the latest price", "quote",
        s -> s.positionQuantity() * (s.price() - s.averageEntryPrice()));
    gauge("nanpin.capital.in.use", "notional of the position at its average entry", "quote",
        s -> Math.abs(s.positionQuantity()) * s.averageEntryPrice());
    gauge("nanpin.ladder.depth", "entry fills since the position was last flat", null, s -> s.entryCount());
    gauge("nanpin.orders.open", "orders not yet terminal, those being sent included", null, s -> s.openOrders());
    gauge("nanpin.stream.healthy", "1 while the market and account streams are up", null,
        s -> s.streamHealthy() ? 1 : 0);
    gauge("nanpin.paused", "1 while trading is paused by the operator", null, s -> bot.paused() ? 1 : 0);
    meters.add(FunctionCounter.builder("nanpin.fills", this, m -> m.status().fills())
        .description("fills applied").tags(tags).register(registry));
    meters.add(FunctionCounter.builder("nanpin.stream.reconnects", this, m -> m.status().reconnects())
        .description("stream reconnects since start").tags(tags).register(registry));
    meters.add(TimeGauge.builder("nanpin.stream.last.event.age", this, TimeUnit.MILLISECONDS,
        m -> Math.max(0, m.status().lastEventAgeMillis())).description("time since the last stream event")
        .tags(tags).register(registry));
    meters.add(TimeGauge.builder("nanpin.event.loop.lag", this, TimeUnit.NANOSECONDS,
        m -> m.lagNanos()).description("how long an empty task waits behind the engine's queued events")
        .tags(tags).register(registry));
    registerEngineHealth(bot.health());
    for (OrderState state : OrderState.values()) {
      meters.add(Gauge.builder("nanpin.orders", this, m -> m.orderCount(state))
          .description("orders by state; SENDING ones are of unknown outcome until resolved")
          .tags(tags.and("state", state.name().toLowerCase(java.util.Locale.ROOT))).register(registry));
    }
  }

  private void registerEngineHealth(EngineHealth h) {
    for (String outcome : List.of("ok", "failed")) {
      add(FunctionCounter.builder("nanpin.reconciliations", h, x -> outcome.equals("ok") ? x.reconciliations()
          : x.reconcileFailures()).description("reconciliations with the venue by outcome")
          .tags(tags.and("outcome", outcome)).register(registry));
    }
    add(FunctionCounter.builder("nanpin.reconcile.corrections", h, EngineHealth::corrections)
        .description("what reconciliations changed: missed fills, adopted or settled orders, position corrections")
        .tags(tags).register(registry));
    add(Gauge.builder("nanpin.reconciled", h, x -> x.reconciled() ? 1 : 0)
        .description("1 while the last reconciliation succeeded").tags(tags).register(registry));
    add(Gauge.builder("nanpin.liquidation.distance", h, EngineHealth::liquidationDistance)
        .description("|mark - liquidation price| / mark of the venue's position; NaN when flat or unknown")
        .baseUnit("ratio").tags(tags).register(registry));
    Timer tickToOrder = Timer.builder("nanpin.tick.to.order")
        .description("from the arrival of a market event (ticker, bar) to its order request leaving for the venue")
        .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(1))
        .maximumExpectedValue(Duration.ofSeconds(30)).tags(tags).register(registry);
    add(tickToOrder);
    hooks.add(h.onTickToOrder(nanos -> tickToOrder.record(nanos, TimeUnit.NANOSECONDS)));
    hooks.add(h.onFeed(feed -> {
      add(TimeGauge.builder("nanpin.signal.age", h, TimeUnit.SECONDS, x -> x.secondsSinceReading(feed))
          .description("time since the signal feed's last reading (a data source's staleness); NaN before the first")
          .tags(tags.and("feed", feed)).register(registry));
      add(FunctionCounter.builder("nanpin.signal.poll.failures", h, x -> x.pollFailures(feed))
          .description("polls of the signal feed that failed").tags(tags.and("feed", feed)).register(registry));
    }));
    hooks.add(ConnectorTelemetry.observe(new ConnectorMeters())::close);
  }

  /** Meters of the connectors' rate limiters and circuit breakers. */
  private final class ConnectorMeters implements ConnectorTelemetry.Observer {
    @Override
    public void limiterCreated(RateLimiter limiter) {
      // held weakly by the gauge: a limiter no longer used reads NaN
      add(Gauge.builder("nanpin.ratelimit.usage", limiter, RateLimiter::usage)
          .description("share of the rate limit in force taken by the admissions of the current window")
          .baseUnit("ratio").tags("limiter", limiter.name()).register(registry));
    }

    @Override
    public void admitted(RateLimiter limiter, Priority priority, Duration waited) {
      ((Timer) connectorMeter("nanpin.ratelimit.wait", priorityTags(limiter, priority), t -> Timer
          .builder("nanpin.ratelimit.wait")
          .description("time requests waited for a rate-limit permit; the count is the admissions")
          .tags(t).register(registry))).record(waited);
    }

    @Override
    public void refused(RateLimiter limiter, Priority priority, Duration wait) {
      counter("nanpin.ratelimit.refused", "requests refused because their permit was beyond their deadline",
          priorityTags(limiter, priority)).increment();
    }

    @Override
    public void cooledDown(RateLimiter limiter, Duration coolDown) {
      counter("nanpin.ratelimit.cooldowns", "pauses after the venue answered too many requests (429)",
          Tags.of("limiter", limiter.name())).increment();
    }

    @Override
    public void breakerCreated(CircuitState breaker) {
      for (String state : List.of("CLOSED", "OPEN", "HALF_OPEN")) {
        add(Gauge.builder("nanpin.circuit.state", breaker, b -> state.equals(b.stateName()) ? 1 : 0)
            .description("1 for the circuit breaker's current state, 0 for the others")
            .tags("breaker", breaker.name(), "state", state.toLowerCase(java.util.Locale.ROOT)).register(registry));
      }
    }

    @Override
    public void breakerOpened(CircuitState breaker) {
      counter("nanpin.circuit.opened", "times the circuit breaker opened", Tags.of("breaker", breaker.name()))
          .increment();
    }

    private Counter counter(String name, String description, Tags t) {
      return (Counter) connectorMeter(name, t, x -> Counter.builder(name).description(description).tags(x)
          .register(registry));
    }

    private Meter connectorMeter(String name, Tags t, java.util.function.Function<Tags, Meter> make) {
      return connectorMeters.computeIfAbsent(name + t, k -> {
        Meter m = make.apply(t);
        add(m);
        return m;
      });
    }

    private Tags priorityTags(RateLimiter limiter, Priority priority) {
      return Tags.of("limiter", limiter.name(), "priority", priority.name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  private void add(Meter m) {
    synchronized (meters) {
      meters.add(m);
    }
  }

  private void gauge(String name, String description, String unit, ToDoubleFunction<EngineStatus> f) {
    meters.add(Gauge.builder(name, this, m -> f.applyAsDouble(m.status())).description(description).baseUnit(unit)
        .tags(tags).register(registry));
  }

  private EngineStatus status() {
    long now = System.nanoTime();
    EngineStatus s = status;
    if (s == null || now - statusAt > STATUS_TTL_NANOS) {
      s = bot.status();
      status = s;
      statusAt = now;
    }
    return s;
  }

  private double orderCount(OrderState state) {
    long now = System.nanoTime();
    Map<OrderState, Long> c = counts;
    if (c == null || now - countsAt > COUNTS_TTL_NANOS) {
      c = bot.store().orderCounts();
      counts = c;
      countsAt = now;
    }
    return c.getOrDefault(state, 0L);
  }

  private double lagNanos() {
    try {
      return bot.eventLoopLag(Duration.ofSeconds(1)).toNanos();
    } catch (IllegalStateException stopped) {
      return Double.NaN;
    }
  }

  /**
   * A notifier that counts the engine's notable events as {@code nanpin.notifications{event=...}}.
   * It is built before the bot (pass it to {@link Bot.Builder#notifier} with {@link
   * Notifier#all}); it never blocks and never throws.
   *
   * @param registry the registry
   * @param config the engine settings of the bot (for the {@code bot} and {@code symbol} tags)
   * @return the notifier
   */
  public static Notifier eventCounter(MeterRegistry registry, EngineConfig config) {
    Tags tags = Tags.of("bot", config.name(), "symbol", config.symbol());
    Map<String, Counter> counters = new ConcurrentHashMap<>();
    return (event, fields) -> counters.computeIfAbsent(event, e -> Counter.builder("nanpin.notifications")
        .description("notable engine events by kind").tags(tags.and("event", e)).register(registry)).increment();
  }

  /** Removes the meters from the registry. */
  @Override
  public void close() {
    hooks.forEach(Runnable::run);
    hooks.clear();
    synchronized (meters) {
      for (Meter m : meters) {
        registry.remove(m);
      }
      meters.clear();
    }
  }
}
