package dev.nanpin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A transaction callback begins on the database with its first call on the store: one that calls
 * nothing takes no lock (a live engine's quiet tick issues no statement); after its first call it
 * holds the write lock until it commits, as {@code BEGIN IMMEDIATE} at the start always did.
 */
class LazyTransactionTest {
  @TempDir
  Path dir;

  @Test
  void theWriteLockIsTakenByTheFirstCallAndHeldToTheCommit() {
    Path db = dir.resolve("lazy.db");
    StoreOptions quick = StoreOptions.defaults().withBusyTimeout(Duration.ofMillis(50));
    try (StateStore a = StateStore.open(db, quick); StateStore b = StateStore.open(db, quick)) {
      a.runInTransaction(s -> b.audit("other", "writer", false, "not blocked: nothing called yet"));
      a.runInTransaction(s -> {
        s.audit("mine", "writer", false, "the first call begins the transaction");
        assertThatThrownBy(() -> b.audit("other", "writer", false, "blocked"))
            .isInstanceOf(StoreException.class);
      });
      assertThat(b.auditLog(10)).extracting(AuditEntry::action).containsExactlyInAnyOrder("other", "mine");
      // a callback that fails after its first call leaves nothing behind
      assertThatThrownBy(() -> a.runInTransaction(s -> {
        s.audit("rolled-back", "writer", false, "undone");
        throw new IllegalStateException("boom");
      })).hasMessage("boom");
      assertThat(b.auditLog(10)).extracting(AuditEntry::action).doesNotContain("rolled-back");
    }
  }
}
