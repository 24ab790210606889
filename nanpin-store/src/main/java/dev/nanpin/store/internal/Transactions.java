package dev.nanpin.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How a write transaction is begun and ended on one kind of database.
 *
 * <p>SQLite: the connection stays in auto-commit mode and the store issues {@code BEGIN
 * IMMEDIATE} itself. The driver's own non-auto-commit mode would open the next transaction right
 * after each commit and so hold the database's write lock while idle; {@code IMMEDIATE} takes the
 * write lock at the start, so two writers never deadlock upgrading a read lock. Other databases:
 * the standard JDBC {@code setAutoCommit(false)} / {@code commit()}.
 */
public enum Transactions {
  /** Explicit {@code BEGIN IMMEDIATE} / {@code COMMIT} / {@code ROLLBACK} statements. */
  SQLITE {
    @Override
    void begin(Connection c) throws SQLException {
      exec(c, "BEGIN IMMEDIATE");
    }

    @Override
    void commit(Connection c) throws SQLException {
      exec(c, "COMMIT");
    }

    @Override
    void rollback(Connection c) throws SQLException {
      exec(c, "ROLLBACK");
    }
  },
  /** Standard JDBC transactions. */
  STANDARD {
    @Override
    void begin(Connection c) throws SQLException {
      c.setAutoCommit(false);
    }

    @Override
    void commit(Connection c) throws SQLException {
      c.commit();
      c.setAutoCommit(true);
    }

    @Override
    void rollback(Connection c) throws SQLException {
      try {
        c.rollback();
      } finally {
        c.setAutoCommit(true);
      }
    }
  };

  abstract void begin(Connection c) throws SQLException;

  abstract void commit(Connection c) throws SQLException;

  abstract void rollback(Connection c) throws SQLException;

  /**
   * Begins a write transaction.
   *
   * @param c the connection
   * @throws SQLException if the database refuses
   */
  public void beginTx(Connection c) throws SQLException {
    begin(c);
  }

  /**
   * Commits the transaction.
   *
   * @param c the connection
   * @throws SQLException if the commit fails; the transaction is then still open
   */
  public void commitTx(Connection c) throws SQLException {
    commit(c);
  }

  /**
   * Rolls back and ignores a failure of the rollback itself: used on a path that is already
   * failing, whose original exception is the one to report.
   *
   * @param c the connection
   */
  public void rollbackQuietly(Connection c) {
    try {
      rollback(c);
    } catch (SQLException ignored) {
      // The original failure is what matters; a rollback failure means the connection is gone,
      // and the database discards the open transaction on its own.
    }
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
