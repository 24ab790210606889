package dev.nanpin.signals;

import dev.nanpin.BarColumns;
import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.Trade;
import dev.nanpin.testkit.SharedData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Bars for tests: columns, a builder, a CSV reader and a runner that feeds a generator bar by bar
 * through core's growing {@link BarColumns}, as a backtest or a live feed does.
 */
final class TestBars {
  final long[] time;
  final double[] open;
  final double[] high;
  final double[] low;
  final double[] close;
  final double[] volume;

  TestBars(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume) {
    this.time = time;
    this.open = open;
    this.high = high;
    this.low = low;
    this.close = close;
    this.volume = volume;
  }

  int length() {
    return time.length;
  }

  /** Appends bar {@code i} to a growing series; bar times here always increase. */
  void appendTo(BarColumns series, int i) {
    if (!series.append(time[i], open[i], high[i], low[i], close[i], volume[i])) {
      throw new IllegalStateException("bar " + i + " is not after the series' last bar");
    }
  }

  /** The first n bars as a new series. */
  TestBars head(int n) {
    return new TestBars(Arrays.copyOf(time, n), Arrays.copyOf(open, n), Arrays.copyOf(high, n),
        Arrays.copyOf(low, n), Arrays.copyOf(close, n), Arrays.copyOf(volume, n));
  }

  /** Bars from..to (exclusive) as a new series. */
  TestBars slice(int from, int to) {
    return new TestBars(Arrays.copyOfRange(time, from, to), Arrays.copyOfRange(open, from, to),
        Arrays.copyOfRange(high, from, to), Arrays.copyOfRange(low, from, to), Arrays.copyOfRange(close, from, to),
        Arrays.copyOfRange(volume, from, to));
  }

  /** Reads a shared CSV ({@code timestamp,open,high,low,close,volume}), or empty when absent. */
  static Optional<TestBars> shared(String name) {
    return SharedData.find("data/" + name).map(TestBars::readCsv);
  }

  static TestBars readCsv(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      Builder b = new Builder();
      for (String line : lines.subList(1, lines.size())) {
        if (line.isBlank()) {
          continue;
        }
        String[] f = line.split(",");
        b.bar(Instant.parse(f[0]).toEpochMilli(), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
            Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]));
      }
      return b.build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Index of the first bar at or after an ISO date (yyyy-mm-dd). */
  int indexOf(String date) {
    long t = Instant.parse(date + "T00:00:00Z").toEpochMilli();
    for (int i = 0; i < time.length; i++) {
      if (time[i] >= t) {
        return i;
      }
    }
    return time.length;
  }

  /** Runs a generator over every bar, trades per bar optional; the signal (or null) of each bar. */
  static List<Signal> run(SignalGenerator g, TestBars bars, List<List<Trade>> tradesPerBar) {
    List<Signal> out = new ArrayList<>(bars.length());
    BarColumns series = new BarColumns(Math.max(1, bars.length()));
    for (int i = 0; i < bars.length(); i++) {
      if (tradesPerBar != null) {
        for (Trade t : tradesPerBar.get(i)) {
          g.onTrade(t);
        }
      }
      bars.appendTo(series, i);
      out.add(g.onBar(series));
    }
    return out;
  }

  static List<Signal> run(SignalGenerator g, TestBars bars) {
    return run(g, bars, null);
  }

  /** Builds bars one at a time, a day apart by default. */
  static final class Builder {
    private final List<double[]> rows = new ArrayList<>();
    private final List<Long> times = new ArrayList<>();
    private long next = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();

    Builder bar(long t, double o, double h, double l, double c, double v) {
      times.add(t);
      rows.add(new double[] {o, h, l, c, v});
      next = t + 86_400_000L;
      return this;
    }

    Builder bar(double o, double h, double l, double c, double v) {
      return bar(next, o, h, l, c, v);
    }

    /** A bar around a close: open at the previous close, high/low a little outside. */
    Builder close(double c, double v) {
      double o = rows.isEmpty() ? c : rows.get(rows.size() - 1)[3];
      return bar(o, Math.max(o, c) * 1.005, Math.min(o, c) * 0.995, c, v);
    }

    Builder repeat(int n, double c, double v) {
      for (int k = 0; k < n; k++) {
        close(c, v);
      }
      return this;
    }

    TestBars build() {
      int n = rows.size();
      long[] t = new long[n];
      double[][] cols = new double[5][n];
      for (int i = 0; i < n; i++) {
        t[i] = times.get(i);
        for (int k = 0; k < 5; k++) {
          cols[k][i] = rows.get(i)[k];
        }
      }
      return new TestBars(t, cols[0], cols[1], cols[2], cols[3], cols[4]);
    }
  }
}
