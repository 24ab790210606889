package dev.nanpin.live;

import dev.nanpin.Signal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * A bot's memory of what its engine and its signal feeds reported ({@link EngineObserver}), read
 * by {@link BotMetrics} and by {@code /ready}. Thread-safe.
 */
final class EngineHealth implements EngineObserver {
  private final LongSupplier nanoTime;
  private volatile boolean lastReconcileOk = true;
  private final LongAdder reconciliations = new LongAdder();
  private final LongAdder reconcileFailures = new LongAdder();
  private final LongAdder corrections = new LongAdder();
  private volatile double liquidationDistance = Double.NaN;
  private final List<LongConsumer> latencySinks = new CopyOnWriteArrayList<>();
  /** Per feed: monotonic time of the last reading, and the failed polls. */
  private final Map<String, Long> lastReading = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> pollFailures = new ConcurrentHashMap<>();
  private final List<Consumer<String>> feedListeners = new CopyOnWriteArrayList<>();

  EngineHealth(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  @Override
  public void reconciled(int changes) {
    reconciliations.increment();
    corrections.add(changes);
    lastReconcileOk = true;
  }

  @Override
  public void reconcileFailed() {
    reconcileFailures.increment();
    lastReconcileOk = false;
  }

  @Override
  public void liquidationDistance(double distance) {
    liquidationDistance = distance;
  }

  @Override
  public void tickToOrder(long nanos) {
    for (LongConsumer sink : latencySinks) {
      sink.accept(nanos);
    }
  }

  /** @return whether the last reconciliation succeeded (true before the first) */
  boolean reconciled() {
    return lastReconcileOk;
  }

  long reconciliations() {
    return reconciliations.sum();
  }

  long reconcileFailures() {
    return reconcileFailures.sum();
  }

  long corrections() {
    return corrections.sum();
  }

  double liquidationDistance() {
    return liquidationDistance;
  }

  /** Sends every tick-to-order latency (nanoseconds) to {@code sink} too; the result removes it. */
  Runnable onTickToOrder(LongConsumer sink) {
    latencySinks.add(sink);
    return () -> latencySinks.remove(sink);
  }

  // ---- signal feeds -------------------------------------------------------------------------

  /** A feed that is polled or pushed: its readings are timed from now on. */
  void feed(String name) {
    pollFailures.computeIfAbsent(name, n -> new LongAdder());
    feedListeners.forEach(l -> l.accept(name));
  }

  /**
   * Calls {@code l} with every feed known now and every feed added later, until the returned
   * handle runs (a metrics binding that closes runs it, so that no listener outlives it).
   *
   * @return removes {@code l}
   */
  Runnable onFeed(Consumer<String> l) {
    feedListeners.add(l);
    pollFailures.keySet().forEach(l);
    return () -> feedListeners.remove(l);
  }

  /** Wraps a poll so that its readings and failures are noted under {@code name}. */
  Supplier<Signal> timedPoll(String name, Supplier<? extends Signal> poll) {
    feed(name);
    return () -> {
      Signal s;
      try {
        s = poll.get();
      } catch (RuntimeException e) {
        pollFailures.get(name).increment();
        throw e;
      }
      if (s != null) {
        lastReading.put(name, nanoTime.getAsLong());
      }
      return s;
    };
  }

  /** Notes a reading pushed by a streamed feed. */
  void reading(String name) {
    lastReading.put(name, nanoTime.getAsLong());
  }

  /** @return seconds since the feed's last reading, {@code NaN} before the first */
  double secondsSinceReading(String name) {
    Long at = lastReading.get(name);
    return at == null ? Double.NaN : (nanoTime.getAsLong() - at) / 1e9;
  }

  long pollFailures(String name) {
    LongAdder a = pollFailures.get(name);
    return a == null ? 0 : a.sum();
  }
}
