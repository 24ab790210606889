package dev.nanpin.ml;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Assumptions;

/** Bar columns for tests: the shared real history (skipped when absent) or a seeded random walk. */
record Bars(long[] time, double[] open, double[] high, double[] low, double[] close, double[] volume) {

  int size() {
    return close.length;
  }

  Bars prefix(int n) {
    return new Bars(java.util.Arrays.copyOf(time, n), java.util.Arrays.copyOf(open, n), java.util.Arrays.copyOf(high, n),
        java.util.Arrays.copyOf(low, n), java.util.Arrays.copyOf(close, n), java.util.Arrays.copyOf(volume, n));
  }

  static Bars shared(String name) {
    Path file = Path.of(System.getProperty("nanpin.shared.dir", "../../shared"), "data", name);
    Assumptions.assumeTrue(Files.isRegularFile(file), "shared data absent: " + file);
    try {
      List<String> lines = Files.readAllLines(file);
      int n = lines.size() - 1;
      Bars b = new Bars(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
      for (int i = 0; i < n; i++) {
        String[] f = lines.get(i + 1).split(",");
        b.time[i] = Instant.parse(f[0]).toEpochMilli();
        b.open[i] = Double.parseDouble(f[1]);
        b.high[i] = Double.parseDouble(f[2]);
        b.low[i] = Double.parseDouble(f[3]);
        b.close[i] = Double.parseDouble(f[4]);
        b.volume[i] = Double.parseDouble(f[5]);
      }
      return b;
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  static Bars random(long seed, int n) {
    return walk(seed, n, 0.002);
  }

  /** A random walk with i.i.d. returns plus a slow sine trend of the given amplitude per bar. */
  static Bars walk(long seed, int n, double trend) {
    SplittableRandom r = new SplittableRandom(seed);
    Bars b = new Bars(new long[n], new double[n], new double[n], new double[n], new double[n], new double[n]);
    double p = 100;
    for (int i = 0; i < n; i++) {
      double o = p;
      double c = o * Math.exp(0.02 * (r.nextDouble() - 0.5) + trend * Math.sin(i / 40.0));
      b.time[i] = 1_600_000_000_000L + i * 3_600_000L;
      b.open[i] = o;
      b.close[i] = c;
      b.high[i] = Math.max(o, c) * (1 + 0.01 * r.nextDouble());
      b.low[i] = Math.min(o, c) * (1 - 0.01 * r.nextDouble());
      b.volume[i] = 10 + 100 * r.nextDouble();
      p = c;
    }
    return b;
  }

  /** Appends bar {@code i} to a growing series, as a feed does at the bar's close. */
  void appendTo(dev.nanpin.BarColumns series, int i) {
    if (!series.append(time[i], open[i], high[i], low[i], close[i], volume[i])) {
      throw new IllegalStateException("bar " + i + " is not after the series' last bar");
    }
  }
}
