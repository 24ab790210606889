package dev.nanpin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.OrderRequest;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's cached statements and its in-memory copies of what the order path reads (open
 * orders, the client-id counter, row ids) always answer what the database holds: after a
 * rollback, after another connection's commit, after a reopen.
 */
class StoreMemoryTest {
  @TempDir
  Path dir;

  private static OrderRequest buy(long clientId, String qty, String price) {
    return OrderRequest.limit("SOL_USDC", Side.BUY, new BigDecimal(qty), new BigDecimal(price), clientId);
  }

  private static OrderUpdate update(long clientId, OrderState state, String exchangeId, String filled) {
    return new OrderUpdate(clientId, state, exchangeId, filled == null ? null : new BigDecimal(filled), "test",
        Instant.parse("2026-03-01T12:00:01.234567Z"));
  }

  @Test
  void twoConnectionsOnOneFileSeeEachOthersCommits() {
    Path db = dir.resolve("two.db");
    try (StateStore a = StateStore.open(db); StateStore b = StateStore.open(db)) {
      assertThat(a.openOrders()).isEmpty();
      assertThat(a.lastClientId()).isZero();
      long id = b.allocateClientId();
      b.recordSending(buy(id, "1.5", "100.1"), 7);
      assertThat(a.lastClientId()).isEqualTo(id);
      assertThat(a.openOrders()).extracting(StoredOrder::clientId).containsExactly(id);
      assertThat(a.order(id)).map(StoredOrder::state).contains(OrderState.SENDING);
      a.updateOrder(update(id, OrderState.NEW, "x1", null));
      assertThat(b.openOrders()).extracting(StoredOrder::state).containsExactly(OrderState.NEW);
      b.updateOrder(update(id, OrderState.FILLED, null, "1.5"));
      assertThat(a.openOrders()).isEmpty();
      assertThat(a.order(id)).map(StoredOrder::state).contains(OrderState.FILLED);
      assertThat(a.allocateClientId()).isEqualTo(id + 1);
      assertThat(b.allocateClientId()).isEqualTo(id + 2);
      assertThat(a.statusHistory(id)).extracting(StatusChange::state)
          .containsExactly(OrderState.SENDING, OrderState.NEW, OrderState.FILLED);
    }
  }

  @Test
  void aRolledBackTransactionLeavesNothingInMemory() {
    try (StateStore store = StateStore.open(dir.resolve("rb.db"))) {
      store.recordSending(buy(store.allocateClientId(), "1", "100"), 1);
      assertThatThrownBy(() -> store.runInTransaction(s -> {
        long id = s.allocateClientId();
        s.recordSending(buy(id, "2", "99"), 2);
        s.updateOrder(update(1, OrderState.NEW, "x1", null));
        assertThat(s.openOrders()).hasSize(2);
        throw new IllegalStateException("callback failed");
      })).isInstanceOf(IllegalStateException.class);
      assertThat(store.lastClientId()).isEqualTo(1);
      assertThat(store.openOrders()).extracting(StoredOrder::clientId, StoredOrder::state)
          .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, OrderState.SENDING));
      assertThat(store.order(2)).isEmpty();
      assertThat(store.allocateClientId()).isEqualTo(2);
    }
  }

  @Test
  void theInMemoryOrdersAreWhatADatabaseReadGives() {
    Path db = dir.resolve("same.db");
    try (StateStore store = StateStore.open(db)) {
      for (int i = 0; i < 4; i++) {
        store.recordSending(buy(store.allocateClientId(), "1.50", "1E+2"), i);
      }
      store.updateOrder(update(2, OrderState.PARTIALLY_FILLED, "x2", "0.50"));
      store.updateOrder(update(3, OrderState.CANCELLED, "x3", null));
      store.adoptOrder(new dev.nanpin.Order("x9", 9, "SOL_USDC", Side.SELL, dev.nanpin.OrderType.LIMIT,
          dev.nanpin.OrderStatus.NEW, new BigDecimal("0.3"), BigDecimal.ZERO, new BigDecimal("120"), false,
          Instant.parse("2026-03-01T12:00:00Z")), -1, "adopted");
      var inMemory = store.openOrders();
      var byId = store.order(2).orElseThrow();
      try (StateStore reader = StateStore.open(db, new StoreOptions(java.time.Clock.systemUTC(), true, java.time.Duration.ofSeconds(5)))) {
        assertThat(inMemory).isEqualTo(reader.openOrders());
        assertThat(byId).isEqualTo(reader.order(2).orElseThrow());
      }
      assertThat(store.lastClientId()).isEqualTo(9);
    }
    try (StateStore reopened = StateStore.open(db)) {
      assertThat(reopened.openOrders()).extracting(StoredOrder::clientId).containsExactly(1L, 2L, 4L, 9L);
      assertThat(reopened.allocateClientId()).isEqualTo(10);
    }
  }

  @Test
  void aClientIdIsNeverStoredTwice() {
    try (StateStore store = StateStore.open(dir.resolve("dup.db"))) {
      long id = store.allocateClientId();
      store.recordSending(buy(id, "1", "100"), 1);
      store.updateOrder(update(id, OrderState.FILLED, "x1", "1"));
      assertThatThrownBy(() -> store.recordSending(buy(id, "1", "100"), 1)).isInstanceOf(StoreException.class)
          .hasMessageContaining("client id " + id + " is stored already");
      assertThat(store.openOrders()).isEmpty();
    }
  }
}
