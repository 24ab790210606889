package dev.nanpin.benchmarks;

import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Sizing;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.Ticker;
import dev.nanpin.live.EngineConfig;
import dev.nanpin.live.LiveEngine;
import dev.nanpin.live.Notifier;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.risk.guard.RiskLimits;
import dev.nanpin.store.StateStore;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Tick-to-order latency of the live engine ({@link LiveEngine}, built through its public
 * constructor with a SQLite {@link StateStore}) against an in-process venue ({@link
 * LatencyVenue}): a ticker is handed to the engine's market-stream listener as the venue's
 * stream thread would hand it, and the time runs until the engine hands the order the strategy
 * asked for to the venue's {@code placeOrder}. Everything on the way is measured: the hand-over
 * to the engine thread, the strategy callback's store transaction with the order's durable
 * "sending" record ({@code synchronous=FULL}, so the store's directory matters: {@code
 * -p storeDir=...}), the kernel's sizing and rounding, the risk guard.
 *
 * <ul>
 *   <li>{@code tickToOrder}: every tick places a market order (buy 0.001 BTC, then close the
 *       position, in turn); the venue fills it at once and publishes the fill, which the engine
 *       applies before the next tick (the invocation setup waits for an idle engine), so each
 *       tick meets an idle engine. Besides JMH's sampled percentiles, every event's latency
 *       (from just before the listener call to the venue's {@code placeOrder}) is kept and its
 *       percentiles printed at the end of the trial.
 *   <li>{@code tickNoOrder}: ticks that place no order, one after the other, each handed over as
 *       soon as the strategy has seen the previous one: run with {@code -prof gc} for the bytes
 *       allocated per tick ({@code gc.alloc.rate.norm}, all threads, the engine thread included).
 * </ul>
 *
 * <p>The engine reconciles at start only (every 24 h after that), so no reconciliation falls
 * into a measurement.
 */
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 10)
public class LiveTickBenchmark {
  private static final int TICKERS = 1024;
  private static final int KEPT = 1 << 20;

  /** Where the store's SQLite file goes (empty: the JVM's temporary directory). */
  @Param({""})
  public String storeDir;

  /**
   * Also read the engine thread's CPU time at {@code onTick} and at {@code placeOrder}, to tell
   * the engine's own work from waiting for a core (each read is a system call of about a
   * microsecond, inside the measured time).
   */
  @Param({"false"})
  public boolean cpuTime;

  static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();

  private Path dir;
  private StateStore store;
  private LiveEngine engine;
  private LatencyVenue venue;
  private TickStrategy strategy;
  private final Ticker[] tickers = new Ticker[TICKERS];
  private int next;
  private long[] latencies;
  private long[] engineSide;
  private long[] handOver;
  private long[] engineCpu;
  private int kept;
  private boolean measuring;

  /** The benchmark's strategy: places an order on a tick when asked to; counts the ticks it saw. */
  static final class TickStrategy implements Strategy {
    private static final OrderIntent BUY = OrderIntent.market(Side.BUY, Sizing.BASE, 0.001);
    private static final OrderIntent CLOSE = OrderIntent.closePosition(Side.SELL);
    volatile boolean ordering;
    volatile long ticks;
    /** System.nanoTime() on entry to the last onTick. */
    volatile long tickNanos;
    /** The engine thread's CPU time on entry to the last onTick (when measured, else 0). */
    volatile long tickCpuNanos;
    boolean cpu;
    private boolean buy = true;

    @Override
    public void onBar(StrategyContext ctx) {}

    @Override
    public void onTick(StrategyContext ctx) {
      if (ordering) {
        tickNanos = System.nanoTime();
        if (cpu) {
          tickCpuNanos = THREADS.getCurrentThreadCpuTime();
        }
        ctx.submit(buy ? BUY : CLOSE);
        buy = !buy;
      }
      ticks = ticks + 1; // the engine thread is the only writer
    }
  }

