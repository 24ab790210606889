package dev.nanpin.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.RateLimitedException;
import dev.nanpin.Subscription;
import dev.nanpin.ratelimit.Priority;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ConnectorTelemetryTest {
  @Test
  void aLateObserverHearsExistingLimitersThenTheirEventsUntilItUnsubscribes() {
    AtomicLong now = new AtomicLong();
    RateLimiter limiter = RateLimiter.builder("telemetry-core-test").capacity(1).window(Duration.ofSeconds(10))
        .reserveFraction(0).nanoTime(now::get).sleeper(d -> now.addAndGet(d.toNanos())).build();
    List<String> heard = new CopyOnWriteArrayList<>();
    Subscription s = ConnectorTelemetry.observe(new ConnectorTelemetry.Observer() {
      @Override
      public void limiterCreated(RateLimiter l) {
        if (l == limiter) {
          heard.add("created");
        }
      }

      @Override
      public void admitted(RateLimiter l, Priority p, Duration waited) {
        if (l == limiter) {
          heard.add("admitted " + p + " after " + waited.toSeconds() + " s");
        }
      }

      @Override
      public void refused(RateLimiter l, Priority p, Duration wait) {
        if (l == limiter) {
          heard.add("refused " + p + ", needed " + wait.toSeconds() + " s");
        }
      }

      @Override
      public void cooledDown(RateLimiter l, Duration d) {
        if (l == limiter) {
          heard.add("cooled down " + d.toSeconds() + " s");
        }
      }
    });
    limiter.acquire(Priority.MEDIUM);
    assertThatThrownBy(() -> limiter.acquire(Priority.CRITICAL, Duration.ofSeconds(1)))
        .isInstanceOf(RateLimitedException.class);
    limiter.acquire(Priority.CRITICAL, Duration.ofSeconds(30));
    limiter.coolDown(Duration.ofSeconds(2));
    s.close();
    now.addAndGet(Duration.ofMinutes(1).toNanos());
    limiter.acquire(Priority.CRITICAL);
    assertThat(heard).containsExactly("created", "admitted MEDIUM after 0 s", "refused CRITICAL, needed 10 s",
        "admitted CRITICAL after 10 s", "cooled down 2 s");
    assertThat(limiter.usage()).isEqualTo(1.0);
  }
}
