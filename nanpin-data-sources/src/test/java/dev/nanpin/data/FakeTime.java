package dev.nanpin.data;

import dev.nanpin.ratelimit.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/** One fake time for tests: a monotonic nano clock, a wall clock that moves with it, a sleeper that advances it. */
public final class FakeTime {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final Instant start;
  private final LongSupplier nanoTime = nanos::get;

  /** @param start the wall time at creation */
  public FakeTime(Instant start) {
    this.start = start;
  }

  /** @param d how far to move time */
  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /** @return the monotonic clock */
  public LongSupplier nanoTime() {
    return nanoTime; // one object, so that limiters keyed by clock are shared like in production
  }

  /** @return the sleeper: advances time instead of waiting */
  public Sleeper sleeper() {
    return d -> nanos.addAndGet(Math.max(0, d.toNanos()));
  }

  /** @return now on the wall clock */
  public Instant now() {
    return start.plusNanos(nanos.get() - 1_000_000_000L);
  }

  /** @return the wall clock */
  public Clock clock() {
    return new Clock() {
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
        return now();
      }
    };
  }

  /**
   * @return a config builder on this fake time
   */
  public SourceConfig.Builder config() {
    return SourceConfig.builder().clock(clock()).nanoTime(nanoTime()).sleeper(sleeper());
  }
}
