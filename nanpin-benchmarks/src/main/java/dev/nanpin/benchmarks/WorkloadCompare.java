package dev.nanpin.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@link WorkloadBenchmark} of several builds of nanpin in one JVM, in thread CPU time, for
 * comparing versions of the engine on a shared machine where wall-clock JMH figures of different
 * JVMs are not comparable (run by hand, see the README).
 *
 * <p>Each benchmark jar given is loaded in its own class loader (parent: the platform loader), so
 * every version has its own classes, profiles and compiled code, and its workload states are set
 * up (with their own engine-against-baseline checks). Then, round after round, every version runs
 * each of {@code engineA}, {@code baselineA}, {@code engineB} and {@code baselineB} for about
 * {@code TARGET_NANOS} of CPU, the versions' order rotating each round, so that all of them see
 * the same load. After the warm-up rounds are dropped, it prints per version the median thread
 * CPU time per operation and the median per-round ratios: engine against its own baseline, and
 * each engine against the first jar's engine.
 *
 * <p>Usage: {@code java -cp benchmarks.jar dev.nanpin.benchmarks.WorkloadCompare BARS WARMUP
 * ROUNDS JAR...}.
 */
public final class WorkloadCompare {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
  private static final String[] NAMES = {"engineA", "baselineA", "engineB", "baselineB"};
  private static final long TARGET_NANOS = 150_000_000L;

  private WorkloadCompare() {}

  /**
   * @param args {@code BARS WARMUP ROUNDS JAR...}
   * @throws Exception if a jar cannot be loaded or a workload's setup check fails
   */
  public static void main(String[] args) throws Exception {
    if (args.length < 4) {
      throw new IllegalArgumentException("usage: BARS WARMUP ROUNDS JAR...");
    }
    int bars = Integer.parseInt(args[0]);
    int warmup = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    List<Version> versions = new ArrayList<>();
    for (int j = 3; j < args.length; j++) {
      versions.add(new Version(Path.of(args[j]), bars));
    }
    int v = versions.size();
    // nanos per operation: [round][version][benchmark]
    double[][][] perOp = new double[rounds][v][NAMES.length];
    int[] ops = new int[NAMES.length];
    Arrays.fill(ops, 1);
    for (int r = -warmup; r < rounds; r++) {
      for (int k = 0; k < v; k++) {
        int vi = Math.floorMod(r + k, v);
        for (int b = 0; b < NAMES.length; b++) {
          double nanos = versions.get(vi).time(b, ops[b]);
          if (r < 0) {
            // size each measurement to about TARGET_NANOS of CPU from the warm-up's own figures
            ops[b] = (int) Math.max(1, Math.min(1000, TARGET_NANOS / Math.max(1.0, nanos)));
          } else {
            perOp[r][vi][b] = nanos;
          }
        }
      }
      if (r == -1) {
        System.out.printf(Locale.ROOT, "ops per measurement: %s, load %s%n", Arrays.toString(ops), load());
      }
    }
    System.out.printf(Locale.ROOT, "bars %d, %d rounds after %d warm-up rounds, load at the end %s%n",
        bars, rounds, warmup, load());
    for (int vi = 0; vi < v; vi++) {
      StringBuilder line = new StringBuilder(versions.get(vi).jar.toString()).append('\n');
      for (int b = 0; b < NAMES.length; b++) {
        line.append(String.format(Locale.ROOT, "  %-9s %8.3f ms/op (median CPU)%n", NAMES[b],
            median(column(perOp, vi, b, -1, -1)) / 1e6));
      }
      line.append(String.format(Locale.ROOT, "  engineA / baselineA %.3f, engineB / baselineB %.3f (median per-round ratio)%n",
          median(column(perOp, vi, 0, vi, 1)), median(column(perOp, vi, 2, vi, 3))));
      if (vi > 0) {
        line.append(String.format(Locale.ROOT, "  engineA / first jar's engineA %.3f, engineB / first jar's engineB %.3f%n",
            median(column(perOp, vi, 0, 0, 0)), median(column(perOp, vi, 2, 0, 2))));
      }
      System.out.print(line);
    }
  }

  /** Per round: {@code perOp[r][v][b]}, divided by {@code perOp[r][dv][db]} unless {@code dv < 0}. */
  private static double[] column(double[][][] perOp, int v, int b, int dv, int db) {
    double[] out = new double[perOp.length];
    for (int r = 0; r < perOp.length; r++) {
      out[r] = dv < 0 ? perOp[r][v][b] : perOp[r][v][b] / perOp[r][dv][db];
    }
    return out;
  }

  private static double median(double[] xs) {
    double[] s = xs.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  private static String load() throws IOException {
    Path p = Path.of("/proc/loadavg");
    return Files.exists(p) ? Files.readString(p).trim().split(" ")[0] : "n/a";
  }

  /** One build of nanpin: its classes, its workload states and its benchmark methods. */
  private static final class Version {
    final Path jar;
    final Object bench;
    final Object[] states = new Object[NAMES.length];
    final Method[] methods = new Method[NAMES.length];

    Version(Path jar, int bars) throws Exception {
      this.jar = jar;
      @SuppressWarnings("resource") // the versions live as long as the JVM
      ClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, ClassLoader.getPlatformClassLoader());
      Class<?> c = loader.loadClass("dev.nanpin.benchmarks.WorkloadBenchmark");
      bench = c.getConstructor().newInstance();
      Object a = state(loader, "dev.nanpin.benchmarks.WorkloadBenchmark$StateA", bars);
      Object b = state(loader, "dev.nanpin.benchmarks.WorkloadBenchmark$StateB", bars);
      for (int i = 0; i < NAMES.length; i++) {
        states[i] = NAMES[i].endsWith("A") ? a : b;
        methods[i] = c.getMethod(NAMES[i], states[i].getClass());
      }
    }

    private static Object state(ClassLoader loader, String name, int bars) throws Exception {
      Class<?> s = loader.loadClass(name);
      Object state = s.getConstructor().newInstance();
      s.getField("bars").setInt(state, bars);
      s.getMethod("setup").invoke(state);
      return state;
    }

    /** Thread CPU nanos per operation over {@code ops} operations of benchmark {@code b}. */
    double time(int b, int ops) throws Exception {
      double sink = 0;
      long start = THREADS.getCurrentThreadCpuTime();
      for (int i = 0; i < ops; i++) {
        sink += (double) methods[b].invoke(bench, states[b]);
      }
      long nanos = THREADS.getCurrentThreadCpuTime() - start;
      if (Double.isNaN(sink)) {
        throw new IllegalStateException(NAMES[b] + " of " + jar + " gave NaN");
      }
      return (double) nanos / ops;
    }
  }
}
