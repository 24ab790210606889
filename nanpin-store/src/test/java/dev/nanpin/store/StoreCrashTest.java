package dev.nanpin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a child JVM that writes to the store ({@link CrashWriterMain}) at arbitrary points,
 * several times over the same database, and checks after each kill that the store is
 * consistent: no half-written order, no fill without its order update and plugin state, no
 * client id handed out twice.
 */
class StoreCrashTest {
  private static final int KILLS = 6;

  @TempDir
  Path dir;

  @Test
  void storeStaysConsistentWhenTheWriterIsKilled() throws Exception {
    Path db = dir.resolve("crash.db");
    long seed = Long.getLong("nanpin.crash.seed", System.nanoTime());
    Random random = new Random(seed);
    long previousMaxClientId = 0;
    long previousFills = 0;
    for (int run = 0; run < KILLS; run++) {
      int ordersBeforeKill = 1 + random.nextInt(30);
      int completed = runAndKill(db, ordersBeforeKill, random.nextInt(20_000), run);
      assertThat(completed).as("seed %d run %d", seed, run).isGreaterThanOrEqualTo(ordersBeforeKill);
      long seenReadOnly;
      // A reader (nanpin status) must see the killed writer's committed work before any writer reopens.
      try (StateStore reader = StateStore.open(db, StoreOptions.defaults().asReadOnly())) {
        seenReadOnly = reader.fillCount();
        checkConsistent(reader, seed, run);
      }
      try (StateStore store = StateStore.open(db)) {
        assertThat(store.fillCount()).isEqualTo(seenReadOnly);
        assertThat(store.sqlitePragma("integrity_check")).isEqualTo("ok");
        long maxClientId = checkConsistent(store, seed, run);
        assertThat(maxClientId).as("new orders in run %d, seed %d", run, seed).isGreaterThan(previousMaxClientId);
        assertThat(store.fillCount()).isGreaterThanOrEqualTo(previousFills + ordersBeforeKill);
        previousMaxClientId = maxClientId;
        previousFills = store.fillCount();
      }
    }
    try (StateStore store = StateStore.open(db)) {
      // How many kills landed between "sending" and the fill: settled at the next start.
      System.out.printf("crash test seed %d: %d kills, %d orders, %d fills, %d settled at restart%n", seed, KILLS,
          store.recentOrders(1_000_000).size(), store.fillCount(), store.auditLog(1_000_000).size());
    }
  }

  /** Starts the writer, waits for a number of completed orders, then kills it without warning. */
  private int runAndKill(Path db, int ordersBeforeKill, int killDelayMicros, int run) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", CrashWriterMain.class.getName(), db.toString());
    pb.redirectError(dir.resolve("child-" + run + ".err").toFile());
    Process child = pb.start();
    int completed = 0;
    try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("done ") && ++completed >= ordersBeforeKill) {
          break;
        }
      }
      // A real delay, not fake time: it moves the kill to an arbitrary point of another process's
      // write sequence (allocate, record sending, answer, fill transaction, snapshots).
      TimeUnit.MICROSECONDS.sleep(killDelayMicros);
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    if (completed < ordersBeforeKill) {
      throw new AssertionError("child stopped early: " + Files.readString(dir.resolve("child-" + run + ".err")));
    }
    return completed;
  }

  private static long checkConsistent(StateStore store, long seed, int run) {
    String ctx = "seed " + seed + " run " + run;
    List<StoredOrder> orders = store.recentOrders(1_000_000);
    long maxClientId = 0;
    Set<Long> filledOrders = new HashSet<>();
    for (StoredOrder o : orders) {
      maxClientId = Math.max(maxClientId, o.clientId());
      List<StatusChange> history = store.statusHistory(o.clientId());
      assertThat(history).as("history of %d, %s", o.clientId(), ctx).isNotEmpty();
      assertThat(history.get(0).state()).isEqualTo(OrderState.SENDING);
      StatusChange last = history.get(history.size() - 1);
      assertThat(last.state()).as("order %d, %s", o.clientId(), ctx).isEqualTo(o.state());
      assertThat(last.filledQuantity()).isEqualByComparingTo(o.filledQuantity());
      // An order is written whole: its request fields are all there.
      assertThat(o.toRequest().quantity()).isEqualByComparingTo("0.25");
      List<dev.nanpin.Fill> fills = store.fillsOf(o.clientId());
      if (o.state() == OrderState.FILLED) {
        assertThat(fills).as("fills of %d, %s", o.clientId(), ctx).hasSize(1);
        assertThat(o.filledQuantity()).isEqualByComparingTo("0.25");
        filledOrders.add(o.clientId());
      } else {
        assertThat(fills).as("fills of unfilled %d, %s", o.clientId(), ctx).isEmpty();
        assertThat(o.state()).isIn(OrderState.SENDING, OrderState.NEW, OrderState.FAILED);
      }
    }
    assertThat(store.lastClientId()).as(ctx).isGreaterThanOrEqualTo(maxClientId);
    assertThat(store.fillCount()).as(ctx).isEqualTo(filledOrders.size());
    Map<String, String> ladder = store.loadState(StateKind.STRATEGY, "crash");
    Map<String, String> sizer = store.loadState(StateKind.SIZER, "crash");
    // The fill, its order update and both plugin states were committed together or not at all.
    assertThat(Long.parseLong(ladder.getOrDefault("fills", "0"))).as(ctx).isEqualTo(store.fillCount());
    assertThat(Long.parseLong(sizer.getOrDefault("buyCount", "0"))).as(ctx).isEqualTo(store.fillCount());
    if (store.fillCount() > 0) {
      assertThat(ladder).containsKey("lastClientId");
      assertThat(filledOrders).contains(Long.parseLong(ladder.get("lastClientId")));
    }
    // Orders left open by a kill are settled by the next run, and audited.
    long failedOrAudited = orders.stream().filter(o -> o.state() == OrderState.FAILED).count();
    assertThat(store.auditLog(1_000_000).stream().filter(a -> a.action().equals("MARK_FAILED")).count())
        .isEqualTo(failedOrAudited);
    return maxClientId;
  }
}
