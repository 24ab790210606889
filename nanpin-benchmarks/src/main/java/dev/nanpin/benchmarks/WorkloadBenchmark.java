package dev.nanpin.benchmarks;

import dev.nanpin.Sizer;
import dev.nanpin.examples.LadderBasicStrategy;
import dev.nanpin.examples.SmaCrossStrategy;
import dev.nanpin.sim.Backtester;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.GbmReference;
import dev.nanpin.sim.SimulationConfig;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Workloads A (SMA 50/200 cross) and B (DCA ladder) of benchmark-workloads.md on {@code gbm 200
 * 8760 42}: through the engine with the example plugins, and as a primitive-array loop of the
 * same rules (the baseline), in the same run. One operation is one backtest of every path (200 x
 * {@code bars} bars). The baseline also marks equity and tracks the drawdown every bar, as the
 * engine's ledger does, so both do the same work.
 *
 * <p>Each workload has its own state, whose setup checks that the baseline gives the engine's
 * final equity on every path (bit for bit for B, to 1e-9 for A) and runs only that workload's
 * strategy, so each JMH fork profiles one strategy, as one backtest would.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WorkloadBenchmark {
  /** The data, shared by both workloads. */
  @State(Scope.Benchmark)
  public abstract static class Data {
    /** Bars per path used: the first {@code bars} of each 8,760-bar path. */
    @Param({"8760"})
    public int bars;

    BarData[] paths;
    double[][] closes;
    Backtester backtester;
    Sizer sizer;
    /** The drawdown of the last baseline run, kept so the JIT cannot drop its computation. */
    public double lastMaxDrawdown;

    void load() {
      BarData[] full = GbmReference.generate(200, 8760, 42);
      String fp = GbmReference.fingerprint(full);
      if (!fp.equals("3e0da9c3f227d798")) {
        throw new IllegalStateException("data fingerprint " + fp + " is not the workload's");
      }
      paths = new BarData[full.length];
      closes = new double[full.length][];
      for (int p = 0; p < full.length; p++) {
        paths[p] = prefix(full[p], bars);
        closes[p] = new double[bars];
        for (int i = 0; i < bars; i++) {
          closes[p][i] = paths[p].close(i);
        }
      }
      backtester = new Backtester(SimulationConfig.builder().capital(10_000).feeBps(10)
          .fillTiming(FillTiming.SIGNAL_CLOSE).build());
      sizer = Sizer.fixedQuote(100);
    }
  }

  /** Workload A's state. */
  public static class StateA extends Data {
    /** Loads the data and checks engine against baseline. */
    @Setup(Level.Trial)
    public void setup() {
      load();
      for (int p = 0; p < paths.length; p++) {
        double a = backtester.runToEquity(paths[p], new SmaCrossStrategy(50, 200), sizer);
        double ba = baselineA(this, closes[p]);
        if (Math.abs(a - ba) > 1e-9 * Math.abs(ba)) {
          throw new IllegalStateException("A differs on path " + p + ": engine " + a + ", baseline " + ba);
        }
      }
    }
  }

  /** Workload B's state. */
  public static class StateB extends Data {
    /** Loads the data and checks engine against baseline. */
    @Setup(Level.Trial)
    public void setup() {
      load();
      for (int p = 0; p < paths.length; p++) {
        double b = backtester.runToEquity(paths[p], new LadderBasicStrategy(100, 0.97, 1.3, 5, 1.02, 200), sizer);
        double bb = baselineB(this, closes[p]);
        if (b != bb) {
          throw new IllegalStateException("B differs on path " + p + ": engine " + b + ", baseline " + bb);
        }
      }
    }
  }

  private static BarData prefix(BarData d, int n) {
    long[] t = new long[n];
    double[] o = new double[n];
    double[] h = new double[n];
    double[] l = new double[n];
    double[] c = new double[n];
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = d.timeMillis(i);
      o[i] = d.open(i);
      h[i] = d.high(i);
      l[i] = d.low(i);
      c[i] = d.close(i);
      v[i] = d.volume(i);
    }
    return BarData.of(t, o, h, l, c, v);
  }

  /**
   * @param s the state
   * @return the sum of final equities, A through the engine
   */
  @Benchmark
  public double engineA(StateA s) {
    double sum = 0;
    for (BarData p : s.paths) {
      sum += s.backtester.runToEquity(p, new SmaCrossStrategy(50, 200), s.sizer);
    }
    return sum;
  }

  /**
   * @param s the state
   * @return the sum of final equities, A as a primitive loop
   */
  @Benchmark
  public double baselineA(StateA s) {
    double sum = 0;
    for (double[] c : s.closes) {
      sum += baselineA(s, c);
    }
    return sum;
  }

  /**
   * @param s the state
   * @return the sum of final equities, B through the engine
   */
  @Benchmark
  public double engineB(StateB s) {
    double sum = 0;
    for (BarData p : s.paths) {
      sum += s.backtester.runToEquity(p, new LadderBasicStrategy(100, 0.97, 1.3, 5, 1.02, 200), s.sizer);
    }
    return sum;
  }

  /**
   * @param s the state
   * @return the sum of final equities, B as a primitive loop
   */
  @Benchmark
  public double baselineB(StateB s) {
    double sum = 0;
    for (double[] c : s.closes) {
      sum += baselineB(s, c);
    }
    return sum;
  }

  /** Workload A over closes: incremental SMAs, all-in entry, fills at the close, 10 bps. */
  static double baselineA(Data sink, double[] c) {
    double cash = 10_000.0;
    double qty = 0;
    double fastSum = 0;
    double slowSum = 0;
    int last = 0;
    double peak = 0;
    double maxDd = 0;
    for (int i = 0; i < c.length; i++) {
      double x = c[i];
      // as the plugin does: each sum moves by (entering - leaving), rounded once
      fastSum += i >= 50 ? x - c[i - 50] : x;
      slowSum += i >= 200 ? x - c[i - 200] : x;
      if (i >= 199) {
        double f = fastSum / 50;
        double s = slowSum / 200;
        int sign = f > s ? 1 : f < s ? -1 : 0;
        if (i >= 200) {
          if (qty == 0) {
            if (sign > 0 && last < 0) {
              qty = cash / (x * (1.0 + 0.001));
              double notional = qty * x;
              cash = cash - notional - notional * 0.001;
            }
          } else if (sign < 0 && last > 0) {
            double notional = qty * x;
            cash = cash + notional - notional * 0.001;
            qty = 0;
          }
        }
        if (sign != 0) {
          last = sign;
        }
      }
      double equity = cash + qty * x;
      peak = Math.max(peak, equity);
      maxDd = Math.max(maxDd, (peak - equity) / peak);
    }
    sink.lastMaxDrawdown = maxDd;
    return cash + qty * c[c.length - 1];
  }

  /** Workload B over closes, exactly as written in benchmark-workloads.md. */
  static double baselineB(Data sink, double[] c) {
    final double f = 0.001;
    double cash = 10_000.0;
    double qty = 0;
    double cost = 0;
    int buys = 0;
    double lastFill = 0;
    double lastQuote = 0;
    int nextStart = 200;
    double peak = 0;
    double maxDd = 0;
    for (int i = 0; i < c.length; i++) {
      double x = c[i];
      double q = -1;
      if (buys == 0) {
        if (i >= nextStart) {
          q = 100.0;
        }
      } else if (x >= cost / qty * 1.02) {
        double gross = qty * x;
        cash = cash + gross - gross * f;
        qty = 0;
        cost = 0;
        buys = 0;
        nextStart = i + 1;
      } else if (buys < 5 && x <= lastFill * 0.97) {
        q = lastQuote * 1.3;
      }
      if (q > 0) {
        cash = cash - q - q * f;
        qty = qty + q / x;
        cost = cost + q;
        lastFill = x;
        lastQuote = q;
        buys = buys + 1;
      }
      double equity = cash + qty * x;
      peak = Math.max(peak, equity);
      maxDd = Math.max(maxDd, (peak - equity) / peak);
    }
    sink.lastMaxDrawdown = maxDd;
    return cash + qty * c[c.length - 1];
  }
}
