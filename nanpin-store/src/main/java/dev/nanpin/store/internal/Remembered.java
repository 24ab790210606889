package dev.nanpin.store.internal;

import dev.nanpin.store.StoredOrder;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a store connection keeps in memory of its database: the open orders (the live engine's
 * order path reads them on every order, for the orders of unknown outcome and the resting
 * notional), the client-id counter and the last row id of each table. The database stays the
 * durable source of truth: every write goes to it first (and, in the engine, commits before an
 * order is sent), and only then is the copy updated; the copy is loaded from the database on
 * first use and dropped ({@link #forget()}) whenever it could differ: after a rolled-back
 * transaction, after a failed statement, and when another connection has committed ({@link
 * Transactions#dataVersion}). A restart therefore rebuilds it from the store alone.
 *
 * <p>Not thread-safe: the store serialises every call on its connection.
 */
final class Remembered {
  /** The open orders, ordered as the database lists them (created, then client id); null: not loaded. */
  private List<StoredOrder> open;
  /** The client-id counter's value, or -1 when not loaded. */
  long lastClientId = -1;
  private final Map<String, long[]> lastRowIds = new HashMap<>();

  /** Drops every copy; the next read loads it from the database. */
  void forget() {
    open = null;
    lastClientId = -1;
    lastRowIds.clear();
  }

  /** @return the open orders, or {@code null} when not loaded; callers must not change the list */
  List<StoredOrder> open() {
    return open;
  }

  /** @param rows the open orders as the database lists them */
  void openLoaded(List<StoredOrder> rows) {
    open = new ArrayList<>(rows);
  }

  /** @return the open order with this client id, or {@code null} (not open, or not loaded) */
  StoredOrder openOrder(long clientId) {
    if (open != null) {
      for (StoredOrder o : open) {
        if (o.clientId() == clientId) {
          return o;
        }
      }
    }
    return null;
  }

  /**
   * The database now holds {@code o} (inserted or updated): the copy follows, keeping the
   * database's order. Decimals and instants must be as a read of the row gives them.
   */
  void written(StoredOrder o) {
    if (open == null) {
      return;
    }
    open.removeIf(x -> x.clientId() == o.clientId());
    if (o.state().isOpen()) {
      int i = open.size();
      while (i > 0 && after(open.get(i - 1), o)) {
        i--;
      }
      open.add(i, o);
    }
  }

  private static boolean after(StoredOrder a, StoredOrder b) {
    int c = a.createdAt().compareTo(b.createdAt());
    return c > 0 || (c == 0 && a.clientId() > b.clientId());
  }

  /**
   * The next row id of {@code table}, from the remembered last one.
   *
   * @return the id, or -1 when not known
   */
  long nextRowId(String table) {
    long[] last = lastRowIds.get(table);
    return last == null ? -1 : last[0] + 1;
  }

  /** Row {@code id} of {@code table} is (being) written. */
  void rowIdUsed(String table, long id) {
    long[] last = lastRowIds.computeIfAbsent(table, t -> new long[1]);
    last[0] = Math.max(last[0], id);
  }

  /** A decimal as a read of the stored text gives it back ({@code toPlainString}, then parsed). */
  static BigDecimal asStored(BigDecimal d) {
    return d == null || d.scale() >= 0 ? d : d.setScale(0);
  }

  /** An instant as stored: whole milliseconds. */
  static Instant asStored(Instant t) {
    return Instant.ofEpochMilli(t.toEpochMilli());
  }
}
