package dev.nanpin;

/** A running stream subscription; closing it stops the callbacks. Idempotent and thread-safe. */
public interface Subscription extends AutoCloseable {
  /** Stops the subscription. */
  @Override
  void close();
}
