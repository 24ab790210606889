package dev.nanpin.ratelimit;

import dev.nanpin.RateLimitedException;
import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;

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
 * <p>Time comes from an injected monotonic {@code LongSupplier} (nanoseconds, like {@link
 * System#nanoTime()}) and waiting from an injected {@link Sleeper}, so tests run on fake time.
 *
 * <p>Thread-safe: the log is guarded by this object's monitor; waiting happens outside it.
 */
public final class RateLimiter {
  /** The share of a published limit used by default: 95 %. */
  public static final double DEFAULT_SAFETY_FRACTION = 0.95;

  private final String name;
  private final int capacity;
  private final long windowNanos;
  private final long defaultCooldownNanos;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;

  private final long[] ring;
  private int head;
  private int size;
  private long blockedUntil;
  private boolean blocked;

  private RateLimiter(Builder b) {
    this.name = b.name;
    this.capacity = b.capacity;
    this.windowNanos = b.window.toNanos();
    this.defaultCooldownNanos = b.cooldown.toNanos();
    this.nanoTime = b.nanoTime;
    this.sleeper = b.sleeper;
    this.ring = new long[capacity];
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

  /**
   * Admits a request now if the limit allows it, else says how long to wait.
   *
   * @return {@code 0} if a permit was taken, else the nanoseconds after which asking again may
   *     succeed ({@code > 0})
   */
  public synchronized long tryAcquireOrWaitNanos() {
    long now = nanoTime.getAsLong();
    if (blocked) {
      long left = blockedUntil - now;
      if (left > 0) {
        return left;
      }
      blocked = false;
    }
    if (size < capacity) {
      ring[(head + size) % capacity] = now;
      size++;
      return 0;
    }
    long age = now - ring[head];
    if (age >= windowNanos) {
      ring[head] = now;
      head = (head + 1) % capacity;
      return 0;
    }
    return windowNanos - age;
  }

  /**
   * Takes a permit if one is free now.
   *
   * @return whether a permit was taken
   */
  public boolean tryAcquire() {
    return tryAcquireOrWaitNanos() == 0;
  }

  /**
   * Waits as long as needed for a permit.
   *
   * @throws RateLimitedException if the thread is interrupted while waiting (the interrupt flag
   *     is restored)
   */
  public void acquire() {
    acquire(null);
  }

  /**
   * Waits for a permit, but not longer than {@code maxWait}.
   *
   * @param maxWait the longest acceptable wait, or {@code null} for no bound
   * @throws RateLimitedException if the next permit is further away than {@code maxWait}
   *     (nothing is taken then), or the thread is interrupted
   */
  public void acquire(Duration maxWait) {
    long start = nanoTime.getAsLong();
    while (true) {
      long wait = tryAcquireOrWaitNanos();
      if (wait == 0) {
        return;
      }
      if (maxWait != null && nanoTime.getAsLong() - start + wait > maxWait.toNanos()) {
        throw new RateLimitedException(name, null,
            "local rate limit %s: next permit in %d ms, more than the allowed wait of %d ms"
                .formatted(name, wait / 1_000_000L, maxWait.toMillis()),
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
   * Stops admitting for {@code retryAfter} (or the builder's cool-down when that is zero or
   * shorter), because the venue answered "too many requests". Overlapping cool-downs keep the
   * later end.
   *
   * @param retryAfter the venue's {@code Retry-After}, or {@link Duration#ZERO} when not sent
   */
  public synchronized void coolDown(Duration retryAfter) {
    long nanos = Math.max(defaultCooldownNanos, retryAfter == null ? 0 : retryAfter.toNanos());
    long until = nanoTime.getAsLong() + nanos;
    if (!blocked || until - blockedUntil > 0) {
      blockedUntil = until;
    }
    blocked = true;
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
     * Sets the pause after a 429 that carried no {@code Retry-After}; default 1 s.
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
