package dev.nanpin.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StaleIfErrorCacheTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final StaleIfErrorCache<String, String> cache = new StaleIfErrorCache<>(
      k -> k.startsWith("slow") ? Duration.ofMinutes(10) : k.startsWith("never") ? Duration.ZERO : Duration.ofSeconds(20),
      Duration.ofHours(1), 100, now::get);

  private void advance(Duration d) {
    now.addAndGet(d.toNanos());
  }

  @Test
  void freshEntryExpiresAfterItsKeysTtl() {
    cache.put("price", "1");
    cache.put("slow-global", "2");
    advance(Duration.ofSeconds(19));
    assertThat(cache.fresh("price")).contains("1");
    advance(Duration.ofSeconds(2));
    assertThat(cache.fresh("price")).isEmpty();
    assertThat(cache.fresh("slow-global")).contains("2");
    advance(Duration.ofMinutes(10));
    assertThat(cache.fresh("slow-global")).isEmpty();
  }

  @Test
  void lastGoodOutlivesTheTtlUntilTheStaleLimit() {
    cache.put("price", "1");
    advance(Duration.ofMinutes(30));
    assertThat(cache.fresh("price")).isEmpty();
    assertThat(cache.lastGood("price")).contains("1");
    advance(Duration.ofMinutes(31));
    assertThat(cache.lastGood("price")).isEmpty();
  }

  @Test
  void zeroTtlIsNeverFreshButIsRememberedForStaleIfError() {
    cache.put("never-cached", "x");
    assertThat(cache.fresh("never-cached")).isEmpty();
    assertThat(cache.lastGood("never-cached")).contains("x");
  }

  @Test
  void putReplacesAndClearForgets() {
    cache.put("price", "1");
    cache.put("price", "2");
    assertThat(cache.fresh("price")).contains("2");
    cache.clear();
    assertThat(cache.fresh("price")).isEmpty();
    assertThat(cache.lastGood("price")).isEmpty();
  }
}
