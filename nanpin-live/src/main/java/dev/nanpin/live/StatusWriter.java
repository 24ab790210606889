package dev.nanpin.live;

import dev.nanpin.Exchange;
import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.risk.guard.RiskGuard;
import dev.nanpin.store.StateStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;

/**
 * The live engine's status: a snapshot taken on the engine thread and the status file, written
 * atomically (a temporary file, then a rename).
 */
abstract class StatusWriter extends Reconciler {
  StatusWriter(EngineConfig config, Exchange exchange, Strategy strategy, Sizer sizer, RiskGuard guard,
      StateStore store, Clock clock, Notifier notifier) {
    super(config, exchange, strategy, sizer, guard, store, clock, notifier);
  }

  // ---- status -------------------------------------------------------------------------------

  EngineStatus snapshot() {
    long age = lastEventMillis < 0 ? -1 : Math.max(0, clock.millis() - lastEventMillis);
    int open;
    long fills;
    try {
      open = (int) store.openOrders().stream().filter(o -> o.symbol().equals(cfg.symbol())).count();
      fills = fillsApplied;
    } catch (RuntimeException e) {
      open = -1;
      fills = fillsApplied;
    }
    int unknown;
    try {
      unknown = unresolvedOrders().size();
    } catch (RuntimeException e) {
      unknown = -1;
    }
    return new EngineStatus(cfg.name(), cfg.symbol(), state, clock.instant(), posQty, venuePosQty,
        book.averageEntry(), book.entries(), Double.isNaN(price) ? 0 : price,
        account == null ? Double.NaN : account.equity().doubleValue(), open, fills, age, streamHealthy, reconnects,
        unknown, exchange.circuitState(), failure == null ? null : describe(failure));
  }

  /** An error as the status shows it: its type and message. */
  static String describe(Throwable e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  void writeStatus() {
    Path file = cfg.statusFile();
    if (file == null) {
      return;
    }
    try {
      Path abs = file.toAbsolutePath();
      if (abs.getParent() != null) {
        Files.createDirectories(abs.getParent());
      }
      Path tmp = abs.resolveSibling(abs.getFileName() + ".tmp");
      // a ladder of a multi-symbol bot writes the portfolio: every ladder and the shared account
      String json = portfolio == null ? snapshot().toJson() : portfolio.snapshot(cfg.name()).toJson();
      Files.writeString(tmp, json + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      log.warn("Cannot write the status file {}: {}", file, e.toString());
    }
  }

  /**
   * The periodic status write. It goes on after a failure, unlike the engine's other periodic
   * tasks: the file is what shows the failure (and a failed ladder that writes it shows the others).
   */
  void statusTick() {
    if (!stopping) {
      writeStatusQuietly();
    }
  }

  void writeStatusQuietly() {
    try {
      writeStatus();
    } catch (RuntimeException e) {
      log.debug("status write failed: {}", e.toString());
    }
  }

}
