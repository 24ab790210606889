package dev.nanpin.benchmarks;

import dev.nanpin.BarSeries;
import dev.nanpin.OrderIntent;
import dev.nanpin.Side;
import dev.nanpin.Strategy;
import dev.nanpin.StrategyContext;
import dev.nanpin.examples.LadderBasicStrategy;
import dev.nanpin.sim.BarData;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;

/**
 * The parts of a backtest's cost that {@link WorkloadBenchmark} cannot separate, on the same data
 * ({@code gbm 200 8760 42}) and engine settings: a fill, a strategy whose state is two running
 * sums kept with two additions per bar or with one, and building the workload B strategy.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EngineCostBenchmark {
  /** The workload data and engine. */
  public static class Paths extends WorkloadBenchmark.Data {
    /** Loads the data. */
    @Setup(Level.Trial)
    public void setup() {
      load();
    }
  }

  /** Buys 100 quote on even bars and closes the position on odd bars: one fill on every bar. */
  static final class FillEveryBar implements Strategy {
    private static final OrderIntent BUY = OrderIntent.buyQuote(100);
    private static final OrderIntent CLOSE = OrderIntent.closePosition(Side.SELL);

    @Override
    public void onBar(StrategyContext ctx) {
      ctx.submit((ctx.index() & 1) == 0 ? BUY : CLOSE);
    }
  }

  /** Workload A's two sums as first written: add the entering close, then subtract the leaving one. */
  static final class SumsTwoAdditions implements Strategy {
    double fastSum;
    double slowSum;

    @Override
    public void onBar(StrategyContext ctx) {
      BarSeries bars = ctx.bars();
      int i = ctx.index();
      double x = bars.close(i);
      fastSum += x;
      slowSum += x;
      if (i >= 50) {
        fastSum -= bars.close(i - 50);
      }
      if (i >= 200) {
        slowSum -= bars.close(i - 200);
      }
    }
  }

  /** The same sums as {@code sma-cross} keeps them: each moves by (entering - leaving). */
  static final class SumsOneAddition implements Strategy {
    double fastSum;
    double slowSum;

    @Override
    public void onBar(StrategyContext ctx) {
      BarSeries bars = ctx.bars();
      int i = ctx.index();
      double x = bars.close(i);
      fastSum += i >= 50 ? x - bars.close(i - 50) : x;
      slowSum += i >= 200 ? x - bars.close(i - 200) : x;
    }
  }

  /**
   * One fill on every bar of every path (1,752,000 fills per operation at 8,760 bars): divide
   * the time by the fills for the engine's cost of a market order from submit to callbacks.
   *
   * @param s the data
   * @return the sum of final equities
   */
  @Benchmark
  public double fillEveryBar(Paths s) {
    double sum = 0;
    for (BarData p : s.paths) {
      sum += s.backtester.runToEquity(p, new FillEveryBar(), s.sizer);
    }
    return sum;
  }

  /**
   * @param s the data
   * @return the sums, so that nothing is left unused
   */
  @Benchmark
  public double sumsTwoAdditions(Paths s) {
    double sum = 0;
    for (BarData p : s.paths) {
      SumsTwoAdditions st = new SumsTwoAdditions();
      s.backtester.runToEquity(p, st, s.sizer);
      sum += st.fastSum + st.slowSum;
    }
    return sum;
  }

  /**
   * @param s the data
   * @return the sums, so that nothing is left unused
   */
  @Benchmark
  public double sumsOneAddition(Paths s) {
    double sum = 0;
    for (BarData p : s.paths) {
      SumsOneAddition st = new SumsOneAddition();
      s.backtester.runToEquity(p, st, s.sizer);
      sum += st.fastSum + st.slowSum;
    }
    return sum;
  }

  /** @return workload B's strategy, built as each of its backtests builds it */
  @Benchmark
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public Strategy buildLadderBasic() {
    return new LadderBasicStrategy(100, 0.97, 1.3, 5, 1.02, 200);
  }
}
