package dev.nanpin.benchmarks;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathBuffer;
import dev.nanpin.sim.montecarlo.PathEvaluator;
import dev.nanpin.sim.montecarlo.PathGenerator;
import dev.nanpin.sim.montecarlo.PathSummary;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.PluginProvider;
import dev.nanpin.spi.Plugins;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The Monte Carlo figures that wall-clock JMH cannot give on a shared machine, in CPU time, with
 * the load average beside each line (run by hand, see the README):
 *
 * <ul>
 *   <li>{@code floor ROUNDS}: process CPU time per run of {@link MonteCarloBenchmark#baseline},
 *       {@link MonteCarloBenchmark#nanpinLadder} and {@link MonteCarloBenchmark#ladderBasicGbm} on
 *       one thread, in turn in one JVM, so that every run sees the same load and JIT state.
 *   <li>{@code scaling PATHS ROUNDS}: the {@code nanpinLadder} run on 1 and then 2 threads; for each,
 *       every worker's thread CPU time from its first path to its last and its paths, the calling
 *       thread's CPU time (the serial part: merging and statistics) and the process's.
 *   <li>{@code run PATHS THREADS}: one {@code nanpinLadder}-style run of {@code PATHS} paths, then
 *       the heap in use; for maximum RSS run it under {@code /usr/bin/time -v}.
 * </ul>
 */
public final class MonteCarloCpu {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  private MonteCarloCpu() {}

  /**
   * @param args {@code floor ROUNDS}, {@code scaling PATHS ROUNDS} or {@code run PATHS THREADS}
   * @throws IOException if the load average cannot be read
   */
  public static void main(String[] args) throws IOException {
    switch (args.length == 0 ? "" : args[0]) {
      case "floor" -> floor(Integer.parseInt(args[1]));
      case "scaling" -> scaling(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      case "run" -> run(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      default -> throw new IllegalArgumentException("usage: floor ROUNDS | scaling PATHS ROUNDS | run PATHS THREADS");
    }
  }

  private static void floor(int rounds) throws IOException {
    MonteCarloBenchmark b = new MonteCarloBenchmark();
    b.threads = 1;
    b.setup();
    for (int r = 0; r < rounds; r++) {
      String load = load();
      long c0 = OS.getProcessCpuTime();
      b.baseline();
      long c1 = OS.getProcessCpuTime();
      b.nanpinLadder();
      long c2 = OS.getProcessCpuTime();
      b.ladderBasicGbm();
      long c3 = OS.getProcessCpuTime();
      System.out.printf("load %s  baseline %.2f s  nanpinLadder %.2f s (%.2fx)  ladderBasicGbm %.2f s (%.2fx)%n", load,
          (c1 - c0) / 1e9, (c2 - c1) / 1e9, (double) (c2 - c1) / (c1 - c0), (c3 - c2) / 1e9,
          (double) (c3 - c2) / (c1 - c0));
    }
  }

  /** Per worker thread: thread CPU before its first path, after its last, and its paths. */
  private static final Map<Thread, long[]> WORKERS = new ConcurrentHashMap<>();

  private static void scaling(int paths, int rounds) throws IOException {
    GbmGenerator gbm = GbmGenerator.btcLikeHourly(42);
    PathGenerator timed = new PathGenerator() {
      @Override
      public String id() {
        return gbm.id();
      }

      @Override
      public long barMillis() {
        return gbm.barMillis();
      }

      @Override
      public void generate(long path, int bars, PathBuffer out) {
        WORKERS.computeIfAbsent(Thread.currentThread(), t -> new long[] {THREADS.getCurrentThreadCpuTime(), 0, 0});
        gbm.generate(path, bars, out);
      }
    };
    for (int r = 0; r < rounds; r++) {
      for (int threads = 1; threads <= 2; threads++) {
        WORKERS.clear();
        Supplier<PathEvaluator> evaluators = () -> {
          PathEvaluator e = evaluator();
          return (p, bars, curve) -> {
            PathSummary s = e.evaluate(p, bars, curve);
            long[] w = WORKERS.get(Thread.currentThread());
            w[1] = THREADS.getCurrentThreadCpuTime();
            w[2]++;
            return s;
          };
        };
        MonteCarlo mc = MonteCarlo.builder(timed, evaluators).paths(paths).bars(MonteCarloBenchmark.BARS)
            .threads(threads).initialEquity(10_000).build();
        String load = load();
        long cpu0 = OS.getProcessCpuTime();
        long caller0 = THREADS.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        mc.run();
        long wall = System.nanoTime() - t0;
        long caller = THREADS.getCurrentThreadCpuTime() - caller0;
        long cpu = OS.getProcessCpuTime() - cpu0;
        StringBuilder each = new StringBuilder();
        double workers = 0;
        for (long[] w : WORKERS.values()) {
          double s = (w[1] - w[0]) / 1e9;
          workers += s;
          each.append(String.format(" %d paths in %.2f s = %.0f/s;", w[2], s, w[2] / s));
        }
        System.out.printf("load %s threads %d: wall %.2f s, process CPU %.2f s, workers' CPU %.2f s, caller CPU %.3f s,"
            + " paths per worker CPU-second %.0f |%s%n", load, threads, wall / 1e9, cpu / 1e9, workers, caller / 1e9,
            paths / workers, each);
      }
    }
  }

  private static void run(int paths, int threads) throws IOException {
    String load = load();
    long t0 = System.nanoTime();
    MonteCarloResult r = MonteCarlo.builder(GbmGenerator.btcLikeHourly(42), MonteCarloCpu::evaluator)
        .paths(paths).bars(MonteCarloBenchmark.BARS).threads(threads).initialEquity(10_000).build().run();
    int jsonChars = r.toJson().length();
    System.gc();
    Runtime rt = Runtime.getRuntime();
    System.out.printf("load %s paths %d threads %d: wall %.1f s, heap in use after a GC %d MB, committed %d MB"
        + " (JSON %d chars)%n", load, paths, threads, (System.nanoTime() - t0) / 1e9,
        (rt.totalMemory() - rt.freeMemory()) >> 20, rt.totalMemory() >> 20, jsonChars);
  }

  /** The evaluator of {@link MonteCarloBenchmark#nanpinLadder}. */
  private static PathEvaluator evaluator() {
    PluginProvider<?> provider = Plugins.load().provider(PluginFamily.STRATEGY, "nanpin");
    PluginConfig config = provider.configSpec().resolve(Map.of());
    SimulationConfig sim = SimulationConfig.builder().capital(10_000).feeBps(10).build();
    return new BacktestEvaluator(sim, () -> (Strategy) provider.create(config), () -> Sizer.fixedQuote(100));
  }

  private static String load() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
  }
}
