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
}