  @Setup(Level.Trial)
  public void start() throws IOException {
    Path base = storeDir.isEmpty() ? Path.of(System.getProperty("java.io.tmpdir")) : Path.of(storeDir);
    dir = Files.createTempDirectory(base, "nanpin-latency");
    store = StateStore.open(dir.resolve("bot.db"));
    venue = new LatencyVenue();
    venue.cpu = cpuTime;
    strategy = new TickStrategy();
    strategy.cpu = cpuTime;
    EngineConfig cfg = EngineConfig.defaults("latency", LatencyVenue.SYMBOL).withBars(Duration.ofHours(1), 0)
        .withReconcile(Duration.ofHours(24), Duration.ofSeconds(60));
    engine = new LiveEngine(cfg, venue, strategy, null, RiskGuard.of(RiskLimits.none()), store, Clock.systemUTC(),
        Notifier.NONE);
    engine.start();
    Instant t = Instant.parse("2025-01-02T00:00:00Z");
    for (int i = 0; i < TICKERS; i++) {
      tickers[i] = new Ticker(LatencyVenue.SYMBOL, BigDecimal.valueOf(100_000 + (i % 97) * 0.5), null, null, t);
    }
    latencies = new long[KEPT];
    engineSide = new long[KEPT];
    handOver = new long[KEPT];
    engineCpu = new long[KEPT];
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    engine.close();
    engine.awaitTermination(Duration.ofSeconds(30));
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
    if (kept > 0) {
      String where = "store in " + dir.getParent();
      print(where + ": tick-to-order", latencies, kept);
      print(where + ": listener call to onTick (hand-over to the engine thread)", handOver, kept);
      print(where + ": onTick-to-order (engine thread)", engineSide, kept);
      if (cpuTime) {
        print(where + ": onTick-to-order, the engine thread's CPU time", engineCpu, kept);
      }
    }
  }

  private static void print(String what, long[] values, int n) {
    long[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    System.out.printf("%n%s, %d events, microseconds: p50 %.1f, p90 %.1f, p99 %.1f, p99.9 %.1f, max %.1f%n", what, n,
        at(sorted, 0.50), at(sorted, 0.90), at(sorted, 0.99), at(sorted, 0.999), sorted[n - 1] / 1e3);
  }

  private static double at(long[] sorted, double q) {
    return sorted[(int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] / 1e3;
  }

  /** Waits until the engine has handled everything queued (the last order's fill included). */
  @Setup(Level.Invocation)
  public void idle() throws InterruptedException {
    if (strategy.ordering) {
      engine.flush();
    }
  }

  /** Kept latencies are those of measurement iterations only. */
  @Setup(Level.Iteration)
  public void iteration(org.openjdk.jmh.infra.IterationParams params) {
    boolean measurement = params.getType() == org.openjdk.jmh.runner.IterationType.MEASUREMENT;
    if (measurement && !measuring) {
      kept = 0;
    }
    measuring = measurement;
  }

  /**
   * One tick that places an order, from the listener call to the order handed to the venue.
   *
   * @return the orders handed over so far
   */
  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public long tickToOrder() {
    strategy.ordering = true;
    long before = venue.placed;
    Ticker t = tickers[next++ & (TICKERS - 1)];
    long t0 = System.nanoTime();
    venue.market.onTicker(t);
    while (venue.placed == before) {
      Thread.onSpinWait();
    }
    if (kept < KEPT) {
      long placedAt = venue.placedNanos;
      long tickAt = strategy.tickNanos;
      latencies[kept] = placedAt - t0;
      handOver[kept] = tickAt - t0;
      engineCpu[kept] = venue.placedCpuNanos - strategy.tickCpuNanos;
      engineSide[kept++] = placedAt - tickAt;
    }
    return venue.placed;
  }

  /**
   * One tick that places no order, handed over once the strategy has seen the previous one.
   *
   * @param bh sink
   */
  @Benchmark
  @BenchmarkMode(Mode.AverageTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public void tickNoOrder(Blackhole bh) {
    strategy.ordering = false;
    long before = strategy.ticks;
    venue.market.onTicker(tickers[next++ & (TICKERS - 1)]);
    while (strategy.ticks == before) {
      Thread.onSpinWait();
    }
    bh.consume(before);
  }
}
