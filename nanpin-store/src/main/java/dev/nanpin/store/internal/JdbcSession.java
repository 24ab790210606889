package dev.nanpin.store.internal;

import dev.nanpin.AccountState;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderRequest;
import dev.nanpin.OrderType;
import dev.nanpin.Position;
import dev.nanpin.Side;
import dev.nanpin.TimeInForce;
import dev.nanpin.store.AuditEntry;
import dev.nanpin.store.OrderState;
import dev.nanpin.store.OrderUpdate;
import dev.nanpin.store.StateKind;
import dev.nanpin.store.StatusChange;
import dev.nanpin.store.StoreException;
import dev.nanpin.store.StoreSession;
import dev.nanpin.store.StoredOrder;
import dev.nanpin.store.UpdateResult;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQL behind {@link StoreSession}, on one connection. Not thread-safe and not
 * transactional by itself: {@code StateStore} serialises calls and wraps each in a transaction.
 *
 * <p>Row ids are {@code MAX(id) + 1} read inside the write transaction instead of
 * AUTOINCREMENT/IDENTITY, which every database spells differently. On SQLite every write
 * transaction starts with {@code BEGIN IMMEDIATE}, which serialises writers (also across
 * processes), so the ids cannot clash; on other databases the store must be the only writer.
 *
 * <p>What the live engine's order path reads on every order (the open orders, the client-id
 * counter) and the last row ids are kept in memory ({@link Remembered}), written through after
 * each statement; the owner calls {@link #forget()} when the database may hold something else.
 */
public final class JdbcSession implements StoreSession {
  private static final Logger log = LoggerFactory.getLogger(JdbcSession.class);
  private static final String ORDER_COLUMNS = "client_id, exchange_order_id, symbol, side, order_type, quantity,"
      + " quote_quantity, limit_price, time_in_force, reduce_only, post_only, tag, status, filled_quantity,"
      + " reason, created_at, updated_at";
  private static final String FILL_COLUMNS = "fill_id, order_id, client_id, symbol, side, price, quantity, fee,"
      + " fee_asset, maker, fill_time";
  private static final String POSITION_COLUMNS = "symbol, quantity, entry_price, mark_price, unrealized_pnl,"
      + " liquidation_price, snapshot_time";
  private static final String EQUITY_COLUMNS = "equity, collateral, free_margin, margin_in_use, snapshot_time";
  private static final int MAX_REASON = 1000;
  private static final int MAX_DETAIL = 4000;

  private final Statements st;
  private final Clock clock;
  private final boolean readOnly;
  private final Remembered memory = new Remembered();

  /**
   * Creates a session.
   *
   * @param statements the connection's cached statements, owned by the caller
   * @param clock the store's clock
   * @param readOnly whether writes are refused
   */
  public JdbcSession(Statements statements, Clock clock, boolean readOnly) {
    this.st = Objects.requireNonNull(statements, "statements");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.readOnly = readOnly;
  }

  @FunctionalInterface
  private interface Sql<T> {
    T run() throws SQLException;
  }

  private <T> T sql(String what, Sql<T> work) {
    try {
      return work.run();
    } catch (SQLException e) {
      memory.forget(); // a failed statement may have changed part of what a call writes
      throw new StoreException("store cannot " + what + ": " + e.getMessage(), e);
    }
  }

  private void writable(String what) {
    if (readOnly) {
      throw new StoreException("store is open read-only; cannot " + what);
    }
  }

  // ---- client ids -------------------------------------------------------------------------

  @Override
  public long allocateClientId() {
    writable("allocate a client id");
    return sql("allocate a client id", () -> {
      long before = memory.lastClientId;
      int updated;
      PreparedStatement ps = st.prepare(
          "UPDATE client_id_counter SET last_value = last_value + 1 WHERE name = 'order' AND last_value < ?");
      ps.setLong(1, OrderRequest.MAX_CLIENT_ID);
      updated = ps.executeUpdate();
      if (updated != 1) {
        throw new StoreException("all client ids up to 4294967295 are used; start a new store for this account"
            + " only after every old order is closed");
      }
      memory.lastClientId = before >= 0 ? before + 1 : readLastClientId();
      return memory.lastClientId;
    });
  }

  @Override
  public void raiseClientIdFloor(long seen) {
    writable("raise the client id floor");
    if (seen < 0 || seen > OrderRequest.MAX_CLIENT_ID) {
      throw new IllegalArgumentException("client id must be in [0, 4294967295]: " + seen);
    }
    sql("raise the client id floor", () -> {
      PreparedStatement ps = st.prepare(
          "UPDATE client_id_counter SET last_value = ? WHERE name = 'order' AND last_value < ?");
      ps.setLong(1, seen);
      ps.setLong(2, seen);
      int updated = ps.executeUpdate();
      memory.lastClientId = -1; // read again when asked
      return updated;
    });
  }

  @Override
  public long lastClientId() {
    if (memory.lastClientId < 0) {
      memory.lastClientId = sql("read the client id counter", this::readLastClientId);
    }
    return memory.lastClientId;
  }

  private long readLastClientId() throws SQLException {
    try (ResultSet rs = st.prepare("SELECT last_value FROM client_id_counter WHERE name = 'order'").executeQuery()) {
      if (!rs.next()) {
        throw new StoreException("client id counter row is missing; the store is damaged");
      }
      return rs.getLong(1);
    }
  }

  // ---- orders -----------------------------------------------------------------------------

  @Override
  public StoredOrder recordSending(OrderRequest request, int tag) {
    writable("record an order");
    Objects.requireNonNull(request, "request");
    if (request.clientId() == 0 || request.clientId() > lastClientId()) {
      throw new StoreException(("client id %d was not allocated by this store (last allocated %d);"
          + " allocate ids with allocateClientId()").formatted(request.clientId(), lastClientId()));
    }
    Instant now = Instant.ofEpochMilli(clock.millis());
    StoredOrder order = new StoredOrder(request.clientId(), null, request.symbol(), request.side(), request.type(),
        request.quantity(), request.quoteQuantity(), request.limitPrice(), request.timeInForce(),
        request.reduceOnly(), request.postOnly(), tag, OrderState.SENDING, BigDecimal.ZERO, null, now, now);
    insertOrder(order);
    return order;
  }

  @Override
  public StoredOrder adoptOrder(Order order, int tag, String reason) {
    writable("adopt an order");
    Objects.requireNonNull(order, "order");
    if (order.clientId() < 0) {
      throw new IllegalArgumentException("order " + order.orderId() + " carries no client id; only our orders are adopted");
    }
    Instant now = Instant.ofEpochMilli(clock.millis());
    StoredOrder stored = new StoredOrder(order.clientId(), order.orderId(), order.symbol(), order.side(),
        order.type(), order.quantity(), null, order.limitPrice(), TimeInForce.GTC, order.reduceOnly(), false, tag,
        OrderState.of(order.status()), order.filledQuantity(), truncate(reason, MAX_REASON), now, now);
    insertOrder(stored);
    raiseClientIdFloor(order.clientId());
    return stored;
  }

  private void insertOrder(StoredOrder o) {
    sql("record order " + o.clientId(), () -> {
      PreparedStatement ps = st.prepare(
          "INSERT INTO orders (" + ORDER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      ps.setLong(1, o.clientId());
      ps.setString(2, o.exchangeOrderId());
      ps.setString(3, o.symbol());
      ps.setString(4, o.side().name());
      ps.setString(5, o.type().name());
      setDecimal(ps, 6, o.quantity());
      setDecimal(ps, 7, o.quoteQuantity());
      setDecimal(ps, 8, o.limitPrice());
      ps.setString(9, o.timeInForce().name());
      ps.setInt(10, o.reduceOnly() ? 1 : 0);
      ps.setInt(11, o.postOnly() ? 1 : 0);
      ps.setInt(12, o.tag());
      ps.setString(13, o.state().name());
      setDecimal(ps, 14, o.filledQuantity());
      ps.setString(15, o.reason());
      ps.setLong(16, o.createdAt().toEpochMilli());
      ps.setLong(17, o.updatedAt().toEpochMilli());
      try {
        ps.executeUpdate();
      } catch (SQLException e) {
        // the primary key refused it (checked here rather than read before every insert)
        if (storedOrder(o.clientId()).isPresent()) {
          throw new StoreException("an order with client id %d is stored already; client ids are never reused"
              .formatted(o.clientId()), e);
        }
        throw e;
      }
      insertHistory(o.clientId(), o.state(), o.exchangeOrderId(), o.filledQuantity(), o.reason(), o.createdAt());
      memory.written(new StoredOrder(o.clientId(), o.exchangeOrderId(), o.symbol(), o.side(), o.type(),
          Remembered.asStored(o.quantity()), Remembered.asStored(o.quoteQuantity()),
          Remembered.asStored(o.limitPrice()), o.timeInForce(), o.reduceOnly(), o.postOnly(), o.tag(), o.state(),
          Remembered.asStored(o.filledQuantity()), o.reason(), Remembered.asStored(o.createdAt()),
          Remembered.asStored(o.updatedAt())));
      return null;
    });
  }

  @Override
  public UpdateResult updateOrder(OrderUpdate u) {
    writable("update an order");
    Objects.requireNonNull(u, "update");
    StoredOrder cur = order(u.clientId()).orElseThrow(() ->
        new StoreException("no stored order has client id " + u.clientId()));
    if (u.exchangeOrderId() != null && cur.exchangeOrderId() != null
        && !u.exchangeOrderId().equals(cur.exchangeOrderId())) {
      throw new StoreException("order %d has exchange id %s; an update claims %s".formatted(
          u.clientId(), cur.exchangeOrderId(), u.exchangeOrderId()));
    }
    String exchangeId = u.exchangeOrderId() != null ? u.exchangeOrderId() : cur.exchangeOrderId();
    BigDecimal filled = u.filledQuantity() != null ? u.filledQuantity() : cur.filledQuantity();
    if (filled.compareTo(cur.filledQuantity()) < 0) {
      return stale(cur, u, "filled quantity would go down from " + cur.filledQuantity().toPlainString());
    }
    if (cur.state().isTerminal() && cur.state() != OrderState.FAILED && u.state() != cur.state()) {
      return stale(cur, u, "order is already " + cur.state());
    }
    if (u.state() == OrderState.SENDING && cur.state() != OrderState.SENDING) {
      return stale(cur, u, "order has left SENDING");
    }
    if (u.state() == cur.state() && filled.compareTo(cur.filledQuantity()) == 0
        && Objects.equals(exchangeId, cur.exchangeOrderId())) {
      return UpdateResult.UNCHANGED;
    }
    String reason = u.reason() != null ? truncate(u.reason(), MAX_REASON) : cur.reason();
    return sql("update order " + u.clientId(), () -> {
      PreparedStatement ps = st.prepare("UPDATE orders SET exchange_order_id = ?, status = ?,"
          + " filled_quantity = ?, reason = ?, updated_at = ? WHERE client_id = ?");
      ps.setString(1, exchangeId);
      ps.setString(2, u.state().name());
      setDecimal(ps, 3, filled);
      ps.setString(4, reason);
      ps.setLong(5, u.time().toEpochMilli());
      ps.setLong(6, u.clientId());
      ps.executeUpdate();
      insertHistory(u.clientId(), u.state(), exchangeId, filled, u.reason() == null ? null : reason, u.time());
      memory.written(new StoredOrder(cur.clientId(), exchangeId, cur.symbol(), cur.side(), cur.type(), cur.quantity(),
          cur.quoteQuantity(), cur.limitPrice(), cur.timeInForce(), cur.reduceOnly(), cur.postOnly(), cur.tag(),
          u.state(), Remembered.asStored(filled), reason, cur.createdAt(), Remembered.asStored(u.time())));
      return UpdateResult.APPLIED;
    });
  }

  private static UpdateResult stale(StoredOrder cur, OrderUpdate u, String why) {
    log.debug("Ignoring stale update of order {} to {}: {}", cur.clientId(), u.state(), why);
    return UpdateResult.STALE;
  }

  private void insertHistory(long clientId, OrderState state, String exchangeId, BigDecimal filled, String reason,
      Instant at) throws SQLException {
    PreparedStatement ps = st.prepare("INSERT INTO order_status_history"
        + " (id, client_id, status, exchange_order_id, filled_quantity, reason, at_millis) VALUES (?, ?, ?, ?, ?, ?, ?)");
    ps.setLong(1, nextId("order_status_history", "id"));
    ps.setLong(2, clientId);
    ps.setString(3, state.name());
    ps.setString(4, exchangeId);
    setDecimal(ps, 5, filled);
    ps.setString(6, reason);
    ps.setLong(7, at.toEpochMilli());
    ps.executeUpdate();
  }

  @Override
  public Optional<StoredOrder> order(long clientId) {
    StoredOrder open = memory.openOrder(clientId);
    return open != null ? Optional.of(open) : sql("read order " + clientId, () -> storedOrder(clientId));
  }

  private Optional<StoredOrder> storedOrder(long clientId) throws SQLException {
    return first(query("SELECT " + ORDER_COLUMNS + " FROM orders WHERE client_id = ?", JdbcSession::toOrder, clientId));
  }

  @Override
  public Optional<StoredOrder> orderByExchangeId(String exchangeOrderId) {
    Objects.requireNonNull(exchangeOrderId, "exchangeOrderId");
    return sql("read order " + exchangeOrderId, () -> first(query(
        "SELECT " + ORDER_COLUMNS + " FROM orders WHERE exchange_order_id = ?", JdbcSession::toOrder, exchangeOrderId)));
  }

  @Override
  public List<StoredOrder> openOrders() {
    if (memory.open() == null) {
      memory.openLoaded(sql("read open orders", () -> query("SELECT " + ORDER_COLUMNS
          + " FROM orders WHERE status IN ('SENDING', 'NEW', 'PARTIALLY_FILLED') ORDER BY created_at, client_id",
          JdbcSession::toOrder)));
    }
    return List.copyOf(memory.open());
  }

  @Override
  public List<StoredOrder> recentOrders(int limit) {
    positiveLimit(limit);
    return sql("read orders", () -> queryLimited("SELECT " + ORDER_COLUMNS
        + " FROM orders ORDER BY created_at DESC, client_id DESC", JdbcSession::toOrder, limit));
  }

  @Override
  public List<StatusChange> statusHistory(long clientId) {
    return sql("read the history of order " + clientId, () -> query(
        "SELECT client_id, status, exchange_order_id, filled_quantity, reason, at_millis"
            + " FROM order_status_history WHERE client_id = ? ORDER BY id",
        rs -> new StatusChange(rs.getLong(1), OrderState.valueOf(rs.getString(2)), rs.getString(3),
            decimal(rs, 4), rs.getString(5), Instant.ofEpochMilli(rs.getLong(6))), clientId));
  }

  // ---- fills ------------------------------------------------------------------------------

  @Override
  public boolean recordFill(Fill fill) {
    writable("record a fill");
    Objects.requireNonNull(fill, "fill");
    return sql("record fill " + fill.fillId(), () -> {
      Optional<Fill> existing = first(query("SELECT " + FILL_COLUMNS + " FROM fills WHERE fill_id = ?",
          JdbcSession::toFill, fill.fillId()));
      if (existing.isPresent()) {
        if (!sameFill(existing.get(), fill)) {
          log.warn("Fill {} arrived again with different content; the first record is kept", fill.fillId());
        }
        return false;
      }
      PreparedStatement ps = st.prepare("INSERT INTO fills (seq, " + FILL_COLUMNS
          + ", recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
      ps.setLong(1, nextId("fills", "seq"));
      ps.setString(2, fill.fillId());
      ps.setString(3, fill.orderId());
      ps.setLong(4, fill.clientId());
      ps.setString(5, fill.symbol());
      ps.setString(6, fill.side().name());
      setDecimal(ps, 7, fill.price());
      setDecimal(ps, 8, fill.quantity());
      setDecimal(ps, 9, fill.fee());
      ps.setString(10, fill.feeAsset());
      ps.setInt(11, fill.maker() ? 1 : 0);
      ps.setLong(12, fill.time().toEpochMilli());
      ps.setLong(13, clock.millis());
      ps.executeUpdate();
      return true;
    });
  }

  private static boolean sameFill(Fill a, Fill b) {
    return a.orderId().equals(b.orderId()) && a.price().compareTo(b.price()) == 0
        && a.quantity().compareTo(b.quantity()) == 0 && a.fee().compareTo(b.fee()) == 0 && a.side() == b.side();
  }

  @Override
  public boolean hasFill(String fillId) {
    Objects.requireNonNull(fillId, "fillId");
    return sql("read fill " + fillId, () -> !query("SELECT seq FROM fills WHERE fill_id = ?",
        rs -> rs.getLong(1), fillId).isEmpty());
  }

  @Override
  public List<Fill> fillsSince(Instant from) {
    Objects.requireNonNull(from, "from");
    return sql("read fills", () -> query("SELECT " + FILL_COLUMNS
        + " FROM fills WHERE fill_time >= ? ORDER BY fill_time, seq", JdbcSession::toFill, from.toEpochMilli()));
  }

  @Override
  public List<Fill> fillsOf(long clientId) {
    return sql("read fills of order " + clientId, () -> query("SELECT " + FILL_COLUMNS
        + " FROM fills WHERE client_id = ? ORDER BY fill_time, seq", JdbcSession::toFill, clientId));
  }

  @Override
  public Optional<Fill> lastFill() {
    return sql("read the last fill", () -> first(queryLimited("SELECT " + FILL_COLUMNS
        + " FROM fills ORDER BY fill_time DESC, seq DESC", JdbcSession::toFill, 1)));
  }

  @Override
  public long fillCount() {
    return sql("count fills", () -> query("SELECT COUNT(*) FROM fills", rs -> rs.getLong(1)).get(0));
  }

  @Override
  public java.util.Map<OrderState, Long> orderCounts() {
    java.util.Map<OrderState, Long> counts = new java.util.EnumMap<>(OrderState.class);
    for (OrderState s : OrderState.values()) {
      counts.put(s, 0L);
    }
    sql("count orders by state", () -> query("SELECT status, COUNT(*) FROM orders GROUP BY status",
        rs -> counts.put(OrderState.valueOf(rs.getString(1)), rs.getLong(2))));
    return java.util.Collections.unmodifiableMap(counts);
  }

  // ---- positions, equity ------------------------------------------------------------------

  @Override
  public void savePosition(Position p) {
    writable("save a position");
    Objects.requireNonNull(p, "position");
    sql("save the position of " + p.symbol(), () -> {
      PreparedStatement ps = st.prepare(
          "INSERT INTO position_snapshots (id, " + POSITION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
      ps.setLong(1, nextId("position_snapshots", "id"));
      ps.setString(2, p.symbol());
      setDecimal(ps, 3, p.quantity());
      setDecimal(ps, 4, p.entryPrice());
      setDecimal(ps, 5, p.markPrice());
      setDecimal(ps, 6, p.unrealizedPnl());
      setDecimal(ps, 7, p.liquidationPrice());
      ps.setLong(8, p.time().toEpochMilli());
      return ps.executeUpdate();
    });
  }

  @Override
  public Optional<Position> latestPosition(String symbol) {
    Objects.requireNonNull(symbol, "symbol");
    return sql("read the position of " + symbol, () -> first(queryLimited("SELECT " + POSITION_COLUMNS
        + " FROM position_snapshots WHERE symbol = ? ORDER BY id DESC", JdbcSession::toPosition, 1, symbol)));
  }

  @Override
  public List<Position> latestPositions() {
    return sql("read positions", () -> query("SELECT " + POSITION_COLUMNS + " FROM position_snapshots p"
        + " WHERE p.id = (SELECT MAX(q.id) FROM position_snapshots q WHERE q.symbol = p.symbol) ORDER BY p.symbol",
        JdbcSession::toPosition));
  }

  @Override
  public void saveEquity(AccountState a) {
    writable("save equity");
    Objects.requireNonNull(a, "account");
    sql("save equity", () -> {
      PreparedStatement ps = st.prepare(
          "INSERT INTO equity_snapshots (id, " + EQUITY_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)");
      ps.setLong(1, nextId("equity_snapshots", "id"));
      setDecimal(ps, 2, a.equity());
      setDecimal(ps, 3, a.collateral());
      setDecimal(ps, 4, a.freeMargin());
      setDecimal(ps, 5, a.marginInUse());
      ps.setLong(6, a.time().toEpochMilli());
      return ps.executeUpdate();
    });
  }

  @Override
  public Optional<AccountState> latestEquity() {
    return sql("read equity", () -> first(queryLimited("SELECT " + EQUITY_COLUMNS
        + " FROM equity_snapshots ORDER BY snapshot_time DESC, id DESC", JdbcSession::toAccount, 1)));
  }

  @Override
  public List<AccountState> equityHistory(Instant from, Instant to) {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    return sql("read equity history", () -> query("SELECT " + EQUITY_COLUMNS + " FROM equity_snapshots"
        + " WHERE snapshot_time >= ? AND snapshot_time < ? ORDER BY snapshot_time, id", JdbcSession::toAccount,
        from.toEpochMilli(), to.toEpochMilli()));
  }

  // ---- plugin state -----------------------------------------------------------------------

  @Override
  public void saveState(StateKind kind, String owner, Map<String, String> state) {
    writable("save plugin state");
    String table = table(kind);
    checkOwner(owner);
    Objects.requireNonNull(state, "state");
    Map<String, String> copy = new TreeMap<>();
    state.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new IllegalArgumentException("state of %s has a null key or value".formatted(owner));
      }
      copy.put(k, v);
    });
    long now = clock.millis();
    sql("save the state of " + owner, () -> {
      PreparedStatement delete = st.prepare("DELETE FROM " + table + " WHERE owner = ?");
      delete.setString(1, owner);
      delete.executeUpdate();
      if (!copy.isEmpty()) {
        PreparedStatement ps = st.prepare(
            "INSERT INTO " + table + " (owner, state_key, state_value, updated_at) VALUES (?, ?, ?, ?)");
        ps.clearBatch(); // a batch a failed call left behind
        for (Map.Entry<String, String> e : copy.entrySet()) {
          ps.setString(1, owner);
          ps.setString(2, e.getKey());
          ps.setString(3, e.getValue());
          ps.setLong(4, now);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      return null;
    });
  }

  @Override
  public Map<String, String> loadState(StateKind kind, String owner) {
    String table = table(kind);
    checkOwner(owner);
    return sql("load the state of " + owner, () -> {
      Map<String, String> out = new LinkedHashMap<>();
      PreparedStatement ps = st.prepare(
          "SELECT state_key, state_value FROM " + table + " WHERE owner = ? ORDER BY state_key");
      ps.setString(1, owner);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getString(2));
        }
      }
      return out;
    });
  }

  @Override
  public List<String> stateOwners(StateKind kind) {
    String table = table(kind);
    return sql("list state owners", () -> query("SELECT DISTINCT owner FROM " + table + " ORDER BY owner",
        rs -> rs.getString(1)));
  }

  private static String table(StateKind kind) {
    return switch (Objects.requireNonNull(kind, "kind")) {
      case STRATEGY -> "strategy_state";
      case SIZER -> "sizer_state";
    };
  }

  private static void checkOwner(String owner) {
    Objects.requireNonNull(owner, "owner");
    if (owner.isBlank()) {
      throw new IllegalArgumentException("owner must not be blank");
    }
  }

  // ---- audit ------------------------------------------------------------------------------

  @Override
  public AuditEntry audit(String action, String subject, boolean changed, String detail) {
    writable("write the audit log");
    AuditEntry entry = new AuditEntry(0, Instant.ofEpochMilli(clock.millis()), action, subject, changed,
        truncate(detail, MAX_DETAIL));
    return sql("write the audit log", () -> {
      long id = nextId("audit_log", "id");
      PreparedStatement ps = st.prepare(
          "INSERT INTO audit_log (id, at_millis, action, subject, changed, detail) VALUES (?, ?, ?, ?, ?, ?)");
      ps.setLong(1, id);
      ps.setLong(2, entry.time().toEpochMilli());
      ps.setString(3, entry.action());
      ps.setString(4, entry.subject());
      ps.setInt(5, changed ? 1 : 0);
      ps.setString(6, entry.detail());
      ps.executeUpdate();
      return new AuditEntry(id, entry.time(), entry.action(), entry.subject(), changed, entry.detail());
    });
  }

  @Override
  public List<AuditEntry> auditLog(int limit) {
    positiveLimit(limit);
    return sql("read the audit log", () -> queryLimited(
        "SELECT id, at_millis, action, subject, changed, detail FROM audit_log ORDER BY id DESC",
        rs -> new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
            rs.getString(4), rs.getInt(5) != 0, rs.getString(6)), limit));
  }

  // ---- helpers ----------------------------------------------------------------------------

  @FunctionalInterface
  private interface RowMapper<T> {
    T map(ResultSet rs) throws SQLException;
  }

  private <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) throws SQLException {
    return queryLimited(sql, mapper, 0, params);
  }

  /** Runs a query returning at most {@code maxRows} rows ({@code 0}: all); {@code LIMIT} is not portable. */
  private <T> List<T> queryLimited(String sql, RowMapper<T> mapper, int maxRows, Object... params)
      throws SQLException {
    PreparedStatement ps = st.prepare(sql);
    ps.setMaxRows(maxRows);
    for (int i = 0; i < params.length; i++) {
      Object p = params[i];
      if (p instanceof Long l) {
        ps.setLong(i + 1, l);
      } else {
        ps.setString(i + 1, (String) p);
      }
    }
    List<T> out = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next() && (maxRows == 0 || out.size() < maxRows)) {
        out.add(mapper.map(rs));
      }
    }
    return out;
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private long nextId(String table, String column) throws SQLException {
    long id = memory.nextRowId(table);
    if (id < 0) {
      try (ResultSet rs = st.prepare("SELECT MAX(" + column + ") FROM " + table).executeQuery()) {
        id = rs.next() ? rs.getLong(1) + 1 : 1;
      }
    }
    memory.rowIdUsed(table, id);
    return id;
  }

  /**
   * Drops the in-memory copies ({@link Remembered}): the database may hold something else (a
   * rolled-back transaction, another connection's commit). The next read loads them again.
   */
  public void forget() {
    memory.forget();
  }

  private static void positiveLimit(int limit) {
    if (limit <= 0) {
      throw new IllegalArgumentException("limit must be > 0: " + limit);
    }
  }

  private static String truncate(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  private static void setDecimal(PreparedStatement ps, int index, BigDecimal value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value.toPlainString());
    }
  }

  private static BigDecimal decimal(ResultSet rs, int index) throws SQLException {
    String s = rs.getString(index);
    return s == null ? null : new BigDecimal(s);
  }

  private static StoredOrder toOrder(ResultSet rs) throws SQLException {
    return new StoredOrder(rs.getLong(1), rs.getString(2), rs.getString(3), Side.valueOf(rs.getString(4)),
        OrderType.valueOf(rs.getString(5)), decimal(rs, 6), decimal(rs, 7), decimal(rs, 8),
        TimeInForce.valueOf(rs.getString(9)), rs.getInt(10) != 0, rs.getInt(11) != 0, rs.getInt(12),
        OrderState.valueOf(rs.getString(13)), decimal(rs, 14), rs.getString(15),
        Instant.ofEpochMilli(rs.getLong(16)), Instant.ofEpochMilli(rs.getLong(17)));
  }

  private static Fill toFill(ResultSet rs) throws SQLException {
    return new Fill(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4), Side.valueOf(rs.getString(5)),
        decimal(rs, 6), decimal(rs, 7), decimal(rs, 8), rs.getString(9), rs.getInt(10) != 0,
        Instant.ofEpochMilli(rs.getLong(11)));
  }

  private static Position toPosition(ResultSet rs) throws SQLException {
    return new Position(rs.getString(1), decimal(rs, 2), decimal(rs, 3), decimal(rs, 4), decimal(rs, 5),
        decimal(rs, 6), Instant.ofEpochMilli(rs.getLong(7)));
  }

  private static AccountState toAccount(ResultSet rs) throws SQLException {
    return new AccountState(decimal(rs, 1), decimal(rs, 2), decimal(rs, 3), decimal(rs, 4),
        Instant.ofEpochMilli(rs.getLong(5)));
  }
}
