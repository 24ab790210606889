package dev.nanpin.exchange.backpack.internal.ws;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves one subscription's events off the connection's reader thread onto its own daemon
 * thread, through a bounded queue.
 *
 * <p>Overflow policy: when the queue is full, the new data event is dropped and counted, and a
 * re-sync is scheduled: once the listener catches up, {@link StreamHandler#onResync()} runs, so
 * a caller that tracks orders re-reads them by REST instead of silently missing a fill. The
 * reader thread never blocks. A re-sync request is never lost (it is a flag, not a queue entry);
 * error notices are informational and are dropped when the queue is full. A handler that
 * throws is logged and does not stop the dispatcher.
 */
public final class EventDispatcher implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(EventDispatcher.class);
  private static final AtomicInteger THREADS = new AtomicInteger();

  private record Data(String stream, JsonNode data) {}

  private final StreamHandler handler;
  private final BlockingQueue<Object> queue;
  private final AtomicBoolean resync = new AtomicBoolean();
  private final AtomicLong dropped = new AtomicLong();
  private final Thread thread;
  private volatile boolean closed;

  /**
   * Starts the dispatch thread.
   *
   * @param handler the subscription's handler
   * @param capacity the queue capacity
   */
  public EventDispatcher(StreamHandler handler, int capacity) {
    this.handler = handler;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.thread = new Thread(this::run, "backpack-dispatch-" + THREADS.incrementAndGet());
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /**
   * Queues a data event without blocking.
   *
   * @param stream the stream
   * @param data the payload
   */
  public void data(String stream, JsonNode data) {
    if (closed) {
      return;
    }
    if (!queue.offer(new Data(stream, data))) {
      long n = dropped.incrementAndGet();
      if (resync.compareAndSet(false, true)) {
        log.warn("backpack: listener queue full, dropped an event of {} ({} so far); a re-sync follows", stream, n);
      }
    }
  }

  /** Asks for a re-sync once the queued events are handled. */
  public void resync() {
    resync.set(true);
    queue.offer(Boolean.TRUE); // a wake-up; if the queue is full the flag is still seen
  }

  /**
   * Queues an error notice (dropped if the queue is full: errors are informational).
   *
   * @param error the error
   */
  public void error(Throwable error) {
    if (!closed) {
      queue.offer(error);
    }
  }

  /** @return the events dropped on overflow */
  public long dropped() {
    return dropped.get();
  }

  private void run() {
    while (!closed) {
      Object event;
      try {
        event = queue.poll(200, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        continue;
      }
      try {
        if (event instanceof Data d) {
          handler.onData(d.stream(), d.data());
        } else if (event instanceof Throwable t) {
          handler.onError(t);
        }
        if (queue.isEmpty() && resync.getAndSet(false) && !closed) {
          handler.onResync();
        }
      } catch (RuntimeException e) {
        log.warn("backpack: stream listener threw; continuing", e);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
