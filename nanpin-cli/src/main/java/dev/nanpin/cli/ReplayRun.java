package dev.nanpin.cli;

import dev.nanpin.AccountState;
import dev.nanpin.BarCsv;
import dev.nanpin.Fill;
import dev.nanpin.Side;
import dev.nanpin.metrics.Metrics;
import dev.nanpin.sim.report.HtmlReport;
import dev.nanpin.store.StateStore;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a person sees of a CSV replay run by {@code nanpin run}: a progress bar with ETA while it
 * plays, and at the end a summary and an HTML report read back from the store (equity snapshots
 * and fills), written into a new run folder {@code nanpin-runs/run-<UTC time>/}. Not thread-safe:
 * called from the run command's thread only.
 */
final class ReplayRun {
  private final ProgressPrinter progress;
  private final long total;
  private final long startNanos = System.nanoTime();
  private long done;

  /**
   * Starts the progress display of a replay.
   *
   * @param err where the progress goes
   * @param csv the replayed bar file, counted once for the total
   */
  ReplayRun(PrintWriter err, Path csv) {
    this.total = BarCsv.read(csv, (t, o, h, l, c, v) -> { });
    this.progress = new ProgressPrinter(err, System.console() != null, "replay", "bars");
  }

  /** One bar played. */
  void bar() {
    done++;
    progress.onProgress(Math.min(done, total), total, Duration.ofNanos(System.nanoTime() - startNanos));
  }

  /**
   * Prints the summary and writes the HTML report of the run from the store.
   *
   * @param store the bot's store, still open
   * @param name the bot's name
   * @param out where the summary goes
   */
  void finish(StateStore store, String name, PrintWriter out) {
    List<AccountState> equity = store.equityHistory(Instant.EPOCH, Instant.parse("9999-12-31T00:00:00Z"));
    List<Fill> fills = store.fillsSince(Instant.EPOCH);
    int n = equity.size();
    long[] time = new long[n];
    double[] eq = new double[n];
    for (int i = 0; i < n; i++) {
      time[i] = equity.get(i).time().toEpochMilli();
      eq[i] = equity.get(i).equity().doubleValue();
    }
    int buys = 0;
    BigDecimal fees = BigDecimal.ZERO;
    int[] fillAt = new int[fills.size()];
    boolean[] isBuy = new boolean[fills.size()];
    int at = 0; // fills come in time order: the snapshot index only moves forward
    for (int k = 0; k < fills.size(); k++) {
      Fill f = fills.get(k);
      isBuy[k] = f.side() == Side.BUY;
      buys += isBuy[k] ? 1 : 0;
      fees = fees.add(f.fee());
      while (at + 1 < n && time[at + 1] <= f.time().toEpochMilli()) {
        at++;
      }
      fillAt[k] = at;
    }
    List<HtmlReport.Figure> figures = new ArrayList<>();
    figures.add(new HtmlReport.Figure("Bars played", Long.toString(done), null));
    figures.add(new HtmlReport.Figure("Fills", fills.size() + " (" + buys + " buys, " + (fills.size() - buys) + " sells)", null));
    figures.add(new HtmlReport.Figure("Fees", StatusCommand.money(fees), null));
    out.println();
    out.printf(Locale.ROOT, "Replay of %s: %d bars, %d fills (%d buys, %d sells), fees %s%n", name, done, fills.size(), buys,
        fills.size() - buys, StatusCommand.money(fees));
    if (n >= 1) {
      double change = eq[n - 1] / eq[0] - 1;
      double drawdown = Metrics.maxDrawdown(eq);
      out.printf(Locale.ROOT, "Equity %s -> %s (%+.2f %%), max drawdown %.2f %% across %d equity snapshots%n",
          StatusCommand.money(equity.get(0).equity()), StatusCommand.money(equity.get(n - 1).equity()), change * 100,
          drawdown * 100, n);
      figures.add(new HtmlReport.Figure("Equity change", String.format(Locale.ROOT, "%+.2f %%", change * 100),
          "first to last equity snapshot"));
      figures.add(new HtmlReport.Figure("Max drawdown", String.format(Locale.ROOT, "%.2f %%", drawdown * 100),
          "between snapshots only"));
    }
    RunFolder folder = RunFolder.create(null, "run", Clock.systemUTC());
    Path html = folder.claim(null, "--html", "report.html");
    List<List<String>> rows = new ArrayList<>();
    for (Fill f : fills.subList(0, Math.min(fills.size(), 500))) {
      rows.add(List.of(f.time().toString(), f.side().name(), f.quantity().toPlainString(), StatusCommand.money(f.price()),
          StatusCommand.money(f.fee())));
    }
    HtmlReport.builder("Replay: " + name)
        .subtitle(done + " bars replayed; figures from the store's equity snapshots and fills")
        .figures("Run", figures)
        .note("Assumptions: equity is read from the snapshots the engine stored (every status period and at events), "
            + "so a drawdown between two snapshots is not seen; fills and fees are the paper exchange's. Rerun with "
            + "the same bot.yaml and CSV to reproduce.")
        .equityChart("equity", "Equity at each snapshot, fills marked", time, eq, n, fillAt, isBuy, fills.size())
        .table("Fills" + (fills.size() > 500 ? " (first 500)" : ""), List.of("time", "side", "quantity", "price", "fee"), rows)
        .write(html);
    folder.printWritten(out);
  }
}
