package dev.nanpin.benchmarks;

import dev.nanpin.Sizer;
import dev.nanpin.Strategy;
import dev.nanpin.examples.LadderBasicStrategy;
import dev.nanpin.sim.BacktestEvaluator;
import dev.nanpin.sim.FillTiming;
import dev.nanpin.sim.SimulationConfig;
import dev.nanpin.sim.montecarlo.GbmGenerator;
import dev.nanpin.sim.montecarlo.GbmReferenceGenerator;
import dev.nanpin.sim.montecarlo.MonteCarlo;
import dev.nanpin.sim.montecarlo.MonteCarloResult;
import dev.nanpin.sim.montecarlo.PathGenerator;
import dev.nanpin.spi.PluginConfig;
import dev.nanpin.spi.PluginFamily;
import dev.nanpin.spi.PluginProvider;
import dev.nanpin.spi.Plugins;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
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
 * Whole Monte Carlo runs, path generation included, as {@code nanpin montecarlo} does them.
 *
 * <ul>
 *   <li>{@link #nanpinLadder}: the built-in {@code nanpin} strategy with its defaults on 4000
 *       one-year hourly paths of the fast {@code gbm} generator (BTC-like drift and volatility),
 *       fixed-quote sizer of 100, 10 bps fees, next-open fills: the README's first command.
 *   <li>{@link #ladderBasicReference}: workload B ({@code ladder-basic}) on {@code gbm-reference
 *       2000 8760 42}, signal-close fills.
 *   <li>{@link #ladderBasicGbm}: workload B on 4000 x 8760 paths of the fast {@code gbm}
 *       generator (as {@link #nanpinLadder}), signal-close fills, through {@link MonteCarlo}.
 *   <li>{@link #baseline}: the floor of {@link #ladderBasicGbm}: a hand-written loop on one thread
 *       that generates the same paths (a per-path {@link SplittableRandom} seeded as {@link
 *       GbmGenerator#pathSeed}, {@code nextGaussian}, {@code Math.exp}) and runs workload B's rules
 *       inline ({@link WorkloadBenchmark#baselineB}); the setup checks that it gives every path's
 *       final equity of {@link #ladderBasicGbm} bit for bit. It ignores {@code threads}.
 * </ul>
 * One operation is one whole run; paths per second = paths / (seconds per operation).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class MonteCarloBenchmark {
  /** Worker threads of the run. */
  @Param({"1", "2"})
  public int threads;

  private MonteCarlo nanpin;
  private MonteCarlo ladderBasic;
  private MonteCarlo ladderBasicGbm;
  private final FloorSink sink = new FloorSink();
  private double[] floorCloses;

  /** Paths of {@link #ladderBasicGbm} and {@link #baseline}. */
  static final int GBM_PATHS = 4000;
  /** Bars per path. */
  static final int BARS = 8760;
  /** The generator of {@link #ladderBasicGbm} and {@link #baseline}. */
  static final GbmGenerator GBM = GbmGenerator.btcLikeHourly(42);

  /** Builds both runs. */
  @Setup(Level.Trial)
  public void setup() {
    PluginProvider<?> provider = Plugins.load().provider(PluginFamily.STRATEGY, "nanpin");
    PluginConfig config = provider.configSpec().resolve(Map.of());
    Supplier<Strategy> strategies = () -> (Strategy) provider.create(config);
    SimulationConfig sim = SimulationConfig.builder().capital(10_000).feeBps(10).build();
    nanpin = run(GbmGenerator.btcLikeHourly(42), 4000, sim, strategies);
    SimulationConfig workload = SimulationConfig.builder().capital(10_000).feeBps(10)
        .fillTiming(FillTiming.SIGNAL_CLOSE).build();
    ladderBasic = run(new GbmReferenceGenerator(42), 2000, workload,
        () -> new LadderBasicStrategy(100, 0.97, 1.3, 5, 1.02, 200));
    ladderBasicGbm = run(GBM, GBM_PATHS, workload, () -> new LadderBasicStrategy(100, 0.97, 1.3, 5, 1.02, 200));
    floorCloses = new double[BARS];
    MonteCarloResult engine = ladderBasicGbm.run();
    for (int p = 0; p < GBM_PATHS; p++) {
      double floor = floorPath(p);
      double e = engine.path(p).finalEquity();
      if (floor != e) {
        throw new IllegalStateException("baseline differs on path " + p + ": engine " + e + ", baseline " + floor);
      }
    }
  }

  /** Generates path {@code p} of {@link #GBM} as {@link GbmGenerator#generate} does and runs workload B on it. */
  private double floorPath(int p) {
    GbmGenerator g = GBM;
    SplittableRandom rng = new SplittableRandom(GbmGenerator.pathSeed(g.seed(), p));
    double dt = g.barMillis() / GbmGenerator.MILLIS_PER_YEAR;
    double drift = (g.mu() - 0.5 * g.sigma() * g.sigma()) * dt; // no jumps
    double volStep = g.sigma() * Math.sqrt(dt);
    double[] c = floorCloses;
    double prev = g.start();
    for (int i = 0; i < BARS; i++) {
      double x = drift + volStep * rng.nextGaussian();
      rng.nextGaussian(); // the wick's draw: the generator takes it, the closes do not need it
      prev = prev * Math.exp(x);
      c[i] = prev;
    }
    return WorkloadBenchmark.baselineB(sink, c);
  }

  private MonteCarlo run(PathGenerator generator, int paths, SimulationConfig sim, Supplier<Strategy> strategies) {
    return MonteCarlo.builder(generator, () -> new BacktestEvaluator(sim, strategies, () -> Sizer.fixedQuote(100)))
        .paths(paths).bars(8760).threads(threads).initialEquity(sim.capital()).build();
  }

  /**
   * @return the result, so that nothing is optimised away
   */
  @Benchmark
  public MonteCarloResult nanpinLadder() {
    return nanpin.run();
  }

  /**
   * @return the result
   */
  @Benchmark
  public MonteCarloResult ladderBasicReference() {
    return ladderBasic.run();
  }

  /**
   * @return the result
   */
  @Benchmark
  public MonteCarloResult ladderBasicGbm() {
    return ladderBasicGbm.run();
  }

  /**
   * @return the sum of the final equities, so that nothing is optimised away
   */
  @Benchmark
  public double baseline() {
    double sum = 0;
    for (int p = 0; p < GBM_PATHS; p++) {
      sum += floorPath(p);
    }
    return sum;
  }

  /** Where {@link WorkloadBenchmark#baselineB} leaves its drawdown. */
  private static final class FloorSink extends WorkloadBenchmark.Data {}
}
