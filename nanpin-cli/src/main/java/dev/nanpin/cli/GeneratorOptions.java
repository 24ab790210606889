package dev.nanpin.cli;

import dev.nanpin.sim.Assumptions;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.CsvBars;
import dev.nanpin.sim.montecarlo.BootstrapGenerator;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.GbmReferenceGenerator;
import dev.nanpin.sim.montecarlo.PathGenerator;
import dev.nanpin.sim.montecarlo.Shocks;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The Monte Carlo path settings shared by {@code montecarlo} and {@code sweep --montecarlo}. */
final class GeneratorOptions {
  @Option(names = "--paths", defaultValue = "4000", paramLabel = "N", description = "Number of paths (default: ${DEFAULT-VALUE}).")
  int paths;

  @Option(names = "--bars", defaultValue = "8760", paramLabel = "N", description = "Bars per path (default: ${DEFAULT-VALUE}, one year of hours).")
  int bars;

  @Option(names = "--generator", defaultValue = "gbm", paramLabel = "gbm|gbm-reference|bootstrap",
      description = "Path generator (default: ${DEFAULT-VALUE}).")
  String generator;

  @Option(names = "--seed", defaultValue = "42", paramLabel = "N", description = "Seed of the run (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: all cores); the result does not depend on it.")
  Integer threads;

  @Option(names = "--start", paramLabel = "PRICE", description = "gbm: first price (default: 30000, or the last close of --data).")
  Double start;

  @Option(names = "--mu", paramLabel = "X", description = "gbm: annual drift (default: 0.3, or fitted to --data); "
      + "--mu 0 is the no-drift sanity run: a ladder that only wins with drift shows it there.")
  Double mu;

  @Option(names = "--sigma", paramLabel = "X", description = "gbm: annual volatility (default: 0.7, or fitted to --data).")
  Double sigma;

  @Option(names = "--bar-minutes", paramLabel = "N", description = "gbm: bar length in minutes (default: 60, or that of --data).")
  Integer barMinutes;

  @Option(names = "--student-t", paramLabel = "DF", description = "gbm: Student-t shocks with DF > 2 degrees of freedom (fat tails) instead of normal.")
  Double studentT;

  @Option(names = "--jumps", paramLabel = "PER_YEAR:MEAN:STD",
      description = "gbm: add jumps, e.g. 4:-0.08:0.05 (4 a year, log size N(-0.08, 0.05)); drift-compensated.")
  String jumps;

  @Option(names = "--block", defaultValue = "24", paramLabel = "BARS", description = "bootstrap: (mean) block length (default: ${DEFAULT-VALUE}).")
  int block;

  @Option(names = "--bootstrap", defaultValue = "stationary", paramLabel = "stationary|moving-block",
      description = "bootstrap: how blocks are drawn (default: ${DEFAULT-VALUE}).")
  String bootstrapMode;

  void check() {
    if (paths < 1 || bars < 2) {
      throw new IllegalArgumentException("--paths must be >= 1 and --bars >= 2");
    }
    int workers = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    long need = heapEstimate(paths, bars, workers);
    long max = Runtime.getRuntime().maxMemory();
    if (need > max) {
      throw new IllegalArgumentException(("--paths %d --bars %d on %d threads needs about %s of heap (estimate: %d B a "
          + "path kept for the report, %d B a bar per thread, the fan chart's curves), the JVM may use %s: ask for "
          + "fewer paths or give Java more memory (JAVA_OPTS=-Xmx...)").formatted(paths, bars, workers, size(need),
          BYTES_PER_PATH, BYTES_PER_BAR, size(max)));
    }
  }

