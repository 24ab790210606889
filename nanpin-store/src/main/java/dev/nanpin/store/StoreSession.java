package dev.nanpin.store;

import dev.nanpin.AccountState;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderRequest;
import dev.nanpin.Position;
import dev.nanpin.Stateful;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The reads and writes of the state store. {@link StateStore} implements it with one
 * transaction per call; {@link StateStore#inTransaction} hands out a session whose calls all
 * commit together or not at all.
 *
 * <p>Decimals are stored exactly (as plain text) and come back equal by {@code compareTo};
 * instants are stored as epoch milliseconds, so sub-millisecond precision is dropped.
 */
public interface StoreSession {

  // ---- client ids -------------------------------------------------------------------------

  /**
   * Allocates the next client id and makes the allocation durable before returning, so an id
   * is never handed out twice, also across crashes and restarts. Ids start at 1 and increase by
   * one; an id whose order was never recorded is skipped, never reused.
   *
   * @return the new id, in {@code [1, 4294967295]}
   * @throws StoreException when all unsigned 32-bit ids are used, or the write fails
   */
  long allocateClientId();

  /**
   * Raises the counter so that no id up to {@code seen} is ever allocated: used when an order
   * with our id is found at the venue that the store did not know. Lowering is ignored.
   *
   * @param seen a client id observed at the venue
   */
  void raiseClientIdFloor(long seen);

  /** @return the last client id allocated, {@code 0} when none */
  long lastClientId();

  // ---- orders -----------------------------------------------------------------------------

  /**
   * Records an order in state {@link OrderState#SENDING}, before it is sent. Its client id must
   * come from {@link #allocateClientId()} (or a venue record, see {@link #adoptOrder}).
   *
   * @param request the request about to be sent
   * @param tag the strategy's tag of the intent
   * @return the stored order
   * @throws StoreException if an order with that client id exists already
   */
  StoredOrder recordSending(OrderRequest request, int tag);

  /**
   * Records an order found at the venue that carries one of our client ids but is missing from
   * the store (adoption by reconciliation), and raises the client-id floor past it.
   *
   * @param order the venue's order
   * @param tag the tag to give it ({@code -1} when unknown)
   * @param reason why it is adopted
   * @return the stored order
   * @throws StoreException if an order with that client id exists already
   */
  StoredOrder adoptOrder(Order order, int tag, String reason);

  /**
   * Applies a state change and appends it to the order's status history.
   *
   * <p>Rules: a filled quantity never goes down; a terminal order never becomes open or another
   * terminal state again, except {@link OrderState#FAILED}, which the venue's view overrides;
   * an exchange order id, once known, never changes. Updates that break the first two rules are
   * ignored and reported as {@link UpdateResult#STALE}.
   *
   * @param update the change
   * @return what was done
   * @throws StoreException if no order has that client id, or the exchange order id would change
   */
  UpdateResult updateOrder(OrderUpdate update);

  /**
   * @param clientId a client id
   * @return the order, or empty
   */
  Optional<StoredOrder> order(long clientId);

  /**
   * @param exchangeOrderId the venue's id
   * @return the order, or empty
   */
  Optional<StoredOrder> orderByExchangeId(String exchangeOrderId);

  /** @return orders not in a terminal state (including {@code SENDING}), oldest first */
  List<StoredOrder> openOrders();

  /**
   * @param limit the most rows to return, {@code > 0}
   * @return the most recently created orders, newest first
   */
  List<StoredOrder> recentOrders(int limit);

  /**
   * @param clientId a client id
   * @return the order's status history, oldest first; empty for an unknown id
   */
  List<StatusChange> statusHistory(long clientId);

  // ---- fills ------------------------------------------------------------------------------

  /**
   * Records a fill once. A fill whose id is already stored is not written again.
   *
   * @param fill the fill
   * @return {@code true} if the fill was new and is now stored, {@code false} if it was a
   *     duplicate (then nothing changed)
   */
  boolean recordFill(Fill fill);

  /**
   * @param fillId the venue's fill id
   * @return whether that fill is stored
   */
  boolean hasFill(String fillId);

  /**
   * @param from the earliest fill time, inclusive
   * @return the fills at or after {@code from}, in fill-time order (then insertion order)
   */
  List<Fill> fillsSince(Instant from);

  /**
   * @param clientId an order's client id
   * @return its fills, in fill-time order
   */
  List<Fill> fillsOf(long clientId);

  /** @return the fill with the latest fill time, or empty: where a REST fill query resumes */
  Optional<Fill> lastFill();

  /** @return the number of stored fills */
  long fillCount();

  /** @return the number of orders in each state, every state present (zero when none) */
  java.util.Map<OrderState, Long> orderCounts();

  // ---- positions, equity ------------------------------------------------------------------

  /**
   * Appends a position snapshot.
   *
   * @param position the position
   */
  void savePosition(Position position);

  /**
   * @param symbol a symbol
   * @return the latest snapshot of that symbol, or empty
   */
  Optional<Position> latestPosition(String symbol);

  /** @return the latest snapshot of every symbol, by symbol */
  List<Position> latestPositions();

  /**
   * Appends an equity snapshot.
   *
   * @param account the account's margin view
   */
  void saveEquity(AccountState account);

  /** @return the latest equity snapshot, or empty */
  Optional<AccountState> latestEquity();

  /**
   * @param from the earliest snapshot time, inclusive
   * @param to the latest snapshot time, exclusive
   * @return the snapshots in that window, oldest first
   */
  List<AccountState> equityHistory(Instant from, Instant to);

  // ---- plugin state -----------------------------------------------------------------------

  /**
   * Replaces the saved state of one plugin with a new snapshot (all keys at once).
   *
   * @param kind strategy or sizer
   * @param owner which plugin instance, e.g. {@code "nanpin"} or {@code "sizer.0"}
   * @param state the snapshot from {@link dev.nanpin.Stateful#saveState()}; no null keys or values
   */
  void saveState(StateKind kind, String owner, Map<String, String> state);

  /**
   * @param kind strategy or sizer
   * @param owner which plugin instance
   * @return the saved snapshot, sorted by key, empty when none
   */
  Map<String, String> loadState(StateKind kind, String owner);

  /**
   * @param kind strategy or sizer
   * @return the owners that have saved state, sorted
   */
  List<String> stateOwners(StateKind kind);

  /**
   * Saves a plugin's current state: {@code saveState(kind, owner, plugin.saveState())}.
   *
   * @param kind strategy or sizer
   * @param owner which plugin instance
   * @param plugin the plugin
   */
  default void save(StateKind kind, String owner, Stateful plugin) {
    saveState(kind, owner, plugin.saveState());
  }

  /**
   * Restores a plugin from its saved state, if there is any: what the engine does before the
   * first event after a restart, so that a ladder, its cooldowns and a sizer's buy-count history
   * come back.
   *
   * @param kind strategy or sizer
   * @param owner which plugin instance
   * @param plugin the plugin
   * @return {@code true} if state was found and handed to {@link Stateful#restoreState}, {@code
   *     false} on a first start (the plugin is left as constructed)
   */
  default boolean restore(StateKind kind, String owner, Stateful plugin) {
    Map<String, String> state = loadState(kind, owner);
    if (state.isEmpty()) {
      return false;
    }
    plugin.restoreState(state);
    return true;
  }

  // ---- audit ------------------------------------------------------------------------------

  /**
   * Appends a decision to the audit log, stamped with the store's clock.
   *
   * @param action what was decided, e.g. {@code ADOPT_ORDER}
   * @param subject what it was about
   * @param changed whether it changed the store
   * @param detail the numbers behind it
   * @return the stored entry with its id
   */
  AuditEntry audit(String action, String subject, boolean changed, String detail);

  /**
   * @param limit the most rows to return, {@code > 0}
   * @return the latest entries, newest first
   */
  List<AuditEntry> auditLog(int limit);
}
