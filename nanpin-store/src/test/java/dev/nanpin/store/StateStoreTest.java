package dev.nanpin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.AccountState;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderStatus;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Side;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateStoreTest {
  private static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");
  private static final StoreOptions OPTIONS = StoreOptions.defaults().withClock(Clock.fixed(T0, ZoneOffset.UTC));

  @TempDir
  Path dir;

  private StateStore open() {
    return StateStore.open(dir.resolve("bot.db"), OPTIONS);
  }

  private static Fill fill(String id, long clientId, String qty) {
    return new Fill(id, "ex-" + clientId, clientId, "SOL_USDC", Side.BUY, new BigDecimal("101.25"),
        new BigDecimal(qty), new BigDecimal("0.0101"), "USDC", true, T0.plusSeconds(clientId));
  }

  private static OrderRequest limitBuy(long clientId) {
    return OrderRequest.limit("SOL_USDC", Side.BUY, new BigDecimal("1.5"), new BigDecimal("100.1"), clientId);
  }

  @Test
  void migratesAnEmptyDatabaseAndReopensWithoutReapplying() throws Exception {
    try (StateStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(1);
      store.recordFill(fill("f1", 1, "1"));
    }
    try (StateStore store = open()) {
      assertThat(store.schemaVersion()).isEqualTo(1);
      assertThat(store.fillCount()).isEqualTo(1);
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*), MIN(version), MAX(applied_at) FROM schema_version")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getInt(2)).isEqualTo(1);
      assertThat(rs.getLong(3)).isEqualTo(T0.toEpochMilli());
    }
  }

  @Test
  void runsInWalModeWithFullSynchronous() {
    try (StateStore store = open()) {
      assertThat(store.sqlitePragma("journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(store.sqlitePragma("synchronous")).isEqualTo("2"); // FULL
      assertThat(store.sqlitePragma("foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void refusesAMigrationEditedAfterItRan() throws Exception {
    open().close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate("UPDATE schema_version SET checksum = 'abc' WHERE version = 1");
    }
    assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
        .hasMessageContaining("migration 1").hasMessageContaining("edited after it ran");
  }

  @Test
  void refusesAStoreFromANewerVersion() throws Exception {
    open().close();
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bot.db"));
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO schema_version VALUES (99, 'future', 'x', 0)");
    }
    assertThatThrownBy(this::open).isInstanceOf(StoreException.class)
        .hasMessageContaining("schema version 99 is newer");
  }

  @Test
  void duplicateFillIsANoOpThatIsReported() {
    try (StateStore store = open()) {
      assertThat(store.recordFill(fill("t-1", 7, "0.5"))).isTrue();
      assertThat(store.recordFill(fill("t-1", 7, "0.5"))).isFalse();
      assertThat(store.recordFill(fill("t-1", 7, "9"))).isFalse(); // different content: first record kept
      assertThat(store.fillCount()).isEqualTo(1);
      assertThat(store.fillsOf(7)).singleElement()
          .satisfies(f -> assertThat(f.quantity()).isEqualByComparingTo("0.5"));
      assertThat(store.hasFill("t-1")).isTrue();
      assertThat(store.hasFill("t-2")).isFalse();
    }
  }

  @Test
  void fillsRoundTripExactlyAndInTimeOrder() {
    try (StateStore store = open()) {
      Fill tiny = new Fill("a", "o", -1, "BTC_USDC_PERP", Side.SELL, new BigDecimal("0.000000012345678901234567890123"),
          new BigDecimal("123456789012345678901234567890.5"), BigDecimal.ZERO, "USDC", false, T0.plusMillis(5));
      Fill early = fill("b", 3, "2");
      store.recordFill(tiny);
      store.recordFill(early);
      List<Fill> all = store.fillsSince(Instant.EPOCH);
      assertThat(all).containsExactly(tiny, early); // records strip trailing zeros, so equals is exact
      assertThat(store.fillsSince(T0.plusSeconds(1))).containsExactly(early);
      assertThat(store.lastFill()).contains(early);
    }
  }

  @Test
  void clientIdsIncreaseAndSurviveReopen() {
    long last;
    try (StateStore store = open()) {
      assertThat(store.lastClientId()).isZero();
      assertThat(store.allocateClientId()).isEqualTo(1);
      assertThat(store.allocateClientId()).isEqualTo(2);
      last = store.allocateClientId();
    }
    try (StateStore store = open()) {
      assertThat(store.lastClientId()).isEqualTo(last);
      assertThat(store.allocateClientId()).isEqualTo(last + 1);
    }
  }

  @Test
  void clientIdsStopAtTheUnsigned32BitLimit() {
    try (StateStore store = open()) {
      store.raiseClientIdFloor(OrderRequest.MAX_CLIENT_ID - 1);
      store.raiseClientIdFloor(5); // lowering is ignored
      assertThat(store.allocateClientId()).isEqualTo(OrderRequest.MAX_CLIENT_ID);
      assertThatThrownBy(store::allocateClientId).isInstanceOf(StoreException.class)
          .hasMessageContaining("4294967295");
      assertThat(store.lastClientId()).isEqualTo(OrderRequest.MAX_CLIENT_ID);
    }
  }

  @Test
  void anOrderIsRecordedAsSendingOnlyWithAnAllocatedUnusedId() {
    try (StateStore store = open()) {
      assertThatThrownBy(() -> store.recordSending(limitBuy(1), 0)).isInstanceOf(StoreException.class)
          .hasMessageContaining("not allocated");
      long id = store.allocateClientId();
      StoredOrder o = store.recordSending(limitBuy(id), 3);
      assertThat(o.state()).isEqualTo(OrderState.SENDING);
      assertThat(o.toRequest()).isEqualTo(limitBuy(id));
      assertThat(store.order(id)).contains(o);
      assertThatThrownBy(() -> store.recordSending(limitBuy(id), 3)).isInstanceOf(StoreException.class)
          .hasMessageContaining("never reused");
      assertThat(store.statusHistory(id)).extracting(StatusChange::state).containsExactly(OrderState.SENDING);
    }
  }

  @Test
  void orderUpdatesFollowTheLifeCycleAndKeepAHistory() {
    try (StateStore store = open()) {
      long id = store.allocateClientId();
      store.recordSending(limitBuy(id), 1);
      Instant t = T0.plusSeconds(1);
      assertThat(store.updateOrder(new OrderUpdate(id, OrderState.NEW, "X1", null, null, t)))
          .isEqualTo(UpdateResult.APPLIED);
      assertThat(store.updateOrder(new OrderUpdate(id, OrderState.NEW, "X1", BigDecimal.ZERO, null, t)))
          .isEqualTo(UpdateResult.UNCHANGED);
      assertThat(store.updateOrder(new OrderUpdate(id, OrderState.PARTIALLY_FILLED, null, new BigDecimal("0.5"), null, t)))
          .isEqualTo(UpdateResult.APPLIED);
      // An event that arrives late must not move the order backwards.
      assertThat(store.updateOrder(new OrderUpdate(id, OrderState.NEW, null, BigDecimal.ZERO, null, t)))
          .isEqualTo(UpdateResult.STALE);
      assertThat(store.updateOrder(new OrderUpdate(id, OrderState.FILLED, null, new BigDecimal("1.5"), null, t)))
          .isEqualTo(UpdateResult.APPLIED);
      assertThat(store.updateOrder(new OrderUpdate(id, OrderState.CANCELLED, null, null, "late cancel", t)))
          .isEqualTo(UpdateResult.STALE);
      assertThatThrownBy(() -> store.updateOrder(new OrderUpdate(id, OrderState.FILLED, "X2", null, null, t)))
          .isInstanceOf(StoreException.class).hasMessageContaining("X1").hasMessageContaining("X2");
      assertThatThrownBy(() -> store.updateOrder(new OrderUpdate(999, OrderState.NEW, null, null, null, t)))
          .isInstanceOf(StoreException.class).hasMessageContaining("999");

      StoredOrder o = store.order(id).orElseThrow();
      assertThat(o.state()).isEqualTo(OrderState.FILLED);
      assertThat(o.filledQuantity()).isEqualByComparingTo("1.5");
      assertThat(store.orderByExchangeId("X1")).contains(o);
      assertThat(store.statusHistory(id)).extracting(StatusChange::state).containsExactly(
          OrderState.SENDING, OrderState.NEW, OrderState.PARTIALLY_FILLED, OrderState.FILLED);
      assertThat(store.openOrders()).isEmpty();
    }
  }

  @Test
  void aFailedOrderIsOverriddenByTheVenuesView() {
    try (StateStore store = open()) {
      long id = store.allocateClientId();
      store.recordSending(limitBuy(id), 1);
      Instant t = T0.plusSeconds(60);
      store.updateOrder(new OrderUpdate(id, OrderState.FAILED, null, null, "no venue record after 30s", t));
      assertThat(store.openOrders()).isEmpty();
      assertThat(store.updateOrder(new OrderUpdate(id, OrderState.NEW, "X9", null, "venue shows it", t)))
          .isEqualTo(UpdateResult.APPLIED);
      assertThat(store.openOrders()).extracting(StoredOrder::clientId).containsExactly(id);
      assertThat(store.order(id).orElseThrow().reason()).isEqualTo("venue shows it");
    }
  }

  @Test
  void adoptingAVenueOrderRaisesTheClientIdFloor() {
    try (StateStore store = open()) {
      Order venue = new Order("V7", 41, "SOL_USDC", Side.BUY, OrderType.LIMIT, OrderStatus.PARTIALLY_FILLED,
          new BigDecimal("2"), new BigDecimal("0.5"), new BigDecimal("99"), false, T0);
      StoredOrder adopted = store.adoptOrder(venue, -1, "found at venue, missing from store");
      assertThat(adopted.state()).isEqualTo(OrderState.PARTIALLY_FILLED);
      assertThat(store.orderByExchangeId("V7")).contains(adopted);
      assertThat(store.allocateClientId()).isEqualTo(42);
      assertThatThrownBy(() -> store.adoptOrder(venue, -1, "again")).isInstanceOf(StoreException.class);
    }
  }

  @Test
  void recentOrdersAreNewestFirstAndLimited() {
    try (StateStore store = open()) {
      for (int i = 0; i < 5; i++) {
        store.recordSending(limitBuy(store.allocateClientId()), i);
      }
      assertThat(store.recentOrders(3)).extracting(StoredOrder::clientId).containsExactly(5L, 4L, 3L);
      assertThat(store.openOrders()).hasSize(5);
      assertThatThrownBy(() -> store.recentOrders(0)).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void pluginStateRoundTripsAndIsReplacedAsAWhole() {
    try (StateStore store = open()) {
      Map<String, String> ladder = new LinkedHashMap<>();
      ladder.put("level.0", "100.5");
      ladder.put("anchor", "");
      ladder.put("cooldownUntil", "2026-03-01T12:30:00Z");
      store.saveState(StateKind.STRATEGY, "nanpin", ladder);
      store.saveState(StateKind.SIZER, "nanpin", Map.of("buyCount", "3"));
      assertThat(store.loadState(StateKind.STRATEGY, "nanpin")).isEqualTo(ladder);
      assertThat(store.loadState(StateKind.SIZER, "nanpin")).containsExactly(Map.entry("buyCount", "3"));

      store.saveState(StateKind.STRATEGY, "nanpin", Map.of("level.0", "99"));
      assertThat(store.loadState(StateKind.STRATEGY, "nanpin")).containsExactly(Map.entry("level.0", "99"));
      assertThat(store.loadState(StateKind.STRATEGY, "other")).isEmpty();
      assertThat(store.stateOwners(StateKind.STRATEGY)).containsExactly("nanpin");
    }
    try (StateStore store = open()) {
      assertThat(store.loadState(StateKind.STRATEGY, "nanpin")).containsExactly(Map.entry("level.0", "99"));
    }
  }

  @Test
  void positionAndEquitySnapshots() {
    try (StateStore store = open()) {
      assertThat(store.latestPositions()).isEmpty();
      Position p1 = new Position("SOL_USDC_PERP", new BigDecimal("1.5"), new BigDecimal("100"),
          new BigDecimal("101"), new BigDecimal("1.5"), new BigDecimal("60.25"), T0);
      Position p2 = new Position("SOL_USDC_PERP", new BigDecimal("-0.5"), new BigDecimal("100"),
          new BigDecimal("102"), new BigDecimal("-1"), null, T0.plusSeconds(5));
      Position b = new Position("BTC_USDC_PERP", BigDecimal.ZERO, BigDecimal.ZERO,
          new BigDecimal("90000"), BigDecimal.ZERO, null, T0);
      store.savePosition(p1);
      store.savePosition(b);
      store.savePosition(p2);
      assertThat(store.latestPosition("SOL_USDC_PERP")).contains(p2);
      assertThat(store.latestPositions()).containsExactly(b, p2);

      AccountState a1 = new AccountState(new BigDecimal("1000"), new BigDecimal("1000"), new BigDecimal("800"),
          new BigDecimal("200"), T0);
      AccountState a2 = new AccountState(new BigDecimal("-3.5"), BigDecimal.ZERO, BigDecimal.ZERO,
          new BigDecimal("3.5"), T0.plusSeconds(60));
      store.saveEquity(a1);
      store.saveEquity(a2);
      assertThat(store.latestEquity()).contains(a2);
      assertThat(store.equityHistory(T0, T0.plusSeconds(60))).containsExactly(a1);
    }
  }

  @Test
  void auditLogKeepsEveryDecisionNewestFirst() {
    try (StateStore store = open()) {
      AuditEntry first = store.audit("ADOPT_ORDER", "clientId=4", true, "venue order V4 missing from store");
      AuditEntry second = store.audit("NO_CHANGE", "positions", false, "store and venue agree: 1.5 SOL");
      assertThat(first.id()).isLessThan(second.id());
      assertThat(first.time()).isEqualTo(T0);
      assertThat(store.auditLog(10)).containsExactly(second, first);
      assertThat(store.auditLog(1)).containsExactly(second);
    }
  }

  @Test
  void aFailedTransactionLeavesNothingBehind() {
    try (StateStore store = open()) {
      assertThatThrownBy(() -> store.runInTransaction(s -> {
        s.recordFill(fill("x", 1, "1"));
        s.saveState(StateKind.STRATEGY, "nanpin", Map.of("fills", "1"));
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(store.fillCount()).isZero();
      assertThat(store.loadState(StateKind.STRATEGY, "nanpin")).isEmpty();

      boolean inserted = store.inTransaction(s -> {
        boolean n = s.recordFill(fill("x", 1, "1"));
        s.saveState(StateKind.STRATEGY, "nanpin", Map.of("fills", "1"));
        return n;
      });
      assertThat(inserted).isTrue();
      assertThat(store.loadState(StateKind.STRATEGY, "nanpin")).containsEntry("fills", "1");
    }
  }

  @Test
  void readOnlyStoreReadsWhileTheWriterIsOpenAndRefusesWrites() {
    assertThatThrownBy(() -> StateStore.open(dir.resolve("missing.db"), OPTIONS.asReadOnly()))
        .isInstanceOf(StoreException.class).hasMessageContaining("no store at");
    try (StateStore writer = open()) {
      writer.recordFill(fill("r1", 1, "1"));
      try (StateStore reader = StateStore.open(dir.resolve("bot.db"), OPTIONS.asReadOnly())) {
        assertThat(reader.isReadOnly()).isTrue();
        assertThat(reader.fillCount()).isEqualTo(1);
        assertThatThrownBy(() -> reader.recordFill(fill("r2", 2, "1"))).isInstanceOf(StoreException.class)
            .hasMessageContaining("read-only");
        writer.recordFill(fill("r2", 2, "1"));
        assertThat(reader.fillCount()).isEqualTo(2);
      }
    }
  }

  @Test
  void closedStoreFailsClearly() {
    StateStore store = open();
    store.close();
    store.close();
    assertThatThrownBy(store::fillCount).isInstanceOf(StoreException.class).hasMessageContaining("closed");
    assertThat(store.toString()).contains("jdbc:sqlite:").contains("schema 1");
    assertThat(Optional.of(store.jdbcUrl())).hasValueSatisfying(u -> assertThat(u).endsWith("bot.db"));
  }

  /** A plugin whose state is a counter and a list of levels. */
  private static final class Ladder implements dev.nanpin.Stateful {
    int buys;
    String levels = "";

    @Override
    public Map<String, String> saveState() {
      return Map.of("buys", Integer.toString(buys), "levels", levels);
    }

    @Override
    public void restoreState(Map<String, String> state) {
      buys = Integer.parseInt(state.get("buys"));
      levels = state.get("levels");
    }
  }

  @Test
  void statefulPluginsComeBackAfterARestart() {
    Ladder first = new Ladder();
    try (StateStore store = open()) {
      assertThat(store.restore(StateKind.STRATEGY, "nanpin", first)).isFalse();
      assertThat(first.buys).isZero();
      first.buys = 3;
      first.levels = "100,97,94";
      store.save(StateKind.STRATEGY, "nanpin", first);
    }
    Ladder second = new Ladder();
    try (StateStore store = open()) {
      assertThat(store.restore(StateKind.STRATEGY, "nanpin", second)).isTrue();
    }
    assertThat(second.buys).isEqualTo(3);
    assertThat(second.levels).isEqualTo("100,97,94");
  }
}
