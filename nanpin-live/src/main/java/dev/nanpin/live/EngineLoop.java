package dev.nanpin.live;

import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The one thread the engines of a bot run on. A single-symbol bot's engine has a loop of its own;
 * the ladders of a multi-symbol bot share one, so that their strategies, the shared portfolio
 * view and the store see events one at a time without locks, and a replay of several symbols
 * runs in one deterministic order. The loop shuts down when its last engine has stopped or
 * failed: a failed ladder stops alone and the others of a shared loop go on (see {@link Bot} for
 * what they may still do).
 *
 * <p>Thread-safe.
 */
final class EngineLoop {
  final ScheduledThreadPoolExecutor executor;
  private int running; // guarded by this

  /**
   * @param threadName the engine thread's name
   * @param engines how many engines run on the loop; it shuts down when that many have stopped
   */
  EngineLoop(String threadName, int engines) {
    if (engines < 1) {
      throw new IllegalArgumentException("a loop needs at least one engine: " + engines);
    }
    this.running = engines;
    this.executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(false);
      return t;
    });
    executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    executor.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
  }

  /** One engine has stopped gracefully; the last one shuts the loop down. */
  synchronized void stopped() {
    if (--running <= 0) {
      executor.shutdown();
    }
  }

  /**
   * An engine failed: it counts as stopped, so a loop of one engine stops taking work now (queued
   * tasks still run, the failed engine's as no-ops) and a shared loop goes on for the others.
   */
  void abort() {
    stopped();
  }
}
