package dev.nanpin.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nanpin.Subscription;
import dev.nanpin.telemetry.CircuitState;
import dev.nanpin.telemetry.ConnectorTelemetry;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** A circuit breaker announces itself and its openings to {@link ConnectorTelemetry}, for the bot's meters. */
class CircuitBreakerTelemetryTest {
  @Test
  void anObserverHearsTheBreakerCreatedAndOpenedAndReadsItsState() {
    List<String> heard = new CopyOnWriteArrayList<>();
    AtomicLong now = new AtomicLong();
    try (Subscription s = ConnectorTelemetry.observe(new ConnectorTelemetry.Observer() {
      @Override
      public void breakerCreated(CircuitState b) {
        if (b.name().equals("telemetry-test")) {
          heard.add("created " + b.stateName());
        }
      }

      @Override
      public void breakerOpened(CircuitState b) {
        if (b.name().equals("telemetry-test")) {
          heard.add("opened " + b.stateName());
        }
      }
    })) {
      CircuitBreaker breaker = new CircuitBreaker("telemetry-test", 2, 1.0, 10, Duration.ofSeconds(10), now::get);
      breaker.onFailure();
      breaker.onFailure();
      now.addAndGet(Duration.ofSeconds(10).toNanos());
      assertThat(breaker.stateName()).isEqualTo("HALF_OPEN");
      breaker.acquirePermission(true);
      breaker.onFailure(); // the probe failed: open again
      assertThat(ConnectorTelemetry.circuitBreakers()).contains(breaker);
    }
    assertThat(heard).containsExactly("created CLOSED", "opened OPEN", "opened OPEN");
  }
}
