package dev.nanpin.data.internal;

import dev.nanpin.data.SourceConfig;
import dev.nanpin.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rate limiters shared by every instance of a source in the process (two {@code FredSource}
 * objects must not each think they own FRED's budget). Limiters on an injected monotonic clock
 * (tests) are shared only among configs with that same clock object.
 */
public final class Limits {
  private static final Map<String, RateLimiter> SHARED = new ConcurrentHashMap<>();

  private Limits() {}

  /**
   * Returns the shared limiter for a name and settings.
   *
   * @param name e.g. {@code fred-per-second}
   * @param publishedLimit the published limit (the config's override wins when set)
   * @param window its window
   * @param config the settings (fraction, cool-down, time)
   * @param overridable whether the config's single published-limit override applies to this limiter
   * @return the limiter
   */
  public static RateLimiter shared(String name, int publishedLimit, Duration window, SourceConfig config, boolean overridable) {
    return shared(name, publishedLimit, window, config, overridable, config.limitFraction());
  }

  /**
   * Returns the shared limiter for a name and settings, with its own fraction of the limit.
   *
   * @param name e.g. {@code fred-per-second}
   * @param publishedLimit the published limit (the config's override wins when set)
   * @param window its window
   * @param config the settings (cool-down, time)
   * @param overridable whether the config's single published-limit override applies to this limiter
   * @param fraction the share of the limit used
   * @return the limiter
   */
  public static RateLimiter shared(String name, int publishedLimit, Duration window, SourceConfig config, boolean overridable,
      double fraction) {
    int limit = overridable && config.publishedLimit() > 0 ? config.publishedLimit() : publishedLimit;
    Duration w = overridable && config.window() != null ? config.window() : window;
    String key = "%s|%d|%s|%s|%s|%d".formatted(name, limit, w, fraction, config.cooldown(),
        System.identityHashCode(config.nanoTime()));
    return SHARED.computeIfAbsent(key, k -> RateLimiter.builder(name)
        .publishedLimit(limit, fraction)
        .window(w)
        .cooldown(config.cooldown())
        .nanoTime(config.nanoTime())
        .sleeper(config.sleeper())
        .build());
  }
}
