package dev.nanpin.live;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread the engines of a bot run on. A single-symbol bot's engine has a loop of its own;
 * the ladders of a multi-symbol bot share one, so that their strategies, the shared portfolio
 * view and the store see events one at a time without locks, and a replay of several symbols
 * runs in one deterministic order. The loop shuts down when its last engine has stopped or
 * failed: a failed ladder stops alone and the others of a shared loop go on (see {@link Bot} for
 * what they may still do).
 *
 * <h2>Why not an executor</h2>
 * A {@code ScheduledThreadPoolExecutor} allocated on every hand-over (the task wrapper, the
 * future, the lock's wait node when the thread parked): a few hundred bytes per market event.
 * Here events wait in one array queue, in arrival order, under the loop's monitor; the thread
 * waits on that monitor (no wait node on the heap), and a value that only its latest copy matters
 * for ({@link Latest}: a ticker's price) is handed over in a preallocated marker. The hand-over
 * of such a value allocates nothing while the engine keeps up.
 *
 * <h2>Order and time</h2>
 * Tasks run one at a time in the order they were handed over; a {@link Latest} value replaces
 * the one still waiting only while that one is the last event queued, so it never moves ahead of
 * an event that arrived after it. Periodic tasks run with a fixed delay after their due time
 * (monotonic clock), alternating with queued events so that neither starves the other.
 * {@link #shutdown()} drops the periodic tasks and the events still queued (their futures are
 * cancelled, so that no caller waits on them) and ends the thread after the running task.
 *
 * <p>Thread-safe.
 */
final class EngineLoop {
  private static final Logger log = LoggerFactory.getLogger(EngineLoop.class);

  private static final long IDLE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final Object lock = new Object();
  private final String threadName;
  private final ArrayDeque<Runnable> queue = new ArrayDeque<>(256); // guarded by lock
  private final PriorityQueue<Periodic> periodic = new PriorityQueue<>(); // guarded by lock
  private Thread thread; // guarded by lock; started with the first task
  private boolean shutdown; // guarded by lock
  private boolean terminated; // guarded by lock
  private boolean waiting; // guarded by lock: the loop thread waits for work
  private long periodicSeq; // guarded by lock
  private boolean periodicNext; // guarded by lock: the last task was an event; a due periodic task goes first
  private int running; // guarded by lock: engines not yet stopped

  /**
   * @param threadName the engine thread's name
   * @param engines how many engines run on the loop; it shuts down when that many have stopped
   */
  EngineLoop(String threadName, int engines) {
    if (engines < 1) {
      throw new IllegalArgumentException("a loop needs at least one engine: " + engines);
    }
    this.threadName = threadName;
    this.running = engines;
  }

  /**
   * A value handed to the loop of which only the latest copy matters (a ticker: the newest price
   * supersedes the older). While one is waiting as the last queued event, a newer one replaces
   * it; otherwise it is queued behind the events already there. Its preallocated marker is
   * reused while the loop keeps up; a second marker is allocated only when the first is still
   * queued behind later events (a backlog).
   *
   * @param <T> the value's type
   */
  abstract static class Latest<T> {
    private final Marker<T> spare = new Marker<>(this);
    private Marker<T> tail; // guarded by the loop's lock: this value's marker queued last, if any

    /**
     * Handles the value on the loop thread.
     *
     * @param value the latest value handed over before the loop took it
     * @param since {@link System#nanoTime()} when the first value it replaced was handed over
     */
    abstract void handle(T value, long since);
  }

  private static final class Marker<T> implements Runnable {
    private final Latest<T> owner;
    private T value; // guarded by the loop's lock while queued
    private long since;
    private boolean queued;
    private T taken; // loop thread only
    private long takenSince;

    Marker(Latest<T> owner) {
      this.owner = owner;
    }

    @Override
    public void run() {
      T v = taken;
      taken = null;
      owner.handle(v, takenSince);
    }
  }

  private static final class Periodic implements Comparable<Periodic> {
    final Runnable task;
    final long delayNanos;
    long due;
    long seq;

    Periodic(Runnable task, long due, long delayNanos) {
      this.task = task;
      this.due = due;
      this.delayNanos = delayNanos;
    }

    @Override
    public int compareTo(Periodic o) {
      int c = Long.compare(due - o.due, 0); // nanoTime order, overflow-safe
      return c != 0 ? c : Long.compare(seq, o.seq);
    }
  }

  // ---- handing work over ------------------------------------------------------------------

  /**
   * Queues a task behind the events already queued.
   *
   * @param task the task
   * @throws RejectedExecutionException when the loop has shut down
   */
  void execute(Runnable task) {
    synchronized (lock) {
      accepting();
      queue.addLast(task);
      wake();
    }
  }

  /**
   * Hands over the latest value of a {@link Latest}.
   *
   * @param latest whose value
   * @param value the value
   * @param now {@link System#nanoTime()} of its arrival
   * @return {@code true} when a marker was queued, {@code false} when the value replaced one
   *     still waiting
   * @throws RejectedExecutionException when the loop has shut down
   */
  <T> boolean offerLatest(Latest<T> latest, T value, long now) {
    synchronized (lock) {
      accepting();
      Marker<T> m = latest.tail;
      if (m != null && queue.peekLast() == m) {
        m.value = value; // it waits last: the newer value takes its place, its arrival stays
        return false;
      }
      m = latest.spare.queued ? new Marker<>(latest) : latest.spare;
      m.value = value;
      m.since = now;
      m.queued = true;
      latest.tail = m;
      queue.addLast(m);
      wake();
      return true;
    }
  }

  /**
   * Queues a task and returns its future.
   *
   * @param work the task
   * @return the future of its answer; cancelled if the loop shuts down before it ran
   * @throws RejectedExecutionException when the loop has shut down
   */
  <T> Future<T> submit(Callable<T> work) {
    FutureTask<T> f = new FutureTask<>(work);
    execute(f);
    return f;
  }

  /**
   * Runs {@code task} every {@code delay} after its last run ended, the first time after
   * {@code initialDelay}; until the loop shuts down. A task that throws is not run again.
   */
  void scheduleWithFixedDelay(Runnable task, long initialDelay, long delay, TimeUnit unit) {
    synchronized (lock) {
      accepting();
      Periodic p = new Periodic(task, System.nanoTime() + unit.toNanos(initialDelay), Math.max(1, unit.toNanos(delay)));
      p.seq = periodicSeq++;
      periodic.add(p);
      wake();
    }
  }

  private void accepting() {
    if (shutdown) {
      throw new RejectedExecutionException("the engine loop " + threadName + " has shut down");
    }
  }

  private void wake() {
    if (thread == null) {
      thread = new Thread(this::run, threadName);
      thread.setDaemon(false);
      thread.start();
    } else if (waiting) {
      lock.notifyAll();
    }
  }

  // ---- life cycle -------------------------------------------------------------------------

  /** One engine has stopped gracefully; the last one shuts the loop down. */
  void stopped() {
    synchronized (lock) {
      if (--running <= 0) {
        shutdown();
      }
    }
  }

  /**
   * An engine failed: it counts as stopped, so a loop of one engine shuts down now (events still
   * queued are dropped) and a shared loop goes on for the others (the failed engine's queued
   * events run as no-ops).
   */
  void abort() {
    stopped();
  }

  /**
   * Stops taking work: periodic tasks and queued events are dropped (their futures cancelled),
   * the running task finishes, then the thread ends. Idempotent.
   */
  void shutdown() {
    List<Runnable> dropped;
    synchronized (lock) {
      if (shutdown) {
        return;
      }
      shutdown = true;
      periodic.clear();
      dropped = new ArrayList<>(queue);
      queue.clear();
      if (thread == null) {
        terminated = true;
      }
      lock.notifyAll();
    }
    for (Runnable r : dropped) {
      if (r instanceof Future<?> f) {
        f.cancel(false);
      }
    }
  }

  /** @return whether the loop has shut down (it may still be finishing its running task) */
  boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  /**
   * Waits until the loop's thread has ended after {@link #shutdown()}.
   *
   * @return {@code true} if it ended within the timeout
   * @throws InterruptedException if interrupted while waiting
   */
  boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    long deadline = System.nanoTime() + unit.toNanos(timeout);
    synchronized (lock) {
      while (!terminated) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(lock, left);
      }
      return true;
    }
  }

  // ---- the thread -------------------------------------------------------------------------

  private void run() {
    try {
      Runnable task;
      while ((task = next()) != null) {
        try {
          task.run();
        } catch (RuntimeException | Error e) {
          // the engines guard their tasks; this is a last resort that keeps the loop alive
          log.error("Engine loop {}: a task failed: {}", threadName, e.toString(), e);
        }
      }
    } finally {
      synchronized (lock) {
        terminated = true;
        lock.notifyAll();
      }
    }
  }

  /**
   * The next task to run, waiting for one; alternates due periodic tasks with queued events.
   * {@code null} once the loop has shut down.
   */
  private Runnable next() {
    synchronized (lock) {
      while (true) {
        if (shutdown) {
          return null;
        }
        long now = System.nanoTime();
        Periodic p = periodic.peek();
        boolean due = p != null && p.due - now <= 0;
        if (due && (periodicNext || queue.isEmpty())) {
          periodic.poll();
          periodicNext = false;
          return () -> runPeriodic(p);
        }
        Runnable r = queue.pollFirst();
        if (r != null) {
          if (r instanceof Marker<?> m) {
            take(m);
          }
          periodicNext = true;
          return r;
        }
        waiting = true;
        try {
          // bounded even when idle: a hand-over wakes it at once, this only caps any surprise
          TimeUnit.NANOSECONDS.timedWait(lock, p == null ? IDLE_WAIT_NANOS : Math.min(IDLE_WAIT_NANOS, p.due - now));
        } catch (InterruptedException e) {
          // nothing interrupts the loop on purpose; it ends through shutdown()
        } finally {
          waiting = false;
        }
      }
    }
  }

  private static <T> void take(Marker<T> m) {
    m.taken = m.value;
    m.takenSince = m.since;
    m.value = null;
    m.queued = false;
    if (m.owner.tail == m) {
      m.owner.tail = null;
    }
  }

  private void runPeriodic(Periodic p) {
    try {
      p.task.run();
    } catch (RuntimeException | Error e) {
      log.error("Engine loop {}: a periodic task failed and is not run again: {}", threadName, e.toString(), e);
      return;
    }
    synchronized (lock) {
      if (!shutdown) {
        p.due = System.nanoTime() + p.delayNanos;
        p.seq = periodicSeq++;
        periodic.add(p);
      }
    }
  }
}
