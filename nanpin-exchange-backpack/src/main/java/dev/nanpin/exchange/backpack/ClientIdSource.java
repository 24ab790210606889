package dev.nanpin.exchange.backpack;

import dev.nanpin.OrderRequest;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Hands out order {@code clientId}s: unsigned 32-bit numbers, never the same twice for one
 * account. The live engine replaces the in-memory default with one that persists its counter,
 * so that ids stay unique across restarts.
 *
 * <p>Implementations are thread-safe.
 */
@FunctionalInterface
public interface ClientIdSource {
  /**
   * Returns a fresh id.
   *
   * @return an id in {@code [1, 4294967295]}, different from every id returned before
   * @throws IllegalStateException if the id space is exhausted
   */
  long next();

  /**
   * The process-wide in-memory counter (created on first use from the system clock, see {@link
   * #inMemory(Clock)}): every connector that uses it draws from one sequence, so two connectors
   * for the same account in one process never hand out the same id. The default of {@link
   * BackpackConfig}.
   *
   * @return the shared source
   */
  static ClientIdSource processWide() {
    return ProcessWideClientIds.INSTANCE;
  }

  /**
   * An in-memory counter, unique over this object's life. It starts from the wall clock in
   * tenths of a second since 2024-01-01 (modulo 2^32) so that a restarted process, without a
   * persisted counter, is unlikely to reuse the ids of its previous run; it never wraps round.
   *
   * @param clock the wall clock for the starting point
   * @return the source
   */
  static ClientIdSource inMemory(Clock clock) {
    long start = ((clock.millis() - 1_704_067_200_000L) / 100L) & OrderRequest.MAX_CLIENT_ID;
    return startingAt(Math.max(1, start));
  }

  /**
   * An in-memory counter from a given first id, for tests and for a persisted counter's restart.
   *
   * @param first the first id, in {@code [1, 4294967295]}
   * @return the source; it throws {@link IllegalStateException} after handing out 4294967295
   */
  static ClientIdSource startingAt(long first) {
    if (first < 1 || first > OrderRequest.MAX_CLIENT_ID) {
      throw new IllegalArgumentException("first client id must be in [1, 4294967295]: " + first);
    }
    AtomicLong next = new AtomicLong(first);
    return () -> {
      long id = next.getAndIncrement();
      if (id > OrderRequest.MAX_CLIENT_ID) {
        next.set(OrderRequest.MAX_CLIENT_ID + 1);
        throw new IllegalStateException("client id space exhausted; start a new counter from 1 after "
            + "checking that no open order uses the low ids");
      }
      return id;
    };
  }
}

/** Holder of the process-wide counter: created on first use, never in a static initialiser of the interface. */
final class ProcessWideClientIds {
  static final ClientIdSource INSTANCE = ClientIdSource.inMemory(Clock.systemUTC());

  private ProcessWideClientIds() {}
}