  /**
   * The configured generator.
   *
   * @param data a CSV history (fits gbm, feeds the bootstrap), or {@code null}
   */
  PathGenerator generator(Path data) {
    switch (generator) {
      case "gbm-reference" -> {
        return new GbmReferenceGenerator(seed);
      }
      case "bootstrap" -> {
        if (data == null) {
          throw new IllegalArgumentException("--generator bootstrap needs --data FILE (a CSV history)");
        }
        Columns h = Columns.read(data);
        BootstrapGenerator.Mode mode = SimulationOptions.parse(BootstrapGenerator.Mode.class, bootstrapMode);
        return new BootstrapGenerator(h.time, h.open, h.high, h.low, h.close, h.volume, h.n, mode, block,
            start != null ? start : h.close[h.n - 1], seed);
      }
      case "gbm" -> {
        GbmGenerator g = GbmGenerator.btcLikeHourly(seed);
        if (data != null) {
          Columns h = Columns.read(data);
          g = GbmGenerator.fit(h.time, h.open, h.high, h.low, h.close, h.n, seed);
        }
        g = new GbmGenerator(start != null ? start : g.start(), mu != null ? mu : g.mu(),
            sigma != null ? sigma : g.sigma(), barMinutes != null ? barMinutes * 60_000L : g.barMillis(), g.wick(),
            studentT != null ? Shocks.studentT(studentT) : Shocks.normal(), 0, 0, 0, g.volume(), g.startMillis(), seed);
        if (jumps != null) {
          String[] p = jumps.split(":");
          if (p.length != 3) {
            throw new IllegalArgumentException("--jumps takes PER_YEAR:MEAN:STD, e.g. 4:-0.08:0.05");
          }
          g = g.withJumps(Double.parseDouble(p[0]), Double.parseDouble(p[1]), Double.parseDouble(p[2]));
        }
        return g;
      }
      default -> throw new IllegalArgumentException(
          "unknown generator '" + generator + "'; one of gbm, gbm-reference, bootstrap");
    }
  }

  /**
   * Adds the path settings to a run's assumptions: the generator as it was built (fitted drift and
   * volatility included), paths, bars and seed.
   *
   * @param a the assumptions so far
   * @param g the generator {@link #generator} built
   * @param data the CSV history used, or {@code null}
   * @return the assumptions with the path settings
   */
  Assumptions assumptions(Assumptions a, PathGenerator g, Path data) {
    a = a.with("generator", g.id()).with("paths", paths).with("bars", bars).with("seed", seed)
        .with("barMinutes", g.barMillis() / 60_000.0).with("data", data == null ? null : data.toString());
    if (g instanceof GbmGenerator gbm) {
      a = a.with("gbm.start", gbm.start()).with("gbm.mu", gbm.mu()).with("gbm.sigma", gbm.sigma())
          .with("gbm.wick", gbm.wick())
          .with("gbm.shocks", gbm.shocks().isNormal() ? "normal" : "student-t " + gbm.shocks().df())
          .with("gbm.jumpsPerYear", gbm.jumpsPerYear()).with("gbm.jumpMean", gbm.jumpMean())
          .with("gbm.jumpStd", gbm.jumpStd())
          .with("gbm.drift", mu == null && data == null ? "default 0.3 (BTC-like; --mu 0 for no drift)"
              : mu == null ? "fitted to --data" : "set by --mu");
    } else if (g instanceof BootstrapGenerator) {
      a = a.with("bootstrap.mode", bootstrapMode).with("bootstrap.block", block);
    }
    return a;
  }

  String describe() {
    return "%s, %d paths x %d bars, seed %d".formatted(generator, paths, bars, seed);
  }

  /** A CSV history as columns. */
  private record Columns(int n, long[] time, double[] open, double[] high, double[] low, double[] close,
      double[] volume) {
    static Columns read(Path file) {
      BarData h = CsvBars.read(file);
      int n = h.size();
      if (n < 3) {
        throw new IllegalArgumentException(file + " has " + n + " bars; at least 3 are needed");
      }
      long[] t = new long[n];
      double[] o = new double[n];
      double[] hi = new double[n];
      double[] lo = new double[n];
      double[] c = new double[n];
      double[] v = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = h.timeMillis(i);
        o[i] = h.open(i);
        hi[i] = h.high(i);
        lo[i] = h.low(i);
        c[i] = h.close(i);
        v[i] = h.volume(i);
      }
      return new Columns(n, t, o, hi, lo, c, v);
    }
  }

  /** A path's summary (a record of 8 doubles, 2 ints, 2 booleans, its reference) and the result's copies of it. */
  static final long BYTES_PER_PATH = 176;

  /** A bar of the path a worker is simulating: time, OHLCV and equity columns. */
  static final long BYTES_PER_BAR = 64;

  /**
   * The heap a Monte Carlo run needs, estimated from what it keeps (see the README: one summary
   * per path, the equity curves of the first 1000 paths at 200 points, one path per worker) plus
   * 32 MiB for the JVM and the rest of the command.
   */
  static long heapEstimate(long paths, long bars, int threads) {
    return paths * BYTES_PER_PATH + threads * bars * BYTES_PER_BAR + Math.min(paths, 1000) * 200 * 8 + (32L << 20);
  }

  static String size(long bytes) {
    return bytes >= 1L << 30 ? String.format(java.util.Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30))
        : String.format(java.util.Locale.ROOT, "%d MiB", bytes >> 20);
  }
}
