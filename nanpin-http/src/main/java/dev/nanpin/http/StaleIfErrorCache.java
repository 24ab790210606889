package dev.nanpin.http;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongSupplier;

/**
 * A response cache with a time-to-live per key (for example per query kind) and a second,
 * longer memory of the last good value for stale-if-error.
 *
 * <h2>Design</h2>
 *
 * <p>Two Caffeine caches: {@code fresh} expires each entry after the TTL its key asks for, so a
 * hit there is served without a request; {@code lastGood} keeps the same value for {@code
 * staleLimit} (and at most {@code maxEntries}), so that when a fresh fetch fails the caller can
 * still serve the previous answer, marked stale with its age. Keeping them apart means an expired
 * entry is never served as fresh and a stale one never hides a failure.
 *
 * <p>Time comes from an injected monotonic clock (nanoseconds), so tests run on fake time.
 * Thread-safe; values must be immutable.
 *
 * @param <K> the key type (with value equality: query records)
 * @param <V> the value type
 */
public final class StaleIfErrorCache<K, V> {
  private final Cache<K, V> fresh;
  private final Cache<K, V> lastGood;

  /**
   * Creates the cache.
   *
   * @param ttl the time-to-live of a key's fresh entry; {@link Duration#ZERO} disables caching
   *     that key (it is still remembered for stale-if-error)
   * @param staleLimit how long a last good value may be served stale, {@code >= 0}
   * @param maxEntries the most entries kept in each cache, {@code >= 1}
   * @param nanoTime the monotonic clock, e.g. {@code System::nanoTime}
   */
  public StaleIfErrorCache(Function<? super K, Duration> ttl, Duration staleLimit, long maxEntries, LongSupplier nanoTime) {
    Objects.requireNonNull(ttl, "ttl");
    Objects.requireNonNull(staleLimit, "staleLimit");
    Objects.requireNonNull(nanoTime, "nanoTime");
    if (staleLimit.isNegative() || maxEntries < 1) {
      throw new IllegalArgumentException("need staleLimit >= 0 and maxEntries >= 1: %s, %d".formatted(staleLimit, maxEntries));
    }
    Ticker ticker = nanoTime::getAsLong;
    this.fresh = Caffeine.newBuilder()
        .ticker(ticker)
        .executor(Runnable::run)
        .maximumSize(maxEntries)
        .expireAfter(new Expiry<K, V>() {
          @Override
          public long expireAfterCreate(K key, V value, long currentTime) {
            return nanos(ttl.apply(key));
          }

          @Override
          public long expireAfterUpdate(K key, V value, long currentTime, long currentDuration) {
            return nanos(ttl.apply(key));
          }

          @Override
          public long expireAfterRead(K key, V value, long currentTime, long currentDuration) {
            return currentDuration;
          }
        })
        .build();
    this.lastGood = Caffeine.newBuilder()
        .ticker(ticker)
        .executor(Runnable::run)
        .maximumSize(maxEntries)
        .expireAfterWrite(staleLimit)
        .build();
  }

  private static long nanos(Duration d) {
    if (d == null || d.isNegative() || d.isZero()) {
      return 0L;
    }
    try {
      return d.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }

  /**
   * @param key the key
   * @return the fresh value, empty when absent or expired
   */
  public Optional<V> fresh(K key) {
    return Optional.ofNullable(fresh.getIfPresent(key));
  }

  /**
   * @param key the key
   * @return the last good value within the stale limit, empty when none
   */
  public Optional<V> lastGood(K key) {
    return Optional.ofNullable(lastGood.getIfPresent(key));
  }

  /**
   * Stores a good value as fresh and as the last good one.
   *
   * @param key the key
   * @param value the value
   */
  public void put(K key, V value) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    fresh.put(key, value);
    lastGood.put(key, value);
  }

  /** Forgets everything. */
  public void clear() {
    fresh.invalidateAll();
    lastGood.invalidateAll();
  }
}
