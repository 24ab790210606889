package dev.nanpin.store.internal;

import dev.nanpin.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Versioned schema migrations: ordered SQL resources, each applied once, in its own transaction,
 * and recorded in {@code schema_version} with a SHA-256 of its text.
 *
 * <p>Why a checksum: a migration edited after it ran on some store would leave that store with
 * a schema nobody can reproduce, so a mismatch fails the open instead of being ignored. Why a
 * transaction per migration: a crash half way leaves the previous version, and the next open
 * applies the migration again from the start. The version check is repeated inside the
 * transaction, so two processes opening the same new store apply each migration once.
 */
public final class Migrations {
  private static final Logger log = LoggerFactory.getLogger(Migrations.class);

  /** One migration: version, description and resource name next to this class. */
  record Migration(int version, String description, String resource) {}

  /** All migrations in order; append only, never edit one that has shipped. */
  static final List<Migration> ALL = List.of(
      new Migration(1, "initial schema", "migrations/V1__initial_schema.sql"));

  private Migrations() {}

  /** @return the schema version this code writes */
  public static int latestVersion() {
    return ALL.get(ALL.size() - 1).version();
  }

  /**
   * Brings the schema to {@link #latestVersion()}.
   *
   * @param c the connection, in auto-commit mode
   * @param tx how transactions are begun and ended on this database
   * @param clock stamps {@code applied_at}
   * @return the version after migration
   */
  public static int migrate(Connection c, Transactions tx, Clock clock) {
    return migrate(c, tx, clock, ALL);
  }

  static int migrate(Connection c, Transactions tx, Clock clock, List<Migration> migrations) {
    int latest = migrations.get(migrations.size() - 1).version();
    try {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE IF NOT EXISTS schema_version ("
            + "version INTEGER NOT NULL PRIMARY KEY, description VARCHAR(200) NOT NULL, "
            + "checksum VARCHAR(64) NOT NULL, applied_at BIGINT NOT NULL)");
      }
      checkNotNewer(c, latest);
      try (Statements st = new Statements(c)) {
        for (Migration m : migrations) {
          String sql = load(m.resource());
          String checksum = sha256(sql);
          tx.begin(st);
          boolean ok = false;
          try {
            String applied = appliedChecksum(c, m.version());
            if (applied == null) {
              for (String statement : split(sql)) {
                try (Statement s = c.createStatement()) {
                  s.execute(statement);
                }
              }
              try (PreparedStatement ps = c.prepareStatement(
                  "INSERT INTO schema_version (version, description, checksum, applied_at) VALUES (?, ?, ?, ?)")) {
                ps.setInt(1, m.version());
                ps.setString(2, m.description());
                ps.setString(3, checksum);
                ps.setLong(4, clock.millis());
                ps.executeUpdate();
              }
              log.info("Applied store migration {} ({})", m.version(), m.description());
            } else if (!applied.equals(checksum)) {
              throw new StoreException(("store migration %d (%s) was applied with checksum %s but this build has %s;"
                  + " the migration was edited after it ran").formatted(m.version(), m.description(), applied, checksum));
            }
            tx.commit(st);
            ok = true;
          } finally {
            if (!ok) {
              tx.rollbackQuietly(st);
            }
          }
        }
      }
      return currentVersion(c);
    } catch (SQLException e) {
      throw new StoreException("cannot migrate the store schema: " + e.getMessage(), e);
    }
  }

  /**
   * Checks, without writing, that a store is at exactly the version this code knows.
   *
   * @param c the connection
   * @return the version
   */
  public static int checkCurrent(Connection c) {
    int version;
    try {
      version = currentVersion(c);
    } catch (SQLException e) {
      throw new StoreException("not a nanpin store (no schema_version table): " + e.getMessage(), e);
    }
    if (version > latestVersion()) {
      throw newer(version, latestVersion());
    }
    if (version < latestVersion()) {
      throw new StoreException("store schema version %d is older than %d; open it read-write once to migrate"
          .formatted(version, latestVersion()));
    }
    return version;
  }

  private static void checkNotNewer(Connection c, int latest) throws SQLException {
    int version = currentVersion(c);
    if (version > latest) {
      throw newer(version, latest);
    }
  }

  private static StoreException newer(int version, int latest) {
    return new StoreException("store schema version %d is newer than this nanpin, which knows up to %d; upgrade nanpin"
        .formatted(version, latest));
  }

  static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
      return rs.next() ? rs.getInt(1) : 0;
    }
  }

  private static String appliedChecksum(Connection c, int version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT checksum FROM schema_version WHERE version = ?")) {
      ps.setInt(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  static String load(String resource) {
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration resource missing from the jar: " + resource);
      }
      // Normalise line ends so that the checksum does not depend on how the jar was built.
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("\r\n", "\n");
    } catch (IOException e) {
      throw new StoreException("cannot read migration " + resource, e);
    }
  }

  /** Splits a script at semicolons that end a line, dropping {@code --} comment lines. */
  static List<String> split(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        out.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by every Java platform", e);
    }
  }
}
