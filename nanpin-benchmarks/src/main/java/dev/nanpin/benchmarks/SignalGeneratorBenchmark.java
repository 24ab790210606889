package dev.nanpin.benchmarks;

import dev.nanpin.Signal;
import dev.nanpin.SignalGenerator;
import dev.nanpin.signals.OrderFlowGenerator;
import dev.nanpin.signals.SignalRun;
import dev.nanpin.signals.VolumeProfileGenerator;
import dev.nanpin.signals.WyckoffGenerator;
import dev.nanpin.sim.BarData;
import dev.nanpin.sim.GbmReference;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of the {@code nanpin-signals} generators: one operation is a fresh generator with its
 * defaults run over every bar of one hourly GBM path of 87,600 bars ({@code gbm 1 87600 42}, ten
 * years), as {@link SignalRun} replays it; divide by 87,600 for the cost per bar.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SignalGeneratorBenchmark {
  /** The bars as columns. */
  @State(Scope.Benchmark)
  public static class Bars {
    long[] t;
    double[] o;
    double[] h;
    double[] l;
    double[] c;
    double[] v;

    /** Generates the path. */
    @Setup(Level.Trial)
    public void setup() {
      BarData b = GbmReference.generate(1, 87_600, 42)[0];
      int n = b.size();
      t = new long[n];
      o = new double[n];
      h = new double[n];
      l = new double[n];
      c = new double[n];
      v = new double[n];
      for (int i = 0; i < n; i++) {
        t[i] = b.timeMillis(i);
        o[i] = b.open(i);
        h[i] = b.high(i);
        l[i] = b.low(i);
        c[i] = b.close(i);
        v[i] = b.volume(i);
      }
    }

    Signal[] run(SignalGenerator g) {
      return SignalRun.replay(g, t, o, h, l, c, v);
    }
  }

  /**
   * @param bars the bars
   * @return the readings
   */
  @Benchmark
  public Signal[] wyckoff(Bars bars) {
    return bars.run(WyckoffGenerator.of(Map.of()));
  }

  /**
   * @param bars the bars
   * @return the readings
   */
  @Benchmark
  public Signal[] orderflow(Bars bars) {
    return bars.run(OrderFlowGenerator.of(Map.of()));
  }

  /**
   * @param bars the bars
   * @return the readings
   */
  @Benchmark
  public Signal[] volumeProfile(Bars bars) {
    return bars.run(VolumeProfileGenerator.of(Map.of()));
  }
}
