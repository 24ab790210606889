package dev.nanpin.ratelimit;

import dev.nanpin.RateLimitedException;
import dev.nanpin.telemetry.ConnectorTelemetry;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admits at most {@link #capacity()} requests in any window of length {@link #window()}, and
 * stops admitting for a while after the venue answered "too many requests".
 *
 * <h2>Design</h2>
 *
 * <p>A sliding-window log, not a token bucket: the limiter remembers the monotonic time of the
 * last {@code capacity} admissions in a ring buffer and admits a new request only when the
 * oldest of them is at least one window old. This gives the guarantee venues actually publish
 * ("N requests per minute"): in <em>every</em> interval of one window length, never more than
 * {@code capacity} admissions. A token bucket with the same rate can admit up to twice its
 * burst in one window (a full bucket, then the refill), which a strict venue answers with 429.
 * Memory is one {@code long} per permit (2000 permits: 16 KB).
 *
 * <p>The capacity is a fraction of the published limit, {@value #DEFAULT_SAFETY_FRACTION} by
 * default, to leave room for clock differences and for other clients of the same account.
 *
 * <p>Callers acquire a permit <em>before</em> they timestamp and sign a request, so time spent
 * waiting here never eats into a signature's validity window.
 *
 * <h2>Priorities, deadlines, throttling</h2>
 *
 * <p>Each admission has a {@link Priority}. {@link Priority#CRITICAL} may use the whole
 * (effective) capacity; the others stop short of it by a reserve ({@link
 * Builder#reserveFraction(double)}, 10 % by default) and lower priorities by more, so that while
 * the CRITICAL admissions in a window are fewer than the reserve, a CRITICAL request is never
 * refused (short of a 429 cool-down). Every {@link #acquire(Priority, Duration) acquire} has a
 * deadline ({@link Builder#maxWait(Duration)}, 5 s by default): a wait or a cool-down longer than
 * it fails at once with a {@link RateLimitedException} saying how long, without taking a permit.
 * A venue's {@code Retry-After} is capped ({@link Builder#maxCooldown(Duration)}, 10 min by
 * default; a capped value is logged). After a 429 ({@link #coolDown}) the effective capacity
 * halves (at least 1; once per episode: 429s that arrive while the cool-down of an earlier one
 * still runs do not halve it again); after every quiet {@link Builder#recoveryPeriod(Duration) recovery period}
 * without a 429 it grows back by a quarter of the capacity, never above {@link #capacity()}, which
 * is itself the configured fraction of the published limit.
 *
 * <p>Time comes from an injected monotonic {@code LongSupplier} (nanoseconds, like {@link
 * System#nanoTime()}) and waiting from an injected {@link Sleeper}, so tests run on fake time.
 *
 * <p>Every limiter announces itself to {@link ConnectorTelemetry} and reports its admissions,
 * refusals and cool-downs there, so that a running bot can meter them.
 *
 * <p>Thread-safe: the log is guarded by this object's monitor; waiting happens outside it.
 */
public final class RateLimiter {
  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
  /** The share of a published limit used by default: 95 %. */
  public static final double DEFAULT_SAFETY_FRACTION = 0.95;
  /** The share of the capacity kept for {@link Priority#CRITICAL} by default: 10 %. */
  public static final double DEFAULT_RESERVE_FRACTION = 0.10;

  private final String name;
  private final int capacity;
  private final long windowNanos;
  private final long defaultCooldownNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final double reserveFraction;
  private final Duration maxWait;
  private final long maxCooldownNanos;
  private final long recoveryNanos;

  private final long[] ring;
  private int head;
  private int size;
  private long blockedUntil;
  private boolean blocked;
  private int effective;
  private long lastThrottleChange;

  private RateLimiter(Builder b) {
    this.name = b.name;
    this.capacity = b.capacity;
    this.windowNanos = b.window.toNanos();
    this.defaultCooldownNanos = b.cooldown.toNanos();
    this.nanoTime = b.nanoTime;
    this.sleeper = b.sleeper;
    this.reserveFraction = b.reserveFraction;
    this.maxWait = b.maxWait;
    this.maxCooldownNanos = b.maxCooldown.toNanos();
    this.recoveryNanos = (b.recoveryPeriod != null ? b.recoveryPeriod : b.window).toNanos();
    this.ring = new long[capacity];
    this.effective = capacity;
    ConnectorTelemetry.created(this);
  }

  /**
   * A limiter for a venue's published limit at {@value #DEFAULT_SAFETY_FRACTION} of it, on the
   * system's monotonic clock.
   *
   * @param name a name for messages, e.g. {@code "backpack-rest"}
   * @param publishedLimit the venue's limit per window, {@code >= 1}
   * @param window the window of the published limit
   * @return the limiter
   */
  public static RateLimiter ofPublishedLimit(String name, int publishedLimit, Duration window) {
    return builder(name).publishedLimit(publishedLimit, DEFAULT_SAFETY_FRACTION).window(window).build();
  }

  /**
   * Starts a builder.
   *
   * @param name a name for messages and logs
   * @return the builder
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  /** @return the name given at construction */
  public String name() {
    return name;
  }

  /** @return the most admissions in any window */
  public int capacity() {
    return capacity;
  }

  /** @return the window length */
  public Duration window() {
    return Duration.ofNanos(windowNanos);
  }

  /** @return the default longest wait of {@link #acquire()} and {@link #acquire(Priority)} */
  public Duration maxWait() {
    return maxWait;
  }

  /** @return the admissions kept for {@link Priority#CRITICAL} at the current effective capacity */
  public synchronized int reserve() {
    return reserveOf(effective);
  }

  /**
   * @return the capacity in force now: {@link #capacity()}, or less after a 429 while the
   *     adaptive throttle recovers
   */
  public synchronized int effectiveCapacity() {
    recover(nanoTime.getAsLong());
    return effective;
  }

  private int reserveOf(int eff) {
    return (int) Math.floor(eff * reserveFraction);
  }

  private int ceiling(Priority p) {
    int reserve = reserveOf(effective);
    return Math.max(1, effective - reserve * p.reserveQuarters / 4);
  }

  private void recover(long now) {
    while (effective < capacity && now - lastThrottleChange >= recoveryNanos) {
      effective = Math.min(capacity, effective + Math.max(1, capacity / 4));
      lastThrottleChange += recoveryNanos;
    }
  }

  /**
   * The share of the capacity in force that the admissions of the current window take: 0 when idle,
   * 1 when a CRITICAL request would have to wait (above 1 right after a 429 halved the capacity).
   *
   * @return admissions in the last window divided by {@link #effectiveCapacity()}
   */
  public synchronized double usage() {
    long now = nanoTime.getAsLong();
    recover(now);
    evict(now);
    return (double) size / effective;
  }

  /** Forgets the admissions that left the window. */
  private void evict(long now) {
    while (size > 0 && now - ring[head] >= windowNanos) {
      head = (head + 1) % capacity;
      size--;
    }
  }

  /**
   * Admits a request of priority {@link Priority#CRITICAL} now if the limit allows it, else says
   * how long to wait.
   *
   * @return {@code 0} if a permit was taken, else the nanoseconds after which asking again may
   *     succeed ({@code > 0})
   */
  public long tryAcquireOrWaitNanos() {
    return tryAcquireOrWaitNanos(Priority.CRITICAL);
  }

  /**
   * Admits a request now if the limit allows it at this priority, else says how long to wait.
   *
   * @param priority the request's priority
   * @return {@code 0} if a permit was taken, else the nanoseconds after which asking again may
   *     succeed ({@code > 0})
   */
  public synchronized long tryAcquireOrWaitNanos(Priority priority) {
    Objects.requireNonNull(priority, "priority");
    long now = nanoTime.getAsLong();
    if (blocked) {
      long left = blockedUntil - now;
      if (left > 0) {
        return left;
      }
      blocked = false;
    }
    recover(now);
    evict(now);
    int ceiling = ceiling(priority);
    if (size < ceiling) {
      ring[(head + size) % capacity] = now;
      size++;
      return 0;
    }
    // admitted only once enough of the oldest admissions have left the window
    long oldestThatMustLeave = ring[(head + size - ceiling) % capacity];
    return windowNanos - (now - oldestThatMustLeave);
  }

  /**
   * Takes a permit of priority {@link Priority#CRITICAL} if one is free now.
   *
   * @return whether a permit was taken
   */
  public boolean tryAcquire() {
    return tryAcquireOrWaitNanos(Priority.CRITICAL) == 0;
  }

  /**
   * Takes a permit if one is free now at this priority.
   *
   * @param priority the request's priority
   * @return whether a permit was taken
   */
  public boolean tryAcquire(Priority priority) {
    return tryAcquireOrWaitNanos(priority) == 0;
  }

  /**
   * Waits for a permit of priority {@link Priority#CRITICAL}, at most {@link #maxWait()}.
   *
   * @throws RateLimitedException as for {@link #acquire(Priority, Duration)}
   */
  public void acquire() {
    acquire(Priority.CRITICAL, maxWait);
  }

  /**
   * Waits for a permit at this priority, at most {@link #maxWait()}.
   *
   * @param priority the request's priority
   * @throws RateLimitedException as for {@link #acquire(Priority, Duration)}
   */
  public void acquire(Priority priority) {
    acquire(priority, maxWait);
  }

  /**
   * Waits for a permit of priority {@link Priority#CRITICAL}, but not longer than {@code maxWait}.
   *
   * @param maxWait the longest acceptable wait, or {@code null} for {@link #maxWait()}
   * @throws RateLimitedException as for {@link #acquire(Priority, Duration)}
   */
  public void acquire(Duration maxWait) {
    acquire(Priority.CRITICAL, maxWait);
  }

  /**
   * Waits for a permit, but not longer than {@code maxWait}.
   *
   * @param priority the request's priority
   * @param maxWait the longest acceptable wait, or {@code null} for {@link #maxWait()}
   * @throws RateLimitedException if the next permit (or the end of a cool-down) is further away
   *     than {@code maxWait}, at once and with nothing taken, carrying the wait as {@link
   *     RateLimitedException#retryAfter()}; or if the thread is interrupted (the flag is restored)
   */
  public void acquire(Priority priority, Duration maxWait) {
    Duration bound = maxWait != null ? maxWait : this.maxWait;
    long start = nanoTime.getAsLong();
    while (true) {
      long wait = tryAcquireOrWaitNanos(priority);
      if (wait == 0) {
        ConnectorTelemetry.admitted(this, priority, nanoTime.getAsLong() - start);
        return;
      }
      if (nanoTime.getAsLong() - start + wait > bound.toNanos()) {
        ConnectorTelemetry.refused(this, priority, wait);
        throw new RateLimitedException(name, null,
            "local rate limit %s: next permit in %d ms (%s), more than the allowed wait of %d ms"
                .formatted(name, wait / 1_000_000L, priority, bound.toMillis()),
            Duration.ofNanos(wait));
      }
      try {
        sleeper.sleep(Duration.ofNanos(wait));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RateLimitedException(name, null, "interrupted while waiting for rate limit " + name,
            Duration.ofNanos(wait));
      }
    }
  }

  /**
   * Stops admitting for {@code retryAfter} (or the builder's cool-down when it is zero, i.e. the
   * venue sent none; never longer than {@link Builder#maxCooldown(Duration)}: a longer value is capped
   * and logged), because the venue answered "too many requests"; halves the effective capacity.
   * Overlapping cool-downs keep the later end.
   *
   * @param retryAfter the venue's {@code Retry-After}, or {@link Duration#ZERO} when not sent
   * @return the cool-down applied
   */
  public synchronized Duration coolDown(Duration retryAfter) {
    long asked = retryAfter == null ? 0 : saturatedNanos(retryAfter);
    // the venue's own value when it sent one (a Retry-After: 30 is 30 s, not the default)
    long nanos = asked > 0 ? asked : defaultCooldownNanos;
    if (nanos > maxCooldownNanos) {
      log.warn("rate limit {}: Retry-After of {} s capped at {} s", name, asked / 1_000_000_000L,
          maxCooldownNanos / 1_000_000_000L);
      nanos = maxCooldownNanos;
    }
    long now = nanoTime.getAsLong();
    long until = now + nanos;
    if (!blocked || until - blockedUntil > 0) {
      blockedUntil = until;
    }
    blocked = true;
    recover(now);
    if (now - lastThrottleChange >= 0 || effective == capacity) {
      // one halving per episode: 429s answered while an earlier one's cool-down runs say the same
      effective = Math.max(1, effective / 2);
    }
    lastThrottleChange = Math.max(lastThrottleChange - now, until - now) + now;
    Duration applied = Duration.ofNanos(nanos);
    ConnectorTelemetry.cooledDown(this, applied);
    return applied;
  }

  private static long saturatedNanos(Duration d) {
    try {
      return d.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  @Override
  public String toString() {
    return "RateLimiter[%s: %d per %s]".formatted(name, capacity, window());
  }

  /** Builds a {@link RateLimiter}; every setting may be set once. */
  public static final class Builder {
    private final String name;
    private int capacity = -1;
    private Duration window;
    private Duration cooldown = Duration.ofSeconds(1);
    private LongSupplier nanoTime = System::nanoTime;
    private Sleeper sleeper = Sleeper.SYSTEM;
    private double reserveFraction = DEFAULT_RESERVE_FRACTION;
    private Duration maxWait = Duration.ofSeconds(5);
    private Duration maxCooldown = Duration.ofMinutes(10);
    private Duration recoveryPeriod;

    private Builder(String name) {
      this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * Sets the capacity directly.
     *
     * @param permits admissions per window, {@code >= 1}
     * @return this builder
     */
    public Builder capacity(int permits) {
      if (capacity != -1) {
        throw new IllegalStateException("capacity was already set to " + capacity);
      }
      if (permits < 1) {
        throw new IllegalArgumentException("capacity must be >= 1: " + permits);
      }
      capacity = permits;
      return this;
    }

    /**
     * Sets the capacity to {@code floor(publishedLimit * fraction)}, at least 1.
     *
     * @param publishedLimit the venue's limit, {@code >= 1}
     * @param fraction the share used, in {@code (0, 1]}
     * @return this builder
     */
    public Builder publishedLimit(int publishedLimit, double fraction) {
      if (publishedLimit < 1) {
        throw new IllegalArgumentException("published limit must be >= 1: " + publishedLimit);
      }
      if (!(fraction > 0 && fraction <= 1)) {
        throw new IllegalArgumentException("fraction must be in (0, 1]: " + fraction);
      }
      return capacity(Math.max(1, (int) Math.floor(publishedLimit * fraction)));
    }

    /**
     * Sets the window.
     *
     * @param window the window, {@code > 0}
     * @return this builder
     */
    public Builder window(Duration window) {
      if (this.window != null) {
        throw new IllegalStateException("window was already set to " + this.window);
      }
      if (window == null || window.isNegative() || window.isZero()) {
        throw new IllegalArgumentException("window must be > 0: " + window);
      }
      this.window = window;
      return this;
    }

    /**
     * Sets the pause after a 429 that carried no {@code Retry-After} (a header's value is used as
     * sent, capped by {@link #maxCooldown(Duration)}); default 1 s.
     *
     * @param cooldown the pause, {@code >= 0}
     * @return this builder
     */
    public Builder cooldown(Duration cooldown) {
      if (cooldown == null || cooldown.isNegative()) {
        throw new IllegalArgumentException("cooldown must be >= 0: " + cooldown);
      }
      this.cooldown = cooldown;
      return this;
    }

    /**
     * Sets the share of the capacity kept for {@link Priority#CRITICAL}; default {@value
     * RateLimiter#DEFAULT_RESERVE_FRACTION}.
     *
     * @param fraction the share, in {@code [0, 0.5]}
     * @return this builder
     */
    public Builder reserveFraction(double fraction) {
      if (!(fraction >= 0 && fraction <= 0.5)) {
        throw new IllegalArgumentException("reserve fraction must be in [0, 0.5]: " + fraction);
      }
      this.reserveFraction = fraction;
      return this;
    }

    /**
     * Sets the default deadline of an acquire; default 5 s.
     *
     * @param maxWait the longest wait, {@code >= 0}
     * @return this builder
     */
    public Builder maxWait(Duration maxWait) {
      if (maxWait == null || maxWait.isNegative()) {
        throw new IllegalArgumentException("maxWait must be >= 0: " + maxWait);
      }
      this.maxWait = maxWait;
      return this;
    }

    /**
     * Sets the longest cool-down a {@code Retry-After} can cause; default 10 min.
     *
     * @param maxCooldown the cap, {@code > 0}
     * @return this builder
     */
    public Builder maxCooldown(Duration maxCooldown) {
      if (maxCooldown == null || maxCooldown.isNegative() || maxCooldown.isZero()) {
        throw new IllegalArgumentException("maxCooldown must be > 0: " + maxCooldown);
      }
      this.maxCooldown = maxCooldown;
      return this;
    }

    /**
     * Sets the quiet period after a 429 after which the effective capacity grows by a quarter of
     * the capacity; default one window.
     *
     * @param period the period, {@code > 0}
     * @return this builder
     */
    public Builder recoveryPeriod(Duration period) {
      if (period == null || period.isNegative() || period.isZero()) {
        throw new IllegalArgumentException("recoveryPeriod must be > 0: " + period);
      }
      this.recoveryPeriod = period;
      return this;
    }

    /**
     * Sets the monotonic time source in nanoseconds; default {@link System#nanoTime()}.
     *
     * @param nanoTime the source
     * @return this builder
     */
    public Builder nanoTime(LongSupplier nanoTime) {
      this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
      return this;
    }

    /**
     * Sets how waiting is done; default {@link Sleeper#SYSTEM}.
     *
     * @param sleeper the sleeper
     * @return this builder
     */
    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    /**
     * @return the limiter
     * @throws IllegalStateException if the capacity or the window is missing
     */
    public RateLimiter build() {
      if (capacity == -1 || window == null) {
        throw new IllegalStateException("rate limiter " + name + " needs a capacity and a window");
      }
      return new RateLimiter(this);
    }
  }
}
