package dev.nanpin.store;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link StateStore} is opened.
 *
 * @param clock the wall clock for the store's own timestamps ({@code created_at}, {@code
 *     recorded_at}, audit rows); {@link Clock#systemUTC()} by default
 * @param readOnly open an existing store for reading only: no migration is applied, no file is
 *     created, writes fail (what {@code nanpin status} uses while a bot runs)
 * @param busyTimeout how long a write waits for another process's lock before failing
 */
public record StoreOptions(Clock clock, boolean readOnly, Duration busyTimeout) {

  /** Validates. */
  public StoreOptions {
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    if (busyTimeout.isNegative() || busyTimeout.toMillis() > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("busyTimeout out of range: " + busyTimeout);
    }
  }

  /** @return read-write, system UTC clock, a 5 s busy timeout */
  public static StoreOptions defaults() {
    return new StoreOptions(Clock.systemUTC(), false, Duration.ofSeconds(5));
  }

  /**
   * @param newClock the clock
   * @return a copy with another clock
   */
  public StoreOptions withClock(Clock newClock) {
    return new StoreOptions(newClock, readOnly, busyTimeout);
  }

  /** @return a read-only copy */
  public StoreOptions asReadOnly() {
    return new StoreOptions(clock, true, busyTimeout);
  }

  /**
   * @param timeout the busy timeout
   * @return a copy with another busy timeout
   */
  public StoreOptions withBusyTimeout(Duration timeout) {
    return new StoreOptions(clock, readOnly, timeout);
  }
}
