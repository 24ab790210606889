package dev.nanpin.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How a write transaction is begun and ended on one kind of database.
 *
 * <p>SQLite: the connection stays in auto-commit mode and the store issues {@code BEGIN
 * IMMEDIATE} itself. The driver's own non-auto-commit mode would open the next transaction right
 * after each commit and so hold the database's write lock while idle; {@code IMMEDIATE} takes the
 * write lock at the start, so two writers never deadlock upgrading a read lock. Other databases:
 * the standard JDBC {@code setAutoCommit(false)} / {@code commit()}. The statements are the
 * connection's cached ones ({@link Statements}): a transaction prepares nothing.
 */
public enum Transactions {
  /** Explicit {@code BEGIN IMMEDIATE} / {@code COMMIT} / {@code ROLLBACK} statements. */
  SQLITE {
    @Override
    void begin(Statements s) throws SQLException {
      s.execute("BEGIN IMMEDIATE");
    }

    @Override
    void commit(Statements s) throws SQLException {
      s.execute("COMMIT");
    }

    @Override
    void rollback(Statements s) throws SQLException {
      s.execute("ROLLBACK");
    }

    @Override
    public long dataVersion(Statements s) throws SQLException {
      try (ResultSet rs = s.prepare("PRAGMA data_version").executeQuery()) {
        return rs.next() ? rs.getLong(1) : -1;
      }
    }
  },
  /** Standard JDBC transactions. */
  STANDARD {
    @Override
    void begin(Statements s) throws SQLException {
      s.connection().setAutoCommit(false);
    }

    @Override
    void commit(Statements s) throws SQLException {
      s.connection().commit();
      s.connection().setAutoCommit(true);
    }

    @Override
    void rollback(Statements s) throws SQLException {
      try {
        s.connection().rollback();
      } finally {
        s.connection().setAutoCommit(true);
      }
    }

    @Override
    public long dataVersion(Statements s) {
      return 0; // no portable way: the store is documented as the only writer of such a database
    }
  };

  abstract void begin(Statements s) throws SQLException;

  abstract void commit(Statements s) throws SQLException;

  abstract void rollback(Statements s) throws SQLException;

  /**
   * A number that changes when another connection (this process or another) has committed to the
   * database since the last call on this connection: SQLite's {@code PRAGMA data_version}. The
   * store's in-memory copies ({@link JdbcSession}) are dropped when it changes. Other databases
   * answer a constant.
   *
   * @param s the connection's statements
   * @return the version
   * @throws SQLException if the database refuses
   */
  public abstract long dataVersion(Statements s) throws SQLException;

  /**
   * Begins a write transaction.
   *
   * @param s the connection's statements
   * @throws SQLException if the database refuses
   */
  public void beginTx(Statements s) throws SQLException {
    begin(s);
  }

  /**
   * Commits the transaction.
   *
   * @param s the connection's statements
   * @throws SQLException if the commit fails; the transaction is then still open
   */
  public void commitTx(Statements s) throws SQLException {
    commit(s);
  }

  /**
   * Rolls back and ignores a failure of the rollback itself: used on a path that is already
   * failing, whose original exception is the one to report.
   *
   * @param s the connection's statements
   */
  public void rollbackQuietly(Statements s) {
    try {
      rollback(s);
    } catch (SQLException ignored) {
      // The original failure is what matters; a rollback failure means the connection is gone,
      // and the database discards the open transaction on its own.
    }
  }
}
