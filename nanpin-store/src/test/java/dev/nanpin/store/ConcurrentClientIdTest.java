package dev.nanpin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrentClientIdTest {
  @TempDir
  Path dir;

  @Test
  void threadsSharingOneStoreNeverGetTheSameId() throws Exception {
    try (StateStore store = StateStore.open(dir.resolve("a.db"))) {
      Set<Long> ids = allocateConcurrently(List.of(store, store, store, store), 100);
      assertThat(ids).hasSize(400);
      assertThat(ids).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
      assertThat(store.lastClientId()).isEqualTo(400);
    }
  }

  @Test
  void twoConnectionsOnOneFileNeverGetTheSameId() throws Exception {
    Path db = dir.resolve("b.db");
    try (StateStore first = StateStore.open(db); StateStore second = StateStore.open(db)) {
      Set<Long> ids = allocateConcurrently(List.of(first, second, first, second), 50);
      assertThat(ids).hasSize(200);
      assertThat(first.lastClientId()).isEqualTo(200);
    }
    try (StateStore reopened = StateStore.open(db)) {
      assertThat(reopened.allocateClientId()).isEqualTo(201);
    }
  }

  private static Set<Long> allocateConcurrently(List<StateStore> stores, int each) throws Exception {
    Set<Long> ids = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(stores.size());
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<Integer>> futures = new ArrayList<>();
      for (StateStore s : stores) {
        futures.add(pool.submit(() -> {
          start.await();
          int duplicates = 0;
          for (int i = 0; i < each; i++) {
            if (!ids.add(s.allocateClientId())) {
              duplicates++;
            }
          }
          return duplicates;
        }));
      }
      start.countDown();
      for (Future<Integer> f : futures) {
        assertThat(f.get()).isZero();
      }
    } finally {
      pool.shutdownNow();
    }
    return ids;
  }
}
