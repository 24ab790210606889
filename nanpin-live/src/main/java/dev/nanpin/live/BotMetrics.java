package dev.nanpin.live;

import dev.nanpin.store.OrderState;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.TimeGauge;
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
 * second. {@link #eventCounter} counts the engine's notable events. Thread-safe.
 */
public final class BotMetrics implements AutoCloseable {
  private static final long STATUS_TTL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);
  private static final long COUNTS_TTL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Bot bot;
  private final MeterRegistry registry;
  private final Tags tags;
  private final List<Meter> meters = new ArrayList<>();
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
    for (OrderState state : OrderState.values()) {
      meters.add(Gauge.builder("nanpin.orders", this, m -> m.orderCount(state))
          .description("orders by state; SENDING ones are of unknown outcome until resolved")
          .tags(tags.and("state", state.name().toLowerCase(java.util.Locale.ROOT))).register(registry));
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
    synchronized (meters) {
      for (Meter m : meters) {
        registry.remove(m);
      }
      meters.clear();
    }
  }
}
