package dev.nanpin.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nanpin.store.StoreException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MigrationsTest {
  private static final Migrations.Migration ONE =
      new Migrations.Migration(1, "one", "migrations-test/V1__one.sql");
  private static final Migrations.Migration BROKEN =
      new Migrations.Migration(2, "two", "migrations-test/V2__broken.sql");
  private static final Migrations.Migration FIXED =
      new Migrations.Migration(2, "two", "migrations-test/V2__fixed.sql");

  @TempDir
  Path dir;

  private static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void aFailingMigrationLeavesThePreviousVersionAndIsRetriedWhole() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("m.db"))) {
      assertThatThrownBy(() -> Migrations.migrate(c, Transactions.SQLITE, Clock.systemUTC(), List.of(ONE, BROKEN)))
          .isInstanceOf(StoreException.class).hasMessageContaining("no_such_table");
      assertThat(Migrations.currentVersion(c)).isEqualTo(1);
      assertThat(count(c, "SELECT COUNT(*) FROM one")).isEqualTo(1);
      assertThat(count(c, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'two'")).isZero();

      assertThat(Migrations.migrate(c, Transactions.SQLITE, Clock.systemUTC(), List.of(ONE, FIXED))).isEqualTo(2);
      assertThat(count(c, "SELECT COUNT(*) FROM one")).isEqualTo(2);
      // Applied once: running again changes nothing.
      assertThat(Migrations.migrate(c, Transactions.SQLITE, Clock.systemUTC(), List.of(ONE, FIXED))).isEqualTo(2);
      assertThat(count(c, "SELECT COUNT(*) FROM one")).isEqualTo(2);
      assertThat(count(c, "SELECT COUNT(*) FROM schema_version")).isEqualTo(2);
    }
  }

  @Test
  void scriptsSplitAtStatementEndsAndDropComments() {
    assertThat(Migrations.split("-- c\nCREATE TABLE a (\n  x INT\n);\n\nINSERT INTO a VALUES (1);\nSELECT 1"))
        .containsExactly("CREATE TABLE a (\n  x INT\n)", "INSERT INTO a VALUES (1)", "SELECT 1");
  }

  @Test
  void theShippedMigrationsAreNumberedInOrderFromOne() {
    for (int i = 0; i < Migrations.ALL.size(); i++) {
      assertThat(Migrations.ALL.get(i).version()).isEqualTo(i + 1);
      assertThat(Migrations.load(Migrations.ALL.get(i).resource())).isNotBlank();
    }
  }
}
