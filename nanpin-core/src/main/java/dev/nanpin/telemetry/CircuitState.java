package dev.nanpin.telemetry;

/**
 * A circuit breaker as an observer sees it: its name and its state now. Implementations are
 * thread-safe.
 */
public interface CircuitState {
  /** @return the venue or data source the breaker guards, e.g. {@code backpack} */
  String name();

  /** @return the state now: {@code CLOSED}, {@code OPEN} or {@code HALF_OPEN} */
  String stateName();
}
