package dev.nanpin.telemetry;

import dev.nanpin.Subscription;
import dev.nanpin.ratelimit.Priority;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide meeting point of the connectors' rate limiters and circuit breakers and the
 * observers that turn their events into metrics (a bot's {@code BotMetrics}).
 *
 * <p>Connectors create their limiters and breakers deep inside (a Backpack connector has two
 * limiters and a breaker, data sources share limiters across instances), so a bot cannot hand
 * each of them a listener. Instead every {@link RateLimiter} and every circuit breaker announces
 * itself here when it is created, and reports its notable events; an observer registered with
 * {@link #observe} hears them. Like Micrometer's global registry, this is one hub per class
 * loader. The hub holds limiters and breakers weakly: it keeps nothing alive.
 *
 * <p>Publishing costs a volatile read when nobody observes. Observers are called on the thread of
 * the event (a caller of a connector): they must be quick, must not block and must not throw (an
 * exception is logged and swallowed). Thread-safe.
 */
public final class ConnectorTelemetry {
  private static final Logger log = LoggerFactory.getLogger(ConnectorTelemetry.class);
  private static final List<Observer> OBSERVERS = new CopyOnWriteArrayList<>();
  private static final Map<RateLimiter, Boolean> LIMITERS = Collections.synchronizedMap(new WeakHashMap<>());
  private static final Map<CircuitState, Boolean> BREAKERS = Collections.synchronizedMap(new WeakHashMap<>());

  private ConnectorTelemetry() {}

  /** Hears the limiters' and breakers' events; every method does nothing by default. */
  public interface Observer {
    /**
     * A rate limiter was created (or already existed when the observer registered).
     *
     * @param limiter the limiter
     */
    default void limiterCreated(RateLimiter limiter) {}

    /**
     * A request was admitted.
     *
     * @param limiter the limiter
     * @param priority the request's priority
     * @param waited how long it waited for its permit ({@link Duration#ZERO} when at once)
     */
    default void admitted(RateLimiter limiter, Priority priority, Duration waited) {}

    /**
     * A request was refused: its permit was further away than its deadline.
     *
     * @param limiter the limiter
     * @param priority the request's priority
     * @param wait the wait it would have needed
     */
    default void refused(RateLimiter limiter, Priority priority, Duration wait) {}

    /**
     * The venue said "too many requests" and the limiter stopped admitting.
     *
     * @param limiter the limiter
     * @param coolDown the pause applied
     */
    default void cooledDown(RateLimiter limiter, Duration coolDown) {}

    /**
     * A circuit breaker was created (or already existed when the observer registered).
     *
     * @param breaker the breaker
     */
    default void breakerCreated(CircuitState breaker) {}

    /**
     * A circuit breaker opened (from closed, or again after a failed probe).
     *
     * @param breaker the breaker
     */
    default void breakerOpened(CircuitState breaker) {}
  }

  /**
   * Registers an observer; it first hears {@link Observer#limiterCreated} and {@link
   * Observer#breakerCreated} for every limiter and breaker alive now.
   *
   * @param observer the observer
   * @return closing it unregisters the observer
   */
  public static Subscription observe(Observer observer) {
    Objects.requireNonNull(observer, "observer");
    OBSERVERS.add(observer);
    for (RateLimiter l : snapshot(LIMITERS)) {
      safely(observer, o -> o.limiterCreated(l));
    }
    for (CircuitState b : snapshot(BREAKERS)) {
      safely(observer, o -> o.breakerCreated(b));
    }
    return () -> OBSERVERS.remove(observer);
  }

  private static <T> List<T> snapshot(Map<T, Boolean> weak) {
    synchronized (weak) {
      return new ArrayList<>(weak.keySet());
    }
  }

  /** @return the limiters alive now */
  public static List<RateLimiter> rateLimiters() {
    return snapshot(LIMITERS);
  }

  /** @return the circuit breakers alive now */
  public static List<CircuitState> circuitBreakers() {
    return snapshot(BREAKERS);
  }

  /**
   * Announces a new limiter ({@link RateLimiter} calls this).
   *
   * @param limiter the limiter
   */
  public static void created(RateLimiter limiter) {
    LIMITERS.put(limiter, Boolean.TRUE);
    publish(o -> o.limiterCreated(limiter));
  }

  /**
   * Announces a new circuit breaker (a breaker calls this from its constructor's end).
   *
   * @param breaker the breaker
   */
  public static void created(CircuitState breaker) {
    BREAKERS.put(breaker, Boolean.TRUE);
    publish(o -> o.breakerCreated(breaker));
  }

  /**
   * Reports an admission.
   *
   * @param limiter the limiter
   * @param priority the priority
   * @param waitedNanos the wait in nanoseconds
   */
  public static void admitted(RateLimiter limiter, Priority priority, long waitedNanos) {
    if (!OBSERVERS.isEmpty()) {
      Duration d = Duration.ofNanos(Math.max(0, waitedNanos));
      publish(o -> o.admitted(limiter, priority, d));
    }
  }

  /**
   * Reports a refusal.
   *
   * @param limiter the limiter
   * @param priority the priority
   * @param waitNanos the wait that was needed, in nanoseconds
   */
  public static void refused(RateLimiter limiter, Priority priority, long waitNanos) {
    if (!OBSERVERS.isEmpty()) {
      Duration d = Duration.ofNanos(Math.max(0, waitNanos));
      publish(o -> o.refused(limiter, priority, d));
    }
  }

  /**
   * Reports a cool-down after a 429.
   *
   * @param limiter the limiter
   * @param coolDown the pause applied
   */
  public static void cooledDown(RateLimiter limiter, Duration coolDown) {
    publish(o -> o.cooledDown(limiter, coolDown));
  }

  /**
   * Reports a breaker that opened.
   *
   * @param breaker the breaker
   */
  public static void opened(CircuitState breaker) {
    publish(o -> o.breakerOpened(breaker));
  }

  private static void publish(java.util.function.Consumer<Observer> event) {
    for (Observer o : OBSERVERS) {
      safely(o, event);
    }
  }

  private static void safely(Observer o, java.util.function.Consumer<Observer> event) {
    try {
      event.accept(o);
    } catch (RuntimeException e) {
      log.warn("connector observer {} failed: {}", o.getClass().getName(), e.toString());
    }
  }
}
