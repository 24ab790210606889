package dev.nanpin.cli;

import dev.nanpin.sim.montecarlo.ProgressListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Shows a run's progress on stderr: a redrawn bar with items/s and ETA on a terminal, plain
 * lines at most every two seconds otherwise (logs, CI).
 */
final class ProgressPrinter implements ProgressListener {
  private static final long PLAIN_EVERY_NANOS = 2_000_000_000L;
  private final PrintWriter err;
  private final boolean terminal;
  private final String what;
  private final String unit;
  private long lastPlainNanos = Long.MIN_VALUE;

  ProgressPrinter(PrintWriter err, boolean terminal, String what, String unit) {
    this.err = err;
    this.terminal = terminal;
    this.what = what;
    this.unit = unit;
  }

  @Override
  public void onProgress(long done, long total, Duration elapsed) {
    double seconds = Math.max(elapsed.toNanos() / 1e9, 1e-9);
    double rate = done / seconds;
    String eta = done == 0 ? "?" : String.format(Locale.ROOT, "%.0f s", (total - done) / Math.max(rate, 1e-9));
    if (terminal) {
      int width = 30;
      int filled = (int) (width * done / Math.max(total, 1));
      err.printf(Locale.ROOT, "\r[%s%s] %d/%d %s  %.0f %s/s  ETA %s ", "#".repeat(filled), "-".repeat(width - filled),
          done, total, unit, rate, unit, eta);
      if (done == total) {
        err.println();
      }
      err.flush();
      return;
    }
    long now = elapsed.toNanos();
    if (done == total || lastPlainNanos == Long.MIN_VALUE || now - lastPlainNanos >= PLAIN_EVERY_NANOS) {
      lastPlainNanos = now;
      err.printf(Locale.ROOT, "%s: %d/%d %s (%.1f %%), %.0f %s/s, ETA %s%n", what, done, total, unit,
          100.0 * done / Math.max(total, 1), rate, unit, eta);
      err.flush();
    }
  }
}
