package dev.nanpin.sim.internal;

import dev.nanpin.sim.montecarlo.ProgressListener;
import dev.nanpin.sim.run.CellTask;
import dev.nanpin.sim.run.Runner;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Worker threads of this process: each takes the next free cell from a shared counter and writes
 * its result into that cell's slot, so the result list is in cell order whatever the timing. A
 * pool is made per run and shut down after it (daemon threads), so an unclosed runner leaks
 * nothing.
 */
public final class LocalRunner implements Runner {
  private final int threads;

  /** @param threads worker threads, {@code >= 1} */
  public LocalRunner(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    this.threads = threads;
  }

  @Override
  public <R extends Serializable> List<R> run(CellTask<R> task, int cells, IntConsumer progress) {
    Objects.requireNonNull(task, "task");
    Objects.requireNonNull(progress, "progress");
    if (cells < 0) {
      throw new IllegalArgumentException("cells must be >= 0: " + cells);
    }
    Object[] results = new Object[cells];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    AtomicBoolean failed = new AtomicBoolean();
    int workers = Math.max(1, Math.min(threads, cells));
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "nanpin-runner");
      t.setDaemon(true);
      return t;
    });
    try {
      List<Future<?>> futures = new ArrayList<>(workers);
      for (int t = 0; t < workers; t++) {
        futures.add(pool.submit(() -> {
          CellTask.Worker<R> worker = task.worker();
          for (int i = next.getAndIncrement(); i < cells && !failed.get(); i = next.getAndIncrement()) {
            try {
              results[i] = Objects.requireNonNull(worker.apply(i), "the result of cell " + i);
            } catch (RuntimeException | Error e) {
              failed.set(true);
              throw e;
            }
            done.incrementAndGet();
          }
          return null;
        }));
      }
      awaitAll(futures, done, progress);
    } finally {
      pool.shutdownNow();
    }
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) (List<?>) Arrays.asList(results);
    return list;
  }

  private static void awaitAll(List<Future<?>> futures, AtomicInteger done, IntConsumer progress) {
    for (Future<?> f : futures) {
      while (true) {
        try {
          f.get(ProgressListener.INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
          break;
        } catch (TimeoutException e) {
          progress.accept(done.get());
        } catch (ExecutionException e) {
          futures.forEach(w -> w.cancel(true));
          Throwable cause = e.getCause();
          if (cause instanceof RuntimeException re) {
            throw re;
          }
          throw new IllegalStateException(cause);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          futures.forEach(w -> w.cancel(true));
          throw new IllegalStateException("run interrupted", e);
        }
      }
    }
  }

  @Override
  public int parallelism() {
    return threads;
  }

  @Override
  public String describe() {
    return "local, " + threads + (threads == 1 ? " thread" : " threads");
  }
}
