package dev.nanpin.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.RateLimitedException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Priorities and reserve, bounded waits, capped cool-downs, adaptive throttling. */
class RateLimiterV2Test {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new ArrayList<>();
  private final Sleeper fakeSleeper = d -> {
    sleeps.add(d);
    now.addAndGet(d.toNanos());
  };

  private RateLimiter.Builder limiter(int capacity) {
    return RateLimiter.builder("t").capacity(capacity).window(Duration.ofMinutes(1)).nanoTime(now::get)
        .sleeper(fakeSleeper);
  }

  @Test
  void aLongRetryAfterFailsEveryLaterAcquireAtOnceInsteadOfBlocking() {
    RateLimiter l = limiter(100).build();
    l.coolDown(Duration.ofSeconds(3600));
    assertThatThrownBy(() -> l.acquire(Priority.CRITICAL))
        .isInstanceOfSatisfying(RateLimitedException.class,
            e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(600)));
    assertThatThrownBy(l::acquire).isInstanceOf(RateLimitedException.class);
    assertThat(sleeps).isEmpty(); // failed at once: nothing waited
  }

  @Test
  void retryAfterIsCappedEvenForADateDecadesAhead() {
    RateLimiter l = limiter(100).maxCooldown(Duration.ofMinutes(2)).build();
    Duration applied = l.coolDown(Duration.of(75 * 365, ChronoUnit.DAYS));
    assertThat(applied).isEqualTo(Duration.ofMinutes(2));
    assertThat(l.tryAcquireOrWaitNanos()).isEqualTo(Duration.ofMinutes(2).toNanos());
  }

  @Test
  void theHeadersValueIsHonouredEvenWhenShorterThanTheDefaultCooldown() {
    RateLimiter l = limiter(100).cooldown(Duration.ofSeconds(65)).build();
    assertThat(l.coolDown(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    assertThat(l.tryAcquireOrWaitNanos()).isEqualTo(Duration.ofSeconds(30).toNanos());
    now.addAndGet(Duration.ofSeconds(30).toNanos());
    assertThat(l.coolDown(Duration.ZERO)).isEqualTo(Duration.ofSeconds(65)); // absent header: default
  }

  @Test
  void perCallDeadlineOverridesTheDefault() {
    RateLimiter l = limiter(1).maxWait(Duration.ofSeconds(2)).build();
    l.acquire();
    assertThatThrownBy(() -> l.acquire(Priority.CRITICAL, Duration.ofSeconds(59)))
        .isInstanceOf(RateLimitedException.class);
    l.acquire(Priority.CRITICAL, Duration.ofSeconds(60));
    assertThat(sleeps).containsExactly(Duration.ofMinutes(1));
  }

  @Test
  void lowerPrioritiesStopShortOfTheReserveAndCriticalUsesIt() {
    RateLimiter l = limiter(100).build(); // reserve 10
    assertThat(l.reserve()).isEqualTo(10);
    int low = 0;
    while (l.tryAcquire(Priority.LOW)) {
      low++;
    }
    assertThat(low).isEqualTo(85);
    int medium = 0;
    while (l.tryAcquire(Priority.MEDIUM)) {
      medium++;
    }
    assertThat(medium).isEqualTo(3); // up to 100 - 12 = 88
    int high = 0;
    while (l.tryAcquire(Priority.HIGH)) {
      high++;
    }
    assertThat(high).isEqualTo(2); // up to 90
    int critical = 0;
    while (l.tryAcquire(Priority.CRITICAL)) {
      critical++;
    }
    assertThat(critical).isEqualTo(10);
  }

  @Test
  void a429HalvesTheRateWhichRecoversStepwiseAfterQuietPeriodsAndNeverExceedsTheCapacity() {
    RateLimiter l = limiter(100).cooldown(Duration.ZERO).recoveryPeriod(Duration.ofMinutes(1)).build();
    l.coolDown(Duration.ZERO);
    assertThat(l.effectiveCapacity()).isEqualTo(50);
    l.coolDown(Duration.ZERO);
    assertThat(l.effectiveCapacity()).isEqualTo(25);
    now.addAndGet(Duration.ofSeconds(59).toNanos());
    assertThat(l.effectiveCapacity()).isEqualTo(25);
    now.addAndGet(Duration.ofSeconds(1).toNanos());
    assertThat(l.effectiveCapacity()).isEqualTo(50);
    now.addAndGet(Duration.ofMinutes(1).toNanos());
    assertThat(l.effectiveCapacity()).isEqualTo(75);
    now.addAndGet(Duration.ofMinutes(10).toNanos());
    assertThat(l.effectiveCapacity()).isEqualTo(100);
    int admitted = 0;
    while (l.tryAcquire()) {
      admitted++;
    }
    assertThat(admitted).isEqualTo(100);
  }

  @Test
  void throttledLimiterAdmitsOnlyItsEffectiveCapacityPerWindow() {
    RateLimiter l = limiter(100).cooldown(Duration.ZERO).build();
    l.coolDown(Duration.ZERO);
    int admitted = 0;
    while (l.tryAcquire()) {
      admitted++;
    }
    assertThat(admitted).isEqualTo(50);
  }
}
