package dev.nanpin.store;

import dev.nanpin.AccountState;
import dev.nanpin.Fill;
import dev.nanpin.Order;
import dev.nanpin.OrderRequest;
import dev.nanpin.Position;
import dev.nanpin.store.internal.JdbcSession;
import dev.nanpin.store.internal.Migrations;
import dev.nanpin.store.internal.Statements;
import dev.nanpin.store.internal.Transactions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live engine's durable memory: orders and their status history, fills, position and
 * equity snapshots, strategy and sizer state, the audit log of reconciliation and the
 * client-id counter.
 *
 * <pre>{@code
 * try (StateStore store = StateStore.open(Path.of("bot.db"))) {
 *   long clientId = store.allocateClientId();          // durable before it is used
 *   store.recordSending(OrderRequest.limit("SOL_USDC", Side.BUY, qty, price, clientId), 1);
 *   // ... send, then record the answer
 *   store.inTransaction(s -> {                          // fill and strategy state together
 *     if (s.recordFill(fill)) {
 *       s.saveState(StateKind.STRATEGY, "nanpin", strategy.saveState());
 *     }
 *     return null;
 *   });
 * }
 * }</pre>
 *
 * <h2>Durability</h2>
 * Every call is one transaction, committed before the call returns; {@link #inTransaction}
 * groups several calls into one. On SQLite (the default) the database runs in WAL mode with
 * {@code synchronous=FULL}: a committed transaction survives a killed process and a power cut,
 * and readers ({@code nanpin status}) do not block the writer. Schema migrations are applied when
 * the store is opened (see {@link #schemaVersion()}).
 *
 * <h2>Memory</h2>
 * Each SQL statement is prepared once per connection and closed with the store. The open orders,
 * the client-id counter and the last row ids are also kept in memory (what the live engine's order
 * path reads on every order): the database is written first and stays the source of truth, the
 * copy follows each write, is loaded again after a rolled-back transaction, and, on SQLite, after
 * any other connection (another store, another process) has committed ({@code PRAGMA
 * data_version}, checked at the start of each transaction and before each read outside one).
 *
 * <h2>Other databases</h2>
 * The schema is written in portable SQL (no AUTOINCREMENT, no upserts, no {@code LIMIT}, no
 * TEXT/CLOB; decimals as exact text, instants as epoch milliseconds), meant for PostgreSQL and H2
 * through {@link #open(String, Properties, StoreOptions)} with their JDBC driver on the class
 * path. Only SQLite is tested. The store assumes it is the only writer of its database.
 *
 * <h2>Thread safety</h2>
 * Safe for concurrent use: calls are serialised on one connection. Calls made on this store from
 * inside an {@link #inTransaction} callback, on the same thread, join that transaction.
 */
public final class StateStore implements StoreSession, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(StateStore.class);

  private final ReentrantLock lock = new ReentrantLock();
  private final String jdbcUrl;
  private final Connection connection;
  private final Statements statements;
  private final Transactions transactions;
  private final JdbcSession session;
  private final int schemaVersion;
  private final boolean readOnly;
  private int depth; // guarded by lock: > 0 while a transaction is open on this thread
  private boolean begun; // guarded by lock: the open transaction has begun on the database
  private boolean closed; // guarded by lock
  private long dataVersion = Long.MIN_VALUE; // guarded by lock: the database's, when the copies were checked

  private StateStore(String jdbcUrl, Connection connection, Transactions transactions, StoreOptions options) {
    this.jdbcUrl = jdbcUrl;
    this.connection = connection;
    this.statements = new Statements(connection);
    this.transactions = transactions;
    this.readOnly = options.readOnly();
    this.session = new JdbcSession(statements, options.clock(), options.readOnly());
    this.schemaVersion = options.readOnly()
        ? Migrations.checkCurrent(connection)
        : Migrations.migrate(connection, transactions, options.clock());
  }

  /**
   * Opens (creating if needed) a SQLite store with the default options.
   *
   * @param file the database file, e.g. {@code bot.db}; its parent directory is created
   * @return the open store
   * @throws StoreException if it cannot be opened or migrated
   */
  public static StateStore open(Path file) {
    return open(file, StoreOptions.defaults());
  }

  /**
   * Opens a SQLite store.
   *
   * @param file the database file
   * @param options the options; a read-only store must exist already
   * @return the open store
   * @throws StoreException if it cannot be opened or migrated, or is read-only and missing
   */
  public static StateStore open(Path file, StoreOptions options) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(options, "options");
    Path abs = file.toAbsolutePath().normalize();
    if (options.readOnly()) {
      if (!Files.isRegularFile(abs)) {
        throw new StoreException("no store at " + abs);
      }
    } else if (abs.getParent() != null) {
      try {
        Files.createDirectories(abs.getParent());
      } catch (java.io.IOException e) {
        throw new StoreException("cannot create the directory of store " + abs + ": " + e.getMessage(), e);
      }
    }
    return open("jdbc:sqlite:" + abs, new Properties(), options);
  }

  /**
   * Opens a store at any JDBC URL. For {@code jdbc:sqlite:} URLs the store sets WAL mode,
   * {@code synchronous=FULL}, foreign keys and the busy timeout itself.
   *
   * @param jdbcUrl the JDBC URL, e.g. {@code jdbc:sqlite:/var/lib/nanpin/bot.db} or {@code
   *     jdbc:postgresql://db/nanpin}
   * @param properties driver properties (user, password); never logged
   * @param options the options
   * @return the open store
   * @throws StoreException if it cannot be opened or migrated
   */
  public static StateStore open(String jdbcUrl, Properties properties, StoreOptions options) {
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(options, "options");
    boolean sqlite = jdbcUrl.toLowerCase(Locale.ROOT).startsWith("jdbc:sqlite:");
    Properties props = new Properties();
    props.putAll(properties);
    if (sqlite) {
      props.setProperty("busy_timeout", Long.toString(options.busyTimeout().toMillis()));
      props.setProperty("foreign_keys", "true");
      // The store makes its own row ids; without this the driver prepares and runs a
      // "SELECT last_insert_rowid()" after every INSERT (on the live engine's order path).
      props.setProperty("jdbc.get_generated_keys", "false");
      if (options.readOnly()) {
        props.setProperty("open_mode", "1"); // SQLITE_OPEN_READONLY
      } else {
        props.setProperty("journal_mode", "WAL");
        // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on a power cut, and a
        // lost "sending" record could mean an order sent twice.
        props.setProperty("synchronous", "FULL");
      }
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection(jdbcUrl, props);
    } catch (SQLException e) {
      throw new StoreException("cannot open store " + redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
    try {
      if (!sqlite && options.readOnly()) {
        connection.setReadOnly(true);
      }
      StateStore store = new StateStore(redact(jdbcUrl), connection,
          sqlite ? Transactions.SQLITE : Transactions.STANDARD, options);
      if (options.readOnly()) {
        log.debug("Opened store {} at schema version {} (read-only)", store.jdbcUrl, store.schemaVersion);
      } else {
        log.info("Opened store {} at schema version {}", store.jdbcUrl, store.schemaVersion);
      }
      return store;
    } catch (RuntimeException | SQLException e) {
      try {
        connection.close();
      } catch (SQLException suppressed) {
        e.addSuppressed(suppressed);
      }
      if (e instanceof StoreException se) {
        throw se;
      }
      throw new StoreException("cannot open store " + redact(jdbcUrl) + ": " + e.getMessage(), e);
    }
  }

  /** Drops a query string, where some drivers accept a password. */
  private static String redact(String url) {
    int q = url.indexOf('?');
    return q < 0 ? url : url.substring(0, q) + "?...";
  }

  /** @return the JDBC URL of the database, without any query string */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  /** @return the schema version after the migrations applied at open */
  public int schemaVersion() {
    return schemaVersion;
  }

  /** @return whether the store was opened read-only */
  public boolean isReadOnly() {
    return readOnly;
  }

  /**
   * Returns a SQLite pragma, for diagnostics and tests ({@code journal_mode}, {@code
   * synchronous}).
   *
   * @param name the pragma name, letters and underscores only
   * @return its value as text
   * @throws StoreException if the database is not SQLite
   */
  public String sqlitePragma(String name) {
    if (!name.matches("[a-z_]+")) {
      throw new IllegalArgumentException("not a pragma name: " + name);
    }
    if (transactions != Transactions.SQLITE) {
      throw new StoreException("pragma " + name + " exists only on SQLite; this store is " + jdbcUrl);
    }
    return locked(() -> {
      try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("PRAGMA " + name)) {
        return rs.next() ? rs.getString(1) : null;
      } catch (SQLException e) {
        throw new StoreException("cannot read pragma " + name + ": " + e.getMessage(), e);
      }
    });
  }

  /**
   * Runs several calls as one transaction: all of them are committed together, or none is.
   * Use the store itself (or the session passed in, which is the store) inside the callback.
   * Nested calls join the outer transaction. The transaction begins on the database with the
   * first call made inside it, so a callback that calls nothing costs no statement.
   *
   * @param work the calls; an exception rolls everything back and is rethrown
   * @param <T> the result type
   * @return what {@code work} returned
   * @throws StoreException if the transaction cannot be begun or committed
   */
  public <T> T inTransaction(Function<StoreSession, T> work) {
    Objects.requireNonNull(work, "work");
    return write(() -> work.apply(this), true);
  }

  /**
   * Runs several calls as one transaction, without a result.
   *
   * @param work the calls
   * @see #inTransaction(Function)
   */
  public void runInTransaction(Consumer<StoreSession> work) {
    Objects.requireNonNull(work, "work");
    write(() -> {
      work.accept(this);
      return null;
    }, true);
  }

  private <T> T write(java.util.function.Supplier<T> work) {
    return write(work, false);
  }

  /**
   * Runs {@code work} in a transaction (joining an open one). {@code lazy}: {@code work} calls
   * only this store's own methods, so the transaction is begun by the first of them ({@link
   * #beginIfNeeded}); otherwise it calls the session directly and is begun at once.
   */
  private <T> T write(java.util.function.Supplier<T> work, boolean lazy) {
    lock.lock();
    try {
      ensureOpen();
      if (depth > 0) {
        beginIfNeeded();
        return work.get();
      }
      if (readOnly) {
        // Let the session refuse with its own message, without opening a transaction.
        return work.get();
      }
      // A callback's transaction is begun by its first call on the store (beginIfNeeded), so a
      // callback that reads and writes nothing (a live engine's quiet tick) costs no statement at
      // all; one that does begins with BEGIN IMMEDIATE before its first statement, as before.
      depth++;
      begun = false;
      boolean committed = false;
      try {
        if (!lazy) {
          beginIfNeeded();
        }
        T result = work.get();
        if (begun) {
          transactions.commitTx(statements);
        }
        committed = true;
        return result;
      } catch (SQLException e) {
        throw new StoreException("cannot commit a store transaction: " + e.getMessage(), e);
      } finally {
        depth--;
        if (!committed && begun) {
          transactions.rollbackQuietly(statements);
          session.forget(); // the in-memory copies may hold what was rolled back
        }
        begun = false;
      }
    } finally {
      lock.unlock();
    }
  }

  /** Inside a transaction of this thread: begins it on the database if no call has yet. */
  private void beginIfNeeded() {
    if (begun) {
      return;
    }
    try {
      transactions.beginTx(statements);
    } catch (SQLException e) {
      throw new StoreException("cannot begin a store transaction: " + e.getMessage(), e);
    }
    begun = true;
    revalidate(); // the write lock is held from here: no other connection commits until ours ends
  }

  /**
   * Drops the session's in-memory copies when another connection has committed since they were
   * last checked; called at the start of each transaction and before each read outside one.
   */
  private void revalidate() {
    long v;
    try {
      v = transactions.dataVersion(statements);
    } catch (SQLException e) {
      throw new StoreException("cannot read the database's data version: " + e.getMessage(), e);
    }
    if (v != dataVersion) {
      session.forget();
      dataVersion = v;
    }
  }

  private <T> T locked(java.util.function.Supplier<T> work) {
    lock.lock();
    try {
      ensureOpen();
      if (depth > 0 && !readOnly) {
        beginIfNeeded(); // a read inside a transaction sees it, as before
      } else {
        revalidate();
      }
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new StoreException("store " + jdbcUrl + " is closed");
    }
  }

  /** Closes the connection. Idempotent. Calls after close fail with {@link StoreException}. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      statements.close();
      connection.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close store " + jdbcUrl + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "StateStore[" + jdbcUrl + ", schema " + schemaVersion + (readOnly ? ", read-only" : "") + "]";
  }

  // ---- StoreSession: writes run in a transaction, reads under the lock ---------------------

  @Override
  public long allocateClientId() {
    return write(session::allocateClientId);
  }

  @Override
  public void raiseClientIdFloor(long seen) {
    write(() -> {
      session.raiseClientIdFloor(seen);
      return null;
    });
  }

  @Override
  public long lastClientId() {
    return locked(session::lastClientId);
  }

  @Override
  public StoredOrder recordSending(OrderRequest request, int tag) {
    return write(() -> session.recordSending(request, tag));
  }

  @Override
  public StoredOrder adoptOrder(Order order, int tag, String reason) {
    return write(() -> session.adoptOrder(order, tag, reason));
  }

  @Override
  public UpdateResult updateOrder(OrderUpdate update) {
    return write(() -> session.updateOrder(update));
  }

  @Override
  public Optional<StoredOrder> order(long clientId) {
    return locked(() -> session.order(clientId));
  }

  @Override
  public Optional<StoredOrder> orderByExchangeId(String exchangeOrderId) {
    return locked(() -> session.orderByExchangeId(exchangeOrderId));
  }

  @Override
  public List<StoredOrder> openOrders() {
    return locked(session::openOrders);
  }

  @Override
  public List<StoredOrder> recentOrders(int limit) {
    return locked(() -> session.recentOrders(limit));
  }

  @Override
  public List<StatusChange> statusHistory(long clientId) {
    return locked(() -> session.statusHistory(clientId));
  }

  @Override
  public boolean recordFill(Fill fill) {
    return write(() -> session.recordFill(fill));
  }

  @Override
  public boolean hasFill(String fillId) {
    return locked(() -> session.hasFill(fillId));
  }

  @Override
  public List<Fill> fillsSince(Instant from) {
    return locked(() -> session.fillsSince(from));
  }

  @Override
  public List<Fill> fillsOf(long clientId) {
    return locked(() -> session.fillsOf(clientId));
  }

  @Override
  public Optional<Fill> lastFill() {
    return locked(session::lastFill);
  }

  @Override
  public long fillCount() {
    return locked(session::fillCount);
  }

  @Override
  public java.util.Map<OrderState, Long> orderCounts() {
    return locked(session::orderCounts);
  }

  @Override
  public void savePosition(Position position) {
    write(() -> {
      session.savePosition(position);
      return null;
    });
  }

  @Override
  public Optional<Position> latestPosition(String symbol) {
    return locked(() -> session.latestPosition(symbol));
  }

  @Override
  public List<Position> latestPositions() {
    return locked(session::latestPositions);
  }

  @Override
  public void saveEquity(AccountState account) {
    write(() -> {
      session.saveEquity(account);
      return null;
    });
  }

  @Override
  public Optional<AccountState> latestEquity() {
    return locked(session::latestEquity);
  }

  @Override
  public List<AccountState> equityHistory(Instant from, Instant to) {
    return locked(() -> session.equityHistory(from, to));
  }

  @Override
  public void saveState(StateKind kind, String owner, Map<String, String> state) {
    write(() -> {
      session.saveState(kind, owner, state);
      return null;
    });
  }

  @Override
  public Map<String, String> loadState(StateKind kind, String owner) {
    return locked(() -> session.loadState(kind, owner));
  }

  @Override
  public List<String> stateOwners(StateKind kind) {
    return locked(() -> session.stateOwners(kind));
  }

  @Override
  public AuditEntry audit(String action, String subject, boolean changed, String detail) {
    return write(() -> session.audit(action, subject, changed, detail));
  }

  @Override
  public List<AuditEntry> auditLog(int limit) {
    return locked(() -> session.auditLog(limit));
  }
}
