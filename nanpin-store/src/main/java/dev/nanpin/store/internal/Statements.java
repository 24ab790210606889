package dev.nanpin.store.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The prepared statements of one connection, each prepared once and reused, closed with the
 * store. Why: the SQLite driver keeps no statement cache of its own, and preparing a statement
 * (parsing and planning the SQL in the native library, plus the driver's objects) was the larger
 * part of every store call on the live engine's order path. The SQL texts are the store's own
 * constants, so the cache holds a fixed, small set.
 *
 * <p>A cached statement is never closed by its user; a query's {@code ResultSet} is (which resets
 * the statement, so that no read snapshot stays open between calls). Not thread-safe: the store
 * serialises every call on its connection.
 */
public final class Statements implements AutoCloseable {
  private final Connection connection;
  private final Map<String, PreparedStatement> prepared = new HashMap<>();

  /**
   * @param connection the connection, owned by the caller; {@link #close()} leaves it open
   */
  public Statements(Connection connection) {
    this.connection = Objects.requireNonNull(connection, "connection");
  }

  /** @return the connection the statements belong to */
  public Connection connection() {
    return connection;
  }

  /**
   * The statement for {@code sql}, prepared on first use.
   *
   * @param sql the SQL text
   * @return the statement; its parameters are those of its last use until set again
   * @throws SQLException if the database cannot prepare it
   */
  public PreparedStatement prepare(String sql) throws SQLException {
    PreparedStatement ps = prepared.get(sql);
    if (ps == null) {
      ps = connection.prepareStatement(sql);
      prepared.put(sql, ps);
    }
    return ps;
  }

  /**
   * Runs a statement without parameters or result ({@code BEGIN IMMEDIATE}, {@code COMMIT}).
   *
   * @param sql the SQL text
   * @throws SQLException if the database refuses
   */
  void execute(String sql) throws SQLException {
    prepare(sql).execute();
  }

  /** Closes every cached statement (not the connection); failures are ignored: it is closing. */
  @Override
  public void close() {
    for (PreparedStatement ps : prepared.values()) {
      try {
        ps.close();
      } catch (SQLException ignored) {
        // the connection is being closed; a statement that cannot close goes with it
      }
    }
    prepared.clear();
  }
}
