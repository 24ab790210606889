package dev.nanpin.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class EngineLoopTest {
  private static final long WAIT_S = 10;

  /** Records what a Latest handled, as "name=value". */
  private static final class Recorder extends EngineLoop.Latest<Integer> {
    final List<String> seen;
    final List<Long> since = new CopyOnWriteArrayList<>();

    Recorder(List<String> seen) {
      this.seen = seen;
    }

    @Override
    void handle(Integer value, long arrived) {
      seen.add("tick=" + value);
      since.add(arrived);
    }
  }

  @Test
  void aLatestValueReplacesOnlyTheOneWaitingLastAndNeverOvertakesALaterEvent() throws Exception {
    EngineLoop loop = new EngineLoop("test-loop", 1);
    List<String> seen = new CopyOnWriteArrayList<>();
    Recorder ticks = new Recorder(seen);
    CountDownLatch release = block(loop);
    assertThat(loop.offerLatest(ticks, 1, 100)).isTrue();
    assertThat(loop.offerLatest(ticks, 2, 200)).isFalse(); // waits last: replaced, arrival kept
    loop.execute(() -> seen.add("bar"));
    assertThat(loop.offerLatest(ticks, 3, 300)).isTrue(); // behind the bar: queued anew
    assertThat(loop.offerLatest(ticks, 4, 400)).isFalse();
    release.countDown();
    loop.submit(() -> null).get(WAIT_S, TimeUnit.SECONDS);
    assertThat(seen).containsExactly("tick=2", "bar", "tick=4");
    assertThat(ticks.since).containsExactly(100L, 300L);
    // the preallocated marker is free again and reused
    assertThat(loop.offerLatest(ticks, 5, 500)).isTrue();
    loop.submit(() -> null).get(WAIT_S, TimeUnit.SECONDS);
    assertThat(seen).endsWith("tick=5");
    loop.shutdown();
    assertThat(loop.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void noHandOverIsLostAndTheLatestValueAlwaysArrives() throws Exception {
    EngineLoop loop = new EngineLoop("test-loop", 1);
    AtomicInteger events = new AtomicInteger();
    AtomicLong lastValue = new AtomicLong();
    AtomicInteger outOfOrder = new AtomicInteger();
    EngineLoop.Latest<Integer> latest = new EngineLoop.Latest<>() {
      @Override
      void handle(Integer value, long since) {
        if (value <= lastValue.get()) {
          outOfOrder.incrementAndGet();
        }
        lastValue.set(value);
      }
    };
    int n = 200_000;
    Thread producer = new Thread(() -> {
      for (int i = 1; i <= n; i++) {
        loop.offerLatest(latest, i, System.nanoTime());
        if (i % 3 == 0) {
          loop.execute(events::incrementAndGet);
        }
      }
    });
    producer.start();
    producer.join(TimeUnit.SECONDS.toMillis(60));
    assertThat(producer.isAlive()).isFalse();
    loop.submit(() -> null).get(WAIT_S, TimeUnit.SECONDS);
    assertThat(events.get()).isEqualTo(n / 3);
    assertThat(lastValue.get()).isEqualTo(n);
    assertThat(outOfOrder.get()).isZero();
    loop.shutdown();
    assertThat(loop.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void periodicTasksRunUntilShutdownWhichDropsQueuedWork() throws Exception {
    EngineLoop loop = new EngineLoop("test-loop", 1);
    CountDownLatch ranTwice = new CountDownLatch(2);
    loop.scheduleWithFixedDelay(ranTwice::countDown, 0, 1, TimeUnit.MILLISECONDS);
    assertThat(ranTwice.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
    CountDownLatch release = block(loop);
    Future<Object> queued = loop.submit(() -> "never");
    loop.shutdown();
    assertThat(queued.isCancelled()).isTrue();
    assertThatThrownBy(() -> queued.get(WAIT_S, TimeUnit.SECONDS)).isInstanceOf(CancellationException.class);
    assertThatThrownBy(() -> loop.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    assertThatThrownBy(() -> loop.offerLatest(new Recorder(new CopyOnWriteArrayList<>()), 1, 0))
        .isInstanceOf(RejectedExecutionException.class);
    assertThat(loop.awaitTermination(10, TimeUnit.MILLISECONDS)).isFalse(); // the running task holds it
    release.countDown();
    assertThat(loop.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void theLoopShutsDownWhenItsLastEngineStopsAndStartsNoThreadUnused() throws Exception {
    EngineLoop unused = new EngineLoop("test-unused", 1);
    unused.stopped();
    assertThat(unused.awaitTermination(0, TimeUnit.MILLISECONDS)).isTrue();

    EngineLoop shared = new EngineLoop("test-shared", 2);
    assertThat(shared.submit(() -> 42).get(WAIT_S, TimeUnit.SECONDS)).isEqualTo(42);
    shared.stopped();
    assertThat(shared.isShutdown()).isFalse();
    shared.stopped();
    assertThat(shared.isShutdown()).isTrue();
    assertThat(shared.awaitTermination(WAIT_S, TimeUnit.SECONDS)).isTrue();
  }

  /** Occupies the loop's thread until the returned latch is counted down. */
  private static CountDownLatch block(EngineLoop loop) throws InterruptedException {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch blocked = new CountDownLatch(1);
    loop.execute(() -> {
      blocked.countDown();
      awaitQuietly(release);
    });
    assertThat(blocked.await(WAIT_S, TimeUnit.SECONDS)).isTrue();
    return release;
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(WAIT_S, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
