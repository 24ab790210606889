package dev.nanpin.http;

import dev.nanpin.VenueUnavailableException;
import dev.nanpin.telemetry.CircuitState;
import dev.nanpin.telemetry.ConnectorTelemetry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One venue's or data source's circuit breaker: it opens after {@code consecutiveFailures}
 * failures in a row, or when at least {@code failureRate} of the last {@code window} calls failed
 * (once {@code window} calls were seen); while open, calls fail fast with a {@link
 * VenueUnavailableException} of code {@value #OPEN_CODE}; after {@code openFor} it half-opens and
 * lets one idempotent call through as a probe (reconciliation's reads keep probing), which closes
 * it on success and opens it again on failure. A non-idempotent call (an order) is only ever sent
 * while the breaker is closed, never as a probe.
 *
 * <p>A failure is a transport failure, a timeout, a 5xx or an unreadable answer ({@link
 * VenueUnavailableException}); any other answer, a refusal included, shows the venue is up.
 *
 * <p>Every breaker announces itself to {@link ConnectorTelemetry} and reports there when it opens,
 * so that a running bot can meter it. Time is monotonic and injected. Thread-safe.
 */
public final class CircuitBreaker implements CircuitState {
  /** The venue code of the exception thrown while the breaker is open. */
  public static final String OPEN_CODE = "CIRCUIT_OPEN";
  private static final Logger log = LoggerFactory.getLogger(CircuitBreaker.class);

  /** The breaker's state. */
  public enum State {
    /** Calls go through. */
    CLOSED,
    /** Calls fail fast. */
    OPEN,
    /** One probe may go through. */
    HALF_OPEN
  }

  private final String name;
  private final int consecutiveFailures;
  private final double failureRate;
  private final boolean[] outcomes;
  private final long openForNanos;
  private final LongSupplier nanoTime;

  private State state = State.CLOSED;
  private int consecutive;
  private int seen;
  private int next;
  private int failuresInWindow;
  private long openedAt;
  private boolean probing;

  /**
   * @param name the venue or source id, for messages
   * @param consecutiveFailures failures in a row that open it, {@code >= 1}
   * @param failureRate the failed share of the last {@code window} calls that opens it, in {@code (0, 1]}
   * @param window the number of recent calls the rate is taken over, {@code >= 1}
   * @param openFor how long it stays open before a probe, {@code > 0}
   * @param nanoTime the monotonic clock
   */
  public CircuitBreaker(String name, int consecutiveFailures, double failureRate, int window, Duration openFor,
      LongSupplier nanoTime) {
    this.name = Objects.requireNonNull(name, "name");
    if (consecutiveFailures < 1 || !(failureRate > 0 && failureRate <= 1) || window < 1
        || openFor == null || openFor.isNegative() || openFor.isZero()) {
      throw new IllegalArgumentException("circuit breaker %s: need consecutiveFailures >= 1, failureRate in (0, 1], "
          + "window >= 1, openFor > 0".formatted(name));
    }
    this.consecutiveFailures = consecutiveFailures;
    this.failureRate = failureRate;
    this.outcomes = new boolean[window];
    this.openForNanos = openFor.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    ConnectorTelemetry.created(this);
  }

  /**
   * The default breaker: opens after 5 failures in a row or half of the last 20 calls failing,
   * probes after 10 s (so that an order's resolution, 30 s by default, gets probes in).
   *
   * @param name the venue or source id
   * @param nanoTime the monotonic clock
   * @return the breaker
   */
  public static CircuitBreaker withDefaults(String name, LongSupplier nanoTime) {
    return new CircuitBreaker(name, 5, 0.5, 20, Duration.ofSeconds(10), nanoTime);
  }

  /** @return the name */
  @Override
  public String name() {
    return name;
  }

  @Override
  public String stateName() {
    return state().name();
  }

  /** @return the state now (an open breaker whose wait is over reads as half-open) */
  public synchronized State state() {
    if (state == State.OPEN && nanoTime.getAsLong() - openedAt >= openForNanos) {
      return State.HALF_OPEN;
    }
    return state;
  }

  /**
   * Asks to send a call.
   *
   * @param idempotent whether the call may serve as a probe
   * @throws VenueUnavailableException with code {@value #OPEN_CODE} if the call may not go: the
   *     breaker is open, or half-open and either a probe is out or the call is not idempotent
   */
  public synchronized void acquirePermission(boolean idempotent) {
    State now = state();
    if (now == State.CLOSED) {
      return;
    }
    if (now == State.HALF_OPEN && idempotent && !probing) {
      state = State.HALF_OPEN;
      probing = true;
      return;
    }
    long left = Math.max(0, openForNanos - (nanoTime.getAsLong() - openedAt));
    throw new VenueUnavailableException(name, OPEN_CODE, ("%s: circuit breaker %s after repeated failures; "
        + "%s not sent (next probe in %d ms)").formatted(name, now.name().toLowerCase(java.util.Locale.ROOT),
            idempotent ? "call" : "order call", left / 1_000_000L), null);
  }

  /** Gives back a probe permission whose call was not sent (refused locally before sending). */
  public synchronized void cancelProbe() {
    probing = false;
  }

  /** Records a call that got an answer. */
  public synchronized void onSuccess() {
    record(false);
    consecutive = 0;
    if (state != State.CLOSED) {
      log.info("{}: circuit breaker closed after a successful probe", name);
      state = State.CLOSED;
      probing = false;
      seen = 0;
      next = 0;
      failuresInWindow = 0;
    }
  }

  /** Records a call that failed (transport, timeout, 5xx, unreadable). */
  public synchronized void onFailure() {
    record(true);
    consecutive++;
    boolean rateTripped = seen >= outcomes.length && failuresInWindow >= failureRate * outcomes.length;
    if (state == State.HALF_OPEN || (state == State.CLOSED && (consecutive >= consecutiveFailures || rateTripped))) {
      if (state == State.CLOSED) {
        log.warn("{}: circuit breaker opened ({} failures in a row, {} of the last {} calls)", name, consecutive,
            failuresInWindow, Math.min(seen, outcomes.length));
      }
      state = State.OPEN;
      probing = false;
      openedAt = nanoTime.getAsLong();
      ConnectorTelemetry.opened(this);
    }
  }

  private void record(boolean failed) {
    if (seen >= outcomes.length && outcomes[next]) {
      failuresInWindow--;
    }
    outcomes[next] = failed;
    if (failed) {
      failuresInWindow++;
    }
    next = (next + 1) % outcomes.length;
    seen++;
  }

  @Override
  public synchronized String toString() {
    return "CircuitBreaker[" + name + ": " + state() + "]";
  }
}
