package dev.nanpin.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Start-up time of the {@code nanpin} command, whole processes (not JMH: a JVM's start is the
 * thing measured). For each command it runs every variant in turn, round after round, so that
 * the machine's load falls on all variants alike, and prints per variant the median, the fastest
 * and the slowest time from the process start to its first byte of output (stdout or stderr) and
 * to its exit, the median CPU time of the process (GNU {@code time}, where installed: on a loaded
 * machine the steadier figure), and the load average before and after.
 *
 * <pre>{@code
 * java -cp nanpin-benchmarks/target/benchmarks.jar dev.nanpin.benchmarks.CliStartTime \
 *     nanpin-cli/target ROUNDS
 * }</pre>
 *
 * Variants: {@code java -jar nanpin.jar} (no archive of the application's classes: the JDK's
 * default class-data sharing only), the same with {@code -XX:SharedArchiveFile=nanpin.jsa} (the
 * archive {@code mvn package} writes next to the jar), and the launcher script {@code nanpin} (what
 * a user runs: the archive when it is there and valid), and the archive with {@code
 * -XX:TieredStopAtLevel=1} (C1 only; for comparison: long runs are slower without C2). Commands: {@code --version}, a one-path
 * Monte Carlo ({@code montecarlo --paths 1 --bars 1000 --threads 1 --no-progress}) and a backtest
 * of 500 hourly bars written by this harness; the two write their reports into fresh folders
 * under a temporary directory.
 */
public final class CliStartTime {
  private CliStartTime() {}

  /**
   * Runs the comparison.
   *
   * @param args the folder with {@code nanpin.jar}, {@code nanpin.jsa} and {@code nanpin}; the
   *     number of rounds (default 7)
   * @throws Exception if a process cannot be started
   */
  public static void main(String[] args) throws Exception {
    Path target = Path.of(args.length > 0 ? args[0] : "nanpin-cli/target").toAbsolutePath();
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
    Path jar = target.resolve("nanpin.jar");
    Path archive = target.resolve("nanpin.jsa");
    Path work = Files.createTempDirectory("nanpin-start");
    Path csv = work.resolve("bars.csv");
    writeBars(csv, 500);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Map<String, List<String>> variants = new LinkedHashMap<>();
    variants.put("java -jar", List.of(java, "-jar", jar.toString()));
    if (Files.isRegularFile(archive)) {
      variants.put("java -XX:SharedArchiveFile -jar", List.of(java, "-XX:SharedArchiveFile=" + archive,
          "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-jar", jar.toString()));
      variants.put("... -XX:TieredStopAtLevel=1", List.of(java, "-XX:SharedArchiveFile=" + archive,
          "-Xlog:cds=off", "-Xlog:cds+dynamic=off", "-XX:TieredStopAtLevel=1", "-jar", jar.toString()));
    }
    variants.put("launcher", List.of(target.resolve("nanpin").toString()));
    Map<String, List<String>> commands = new LinkedHashMap<>();
    commands.put("--version", List.of("--version"));
    commands.put("montecarlo 1 path", List.of("montecarlo", "--paths", "1", "--bars", "1000", "--threads", "1",
        "--no-progress", "--out", "{out}"));
    commands.put("backtest 500 bars", List.of("backtest", "--data", csv.toString(), "--strategy", "nanpin",
        "--out", "{out}"));
    System.out.printf(Locale.ROOT, "java %s, %d rounds, load average before: %.2f%n",
        System.getProperty("java.version"), rounds, load());
    int run = 0;
    for (Map.Entry<String, List<String>> command : commands.entrySet()) {
      Map<String, long[][]> times = new LinkedHashMap<>();
      for (String v : variants.keySet()) {
        times.put(v, new long[3][rounds]);
      }
      for (int r = -1; r < rounds; r++) { // round -1 warms the file cache, not counted
        for (Map.Entry<String, List<String>> variant : variants.entrySet()) {
          List<String> cmd = new ArrayList<>(variant.getValue());
          for (String a : command.getValue()) {
            cmd.add(a.equals("{out}") ? work.resolve("run" + run++).toString() : a);
          }
          long[] t = time(cmd, work.resolve("cpu.txt"));
          if (r >= 0) {
            for (int k = 0; k < 3; k++) {
              times.get(variant.getKey())[k][r] = t[k];
            }
          }
        }
      }
      for (Map.Entry<String, long[][]> e : times.entrySet()) {
        long[] first = e.getValue()[0].clone();
        long[] exit = e.getValue()[1].clone();
        long[] cpu = e.getValue()[2].clone();
        Arrays.sort(first);
        Arrays.sort(exit);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT,
            "%-18s %-30s first output median %4d ms (%d..%d), exit median %4d ms (%d..%d), CPU median %4s ms%n",
            command.getKey(), e.getKey(), first[rounds / 2], first[0], first[rounds - 1], exit[rounds / 2], exit[0],
            exit[rounds - 1], cpu[rounds / 2] < 0 ? "n/a" : Long.toString(cpu[rounds / 2]));
      }
    }
    System.out.printf(Locale.ROOT, "load average after: %.2f%n", load());
  }

  /**
   * Milliseconds from the start to the first byte of output, to the exit, and the process's CPU
   * time (user + system, from GNU time when {@code /usr/bin/time} exists, else -1).
   */
  private static long[] time(List<String> command, Path cpuFile) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(command);
    boolean gnuTime = Files.isExecutable(Path.of("/usr/bin/time"));
    if (gnuTime) {
      cmd.addAll(0, List.of("/usr/bin/time", "-f", "%U %S", "-o", cpuFile.toString()));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    long t0 = System.nanoTime();
    Process p = pb.start();
    long first = -1;
    try (InputStream in = p.getInputStream()) {
      if (in.read() >= 0) {
        first = System.nanoTime();
      }
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    int code = p.waitFor();
    long end = System.nanoTime();
    if (code != 0) {
      throw new IllegalStateException("exit " + code + ": " + String.join(" ", cmd));
    }
    long cpu = -1;
    if (gnuTime) {
      String[] us = Files.readString(cpuFile).trim().split("\\s+");
      cpu = Math.round((Double.parseDouble(us[us.length - 2]) + Double.parseDouble(us[us.length - 1])) * 1000);
    }
    return new long[] {((first < 0 ? end : first) - t0) / 1_000_000, (end - t0) / 1_000_000, cpu};
  }

  private static double load() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /** A deterministic hourly series (a slow sine around 100 with a drift), in the bar CSV format. */
  private static void writeBars(Path csv, int n) {
    StringBuilder sb = new StringBuilder("timestamp,open,high,low,close,volume\n");
    long t = 1_704_067_200_000L; // 2024-01-01T00:00Z
    double prev = 100;
    for (int i = 0; i < n; i++) {
      double close = 100 + 10 * Math.sin(i / 20.0) - i * 0.01;
      sb.append(t + i * 3_600_000L).append(',').append(fmt(prev)).append(',')
          .append(fmt(Math.max(prev, close) + 0.5)).append(',').append(fmt(Math.min(prev, close) - 0.5)).append(',')
          .append(fmt(close)).append(",10\n");
      prev = close;
    }
    try {
      Files.writeString(csv, sb);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
