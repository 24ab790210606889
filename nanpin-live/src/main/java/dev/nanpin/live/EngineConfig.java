package dev.nanpin.live;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * The settings of a {@link LiveEngine} that are not plugins.
 *
 * @param name the bot's name, used in logs, the status file and notifications
 * @param symbol the venue symbol traded
 * @param barInterval the bar length streamed and handed to the strategy
 * @param warmupBars how many closed bars are loaded before the first event, {@code >= 0}
 * @param reconcileEvery how often the store is reconciled with the venue (default 30 s), also
 *     checked in event time, so a replay reconciles as its clock advances
 * @param signingWindow how long after it was signed a "sending" order may still reach the
 *     venue; after it, an order the venue does not know is marked failed (default 60 s, the
 *     longest request window Backpack accepts). The signature time is bounded by the record time,
 *     the last send attempt and, for a send of an earlier process, this engine's start.
 * @param cancelOnShutdown whether resting orders are cancelled on a graceful shutdown
 * @param statusFile where the status JSON is written, or {@code null} for none
 * @param statusEvery how often the status is written (default 10 s)
 * @param makerFeeRate the maker fee as a fraction, what {@code AccountView.makerFeeRate()} answers
 * @param takerFeeRate the taker fee as a fraction
 */
public record EngineConfig(
    String name,
    String symbol,
    Duration barInterval,
    int warmupBars,
    Duration reconcileEvery,
    Duration signingWindow,
    boolean cancelOnShutdown,
    Path statusFile,
    Duration statusEvery,
    double makerFeeRate,
    double takerFeeRate) {

  /** Validates. */
  public EngineConfig {
    Objects.requireNonNull(name, "name");
    if (symbol == null || symbol.isBlank()) {
      throw new IllegalArgumentException("symbol must not be blank");
    }
    positive(barInterval, "barInterval");
    if (warmupBars < 0) {
      throw new IllegalArgumentException("warmupBars must be >= 0: " + warmupBars);
    }
    positive(reconcileEvery, "reconcileEvery");
    positive(signingWindow, "signingWindow");
    positive(statusEvery, "statusEvery");
    if (!(makerFeeRate >= 0 && makerFeeRate < 1) || !(takerFeeRate >= 0 && takerFeeRate < 1)) {
      throw new IllegalArgumentException("fee rates must be in [0, 1): %s, %s".formatted(makerFeeRate, takerFeeRate));
    }
  }

  /**
   * The defaults for a symbol: hourly bars, 200 warm-up bars, reconcile every 30 s, a 60 s
   * signing window, resting orders kept on shutdown, no status file, Backpack's base fees.
   *
   * @param name the bot's name
   * @param symbol the venue symbol
   * @return the configuration
   */
  public static EngineConfig defaults(String name, String symbol) {
    return new EngineConfig(name, symbol, Duration.ofHours(1), 200, Duration.ofSeconds(30), Duration.ofSeconds(60),
        false, null, Duration.ofSeconds(10), 0.0002, 0.0005);
  }

  /**
   * @param interval the bar length
   * @param warmup the number of warm-up bars
   * @return a copy with another bar interval and warm-up
   */
  public EngineConfig withBars(Duration interval, int warmup) {
    return new EngineConfig(name, symbol, interval, warmup, reconcileEvery, signingWindow, cancelOnShutdown,
        statusFile, statusEvery, makerFeeRate, takerFeeRate);
  }

  /**
   * @param every the reconciliation period
   * @param window the signing window
   * @return a copy with other reconciliation settings
   */
  public EngineConfig withReconcile(Duration every, Duration window) {
    return new EngineConfig(name, symbol, barInterval, warmupBars, every, window, cancelOnShutdown,
        statusFile, statusEvery, makerFeeRate, takerFeeRate);
  }

  /**
   * @param cancel whether to cancel resting orders on shutdown
   * @return a copy
   */
  public EngineConfig withCancelOnShutdown(boolean cancel) {
    return new EngineConfig(name, symbol, barInterval, warmupBars, reconcileEvery, signingWindow, cancel,
        statusFile, statusEvery, makerFeeRate, takerFeeRate);
  }

  /**
   * @param file the status JSON file, or {@code null}
   * @param every how often it is written
   * @return a copy
   */
  public EngineConfig withStatus(Path file, Duration every) {
    return new EngineConfig(name, symbol, barInterval, warmupBars, reconcileEvery, signingWindow, cancelOnShutdown,
        file, every, makerFeeRate, takerFeeRate);
  }

  /**
   * @param maker the maker fee fraction
   * @param taker the taker fee fraction
   * @return a copy
   */
  public EngineConfig withFees(double maker, double taker) {
    return new EngineConfig(name, symbol, barInterval, warmupBars, reconcileEvery, signingWindow, cancelOnShutdown,
        statusFile, statusEvery, maker, taker);
  }

  /**
   * @param other the venue symbol
   * @return a copy for another symbol (a ladder of a multi-symbol bot)
   */
  public EngineConfig withSymbol(String other) {
    return new EngineConfig(name, other, barInterval, warmupBars, reconcileEvery, signingWindow, cancelOnShutdown,
        statusFile, statusEvery, makerFeeRate, takerFeeRate);
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be > 0: " + d);
    }
  }
}
