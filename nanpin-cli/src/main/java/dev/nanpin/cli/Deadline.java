package dev.nanpin.cli;

import dev.nanpin.NanpinException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code --timeout} of the data and backpack commands: a total deadline on the whole command
 * (every request, retry and wait included), not a per-call timeout that a stalled server can
 * stretch. The work runs on a daemon thread; at the deadline it is interrupted and the command
 * fails with one line naming the limit. Stateless.
 */
final class Deadline {
  private Deadline() {}

  /**
   * Runs work within a total deadline.
   *
   * @param timeout the deadline, from now
   * @param what the command, for the message
   * @param work the work
   * @param <T> its result
   * @return its result
   * @throws NanpinException if the deadline passes first
   * @throws Exception whatever the work throws
   */
  static <T> T within(Duration timeout, String what, Callable<T> work) throws Exception {
    ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "nanpin-" + what.replace(' ', '-'));
      t.setDaemon(true);
      return t;
    });
    Future<T> result = runner.submit(work);
    try {
      return result.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      result.cancel(true);
      throw new NanpinException("%s: no answer within --timeout %s".formatted(what, format(timeout)));
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof Exception x) {
        throw x;
      }
      throw (Error) cause;
    } finally {
      runner.shutdownNow();
    }
  }

  private static String format(Duration d) {
    long ms = d.toMillis();
    return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
  }
}
