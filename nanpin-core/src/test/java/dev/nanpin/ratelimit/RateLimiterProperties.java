package dev.nanpin.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class RateLimiterProperties {

  @Property(tries = 300)
  void neverAdmitsMoreThanCapacityInAnyWindow(
      @ForAll @IntRange(min = 1, max = 40) int capacity,
      @ForAll @LongRange(min = 1, max = 5_000) long windowMillis,
      @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 400) Long> stepsMillis,
      @ForAll @IntRange(min = 0, max = 400) int cooldownAt) {
    AtomicLong now = new AtomicLong(123_456_789L);
    RateLimiter limiter = RateLimiter.builder("t").capacity(capacity)
        .window(Duration.ofMillis(windowMillis)).nanoTime(now::get).build();
    List<Long> admitted = new ArrayList<>();
    for (int i = 0; i < stepsMillis.size(); i++) {
      now.addAndGet(stepsMillis.get(i) * 1_000_000L);
      if (i == cooldownAt) {
        limiter.coolDown(Duration.ofMillis(stepsMillis.get(i)));
      }
      // several attempts at the same instant: bursts are the dangerous case
      for (int k = 0; k < 3; k++) {
        if (limiter.tryAcquire()) {
          admitted.add(now.get());
        }
      }
    }
    long windowNanos = windowMillis * 1_000_000L;
    for (int i = capacity; i < admitted.size(); i++) {
      // capacity + 1 admissions never fit in one half-open window
      assertThat(admitted.get(i) - admitted.get(i - capacity)).isGreaterThanOrEqualTo(windowNanos);
    }
  }

  @Property(tries = 200)
  void admitsFullCapacityWhenIdle(
      @ForAll @IntRange(min = 1, max = 100) int capacity,
      @ForAll @LongRange(min = 1, max = 10_000) long windowMillis) {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = RateLimiter.builder("t").capacity(capacity)
        .window(Duration.ofMillis(windowMillis)).nanoTime(now::get).build();
    for (int i = 0; i < capacity; i++) {
      assertThat(limiter.tryAcquire()).isTrue();
    }
    long wait = limiter.tryAcquireOrWaitNanos();
    assertThat(wait).isEqualTo(windowMillis * 1_000_000L);
    now.addAndGet(wait);
    assertThat(limiter.tryAcquire()).isTrue();
  }

  @Property(tries = 300)
  void criticalIsNeverRefusedWhileItsReserveIsNotUsedUpAndTheWindowCapHolds(
      @ForAll @IntRange(min = 10, max = 200) int capacity,
      @ForAll @LongRange(min = 1, max = 5_000) long windowMillis,
      @ForAll @Size(min = 1, max = 400) List<@LongRange(min = 0, max = 300) Long> stepsMillis,
      @ForAll @Size(min = 400, max = 400) List<@IntRange(min = 0, max = 3) Integer> priorities) {
    AtomicLong now = new AtomicLong(987_654_321L);
    RateLimiter limiter = RateLimiter.builder("t").capacity(capacity)
        .window(Duration.ofMillis(windowMillis)).nanoTime(now::get).build();
    long windowNanos = windowMillis * 1_000_000L;
    List<Long> admitted = new ArrayList<>();
    List<Long> critical = new ArrayList<>();
    for (int i = 0; i < stepsMillis.size(); i++) {
      now.addAndGet(stepsMillis.get(i) * 1_000_000L);
      for (int k = 0; k < 4; k++) {
        Priority p = Priority.values()[priorities.get((i * 4 + k) % priorities.size())];
        long t = now.get();
        long criticalInWindow = critical.stream().filter(c -> t - c < windowNanos).count();
        boolean ok = limiter.tryAcquire(p);
        if (p == Priority.CRITICAL && criticalInWindow < limiter.reserve()) {
          assertThat(ok).as("CRITICAL refused with %d of %d reserved in the window", criticalInWindow,
              limiter.reserve()).isTrue();
        }
        if (ok) {
          admitted.add(t);
          if (p == Priority.CRITICAL) {
            critical.add(t);
          }
        }
      }
    }
    for (int i = capacity; i < admitted.size(); i++) {
      assertThat(admitted.get(i) - admitted.get(i - capacity)).isGreaterThanOrEqualTo(windowNanos);
    }
  }
}
