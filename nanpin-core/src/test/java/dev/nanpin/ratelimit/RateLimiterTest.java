package dev.nanpin.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.RateLimitedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new ArrayList<>();
  private final Sleeper fakeSleeper = d -> {
    sleeps.add(d);
    now.addAndGet(d.toNanos());
  };

  @Test
  void publishedLimitIsUsedAtNinetyFivePercent() {
    RateLimiter limiter = RateLimiter.ofPublishedLimit("backpack", 2000, Duration.ofMinutes(1));
    assertThat(limiter.capacity()).isEqualTo(1900);
    assertThat(RateLimiter.ofPublishedLimit("hist", 30, Duration.ofMinutes(1)).capacity()).isEqualTo(28);
    assertThat(RateLimiter.ofPublishedLimit("tiny", 1, Duration.ofMinutes(1)).capacity()).isEqualTo(1);
  }

  @Test
  void acquireWaitsOnTheInjectedSleeperUntilTheOldestAdmissionLeavesTheWindow() {
    RateLimiter limiter = RateLimiter.builder("t").capacity(2).window(Duration.ofSeconds(10))
        .maxWait(Duration.ofSeconds(10)).nanoTime(now::get).sleeper(fakeSleeper).build();
    limiter.acquire();
    now.addAndGet(Duration.ofSeconds(3).toNanos());
    limiter.acquire();
    limiter.acquire();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void coolDownBlocksForRetryAfterOrTheDefault() {
    RateLimiter limiter = RateLimiter.builder("t").capacity(100).window(Duration.ofSeconds(1))
        .cooldown(Duration.ofSeconds(2)).nanoTime(now::get).sleeper(fakeSleeper).build();
    limiter.coolDown(Duration.ofSeconds(5));
    assertThat(limiter.tryAcquireOrWaitNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
    limiter.coolDown(Duration.ZERO); // a shorter cool-down does not shorten the running one
    assertThat(limiter.tryAcquireOrWaitNanos()).isEqualTo(Duration.ofSeconds(5).toNanos());
    limiter.acquire();
    assertThat(sleeps).containsExactly(Duration.ofSeconds(5));

    limiter.coolDown(Duration.ZERO);
    assertThat(limiter.tryAcquireOrWaitNanos()).isEqualTo(Duration.ofSeconds(2).toNanos());
  }

  @Test
  void boundedAcquireFailsWithoutTakingAPermit() {
    RateLimiter limiter = RateLimiter.builder("t").capacity(1).window(Duration.ofSeconds(60))
        .nanoTime(now::get).sleeper(fakeSleeper).build();
    limiter.acquire();
    assertThatThrownBy(() -> limiter.acquire(Duration.ofSeconds(1)))
        .isInstanceOf(RateLimitedException.class)
        .hasMessageContaining("next permit in 60000 ms")
        .extracting(e -> ((RateLimitedException) e).retryAfter()).isEqualTo(Duration.ofSeconds(60));
    assertThat(sleeps).isEmpty();
  }

  @Test
  void builderRejectsBadSettings() {
    assertThatThrownBy(() -> RateLimiter.builder("t").capacity(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.builder("t").capacity(1).capacity(2)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RateLimiter.builder("t").publishedLimit(10, 1.5)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RateLimiter.builder("t").capacity(1).build()).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> RateLimiter.builder("t").window(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
  }
}
